import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { DecisionOutcome } from "~/components/Decisions";
import { TextArea } from "~/components/Field";
import { decisionLabel, stageOf } from "~/domain/decision";
import { stockholmDate } from "~/domain/stockholm-date";
import { proposalSchema } from "~/forms/decision";
import { parseForm } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { assertAllowed } from "~/http/result.server";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { createDecision, decisionsOfGroup } from "~/services/decisions.server";
import { requireGroupCapabilities } from "~/services/meeting-access.server";

export const meta = titled("decision.registerTitle");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { access, can } = await requireGroupCapabilities(context.db, requireUser(context, request), params.id!);
  const rows = await decisionsOfGroup(context.db, access.group.id);
  const years = [...new Set(rows.map((r) => r.year))];
  return {
    group: { id: access.group.id, name: access.group.name, kind: access.group.kind },
    can: { proposePerCapsulum: can.proposePerCapsulum === true },
    years: years.map((year) => ({
      year,
      decisions: rows
        .filter((r) => r.year === year)
        .map((r) => ({
          id: r.id,
          label: decisionLabel(access.group.kind, r.year, r.number),
          text: r.text,
          stage: stageOf(r),
          outcome: r.outcome,
          meeting: r.meetingId ? { id: r.meetingId, title: r.meetingTitle } : null,
          reviewOn: r.reviewOn,
        })),
    })),
  };
}

/** The chair proposes a decision per capsulum; the parties answer on the decision's page. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, access, can } = await requireGroupCapabilities(context.db, requireUser(context, request), params.id!);
  assertAllowed(can.proposePerCapsulum);
  const form = await readForm(request);
  const parsed = parseForm(proposalSchema, form);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  const id = await createDecision(context.db, access.group.id, { kind: "per_capsulum", meetingId: null, agendaItemId: null, text: parsed.data.text, on: stockholmDate(new Date()) }, user, context.siteUrl);
  return redirect(`/decisions/${id}`);
}

export default function DecisionRegister() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="page">
      <p>
        <Link to={`/groups/${d.group.id}`}>{d.group.name}</Link>
      </p>
      <h1>{t("decision.registerFor", { group: d.group.name })}</h1>
      <p className="muted">{t(`decision.rule.${d.group.kind}`)}</p>
      {d.years.length === 0 ? <p className="empty">{t("decision.empty")}</p> : null}
      {d.years.map(({ year, decisions }) => (
        <section key={year} aria-labelledby={`year-${year}`}>
          <h2 id={`year-${year}`}>{t("decision.year", { year })}</h2>
          <ul className="decision-list">
            {decisions.map((r) => (
              <li key={r.id}>
                <Link to={`/decisions/${r.id}`}>{r.label}</Link> <span className="prewrap">{r.text}</span> —{" "}
                <DecisionOutcome stage={r.stage} outcome={r.outcome} />
                {r.meeting ? (
                  <>
                    {" "}
                    · <Link to={`/meetings/${r.meeting.id}`}>{r.meeting.title}</Link>
                  </>
                ) : null}
                {r.reviewOn ? ` · ${t("decision.reviewOn")}: ${r.reviewOn}` : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {d.can.proposePerCapsulum ? (
        <details open={Boolean(result?.fieldErrors)}>
          <summary>{t("decision.propose")}</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="propose" />
            <p className="muted">{t("decision.rule.per_capsulum")}</p>
            <TextArea name="text" label={t("decision.text")} required error={result?.fieldErrors.text} />
            <button type="submit">{t("decision.proposeSubmit")}</button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}
