import { Link, useFetcher } from "@remix-run/react";
import { paragraphHeading } from "~/domain/agenda";
import { decisionLabel, type GroupKind, type Stage } from "~/domain/decision";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";
import { FormAlert, SelectField, TextArea } from "./Field";
import { StatusBadge, type StatusTone } from "./StatusBadge";

const DECISION_TONE: Record<Stage, StatusTone> = { adopted: "good", not_adopted: "bad", open: "waiting", proposed: "info" };

/** Status in words, and for a decision not adopted why: missing parties, objections, abstentions. */
export function DecisionOutcome({ stage, outcome, abstained = [] }: { stage: Stage; outcome: { missing: string[]; objecting: string[] } | null; abstained?: string[] }) {
  const t = useT();
  const reasons = [
    outcome?.missing.length ? t("decision.missing", { parties: outcome.missing.join(", ") }) : null,
    outcome?.objecting.length ? t("decision.objection", { parties: outcome.objecting.join(", ") }) : null,
    abstained.length ? t("decision.abstained", { parties: abstained.join(", ") }) : null,
  ].filter(Boolean);
  return (
    <span className={`decision-status decision-${stage}`}>
      <StatusBadge tone={DECISION_TONE[stage]}>{t(`decision.status.${stage}`)}</StatusBadge>
      {stage === "not_adopted" && reasons.length ? ` – ${reasons.join("; ")}` : null}
    </span>
  );
}

export interface MeetingDecision {
  id: string;
  year: number;
  number: number;
  text: string;
  stage: Stage;
  agendaItemId: string | null;
}

/** The meeting page's "Beslut" block: decisions by agenda item, and the chair's form to record one. */
export function MeetingDecisions({
  meetingId,
  groupId,
  groupKind,
  held,
  canRecord,
  agenda,
  decisions,
}: {
  meetingId: string;
  groupId: string;
  groupKind: GroupKind;
  held: boolean;
  canRecord: boolean;
  agenda: { id: string; number: number; title: string }[];
  decisions: MeetingDecision[];
}) {
  const t = useT();
  // Recording redirects to the new decision; only refusals and field errors come back here.
  const fetcher = useFetcher<ActionData>();
  const errors = fetcher.data?.fieldErrors ?? {};
  // Decisions per capsulum recorded here belong to no item and come last.
  const byItem = [...agenda.map((item) => ({ id: item.id, heading: paragraphHeading(item) })), { id: null, heading: t("decision.kind.per_capsulum") }]
    .map((item) => ({ ...item, decisions: decisions.filter((d) => d.agendaItemId === item.id) }))
    .filter((item) => item.decisions.length);
  return (
    <section aria-labelledby="decisions-h">
      <h2 id="decisions-h">{t("decision.title")}</h2>
      {!held ? <p className="muted">{t("decision.notHeldYet")}</p> : null}
      {held && !decisions.length ? <p className="empty">{t("decision.noneAtMeeting")}</p> : null}
      {byItem.map((item) => (
        <div key={item.id ?? "per-capsulum"}>
          <h3>{item.heading}</h3>
          <ul>
            {item.decisions.map((d) => (
              <li key={d.id}>
                <Link to={`/decisions/${d.id}`}>{decisionLabel(groupKind, d.year, d.number)}</Link>: {d.text} (<DecisionOutcome stage={d.stage} outcome={null} />)
              </li>
            ))}
          </ul>
        </div>
      ))}
      {held && canRecord ? (
        <details open={Object.keys(errors).length > 0}>
          <summary>{t("decision.record")}</summary>
          <FormAlert message={errors.refused ? t(errors.refused) : undefined} />
          <fetcher.Form method="post" action={`/meetings/${meetingId}/decisions`} className="stack">
            <SelectField
              name="agendaItemId"
              label={t("decision.item")}
              options={agenda.map((a) => ({ value: a.id, label: paragraphHeading(a) }))}
              error={errors.agendaItemId}
            />
            <TextArea name="text" id="f-decision-text" label={t("decision.text")} required error={errors.text} />
            <button type="submit">{t("decision.recordSubmit")}</button>
          </fetcher.Form>
        </details>
      ) : null}
      <p>
        <Link to={`/groups/${groupId}/decisions`}>{t("decision.registerLink")}</Link>
      </p>
    </section>
  );
}
