import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { DecisionOutcome } from "~/components/Decisions";
import { Positions } from "~/components/decision/Positions";
import { Tasks } from "~/components/decision/Tasks";
import { Fact } from "~/components/Fact";
import { completeTaskVerdict, DECISION_ACTIONS, type DecisionAction } from "~/domain/capabilities";
import { decisionLabel, stageOf } from "~/domain/decision";
import { stockholmDate } from "~/domain/stockholm-date";
import { formatDateTime } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { decisionDetail, requireDecisionCapabilities } from "~/services/decisions.server";
import { membersOf } from "~/services/groups.server";
import { finalMinutes } from "~/services/minutes.server";

// Each concern posts to its own route beside this one (position, closing, review, tasks), which
// asserts the same capability record this loader hands the page.

export const meta = titled("decision.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { decision, access, speaksFor, can } = await requireDecisionCapabilities(context.db, user, params.id);
  const [detail, members, minutes] = await Promise.all([
    decisionDetail(context.db, decision, access.group.partnershipId),
    membersOf(context.db, access.group.id),
    decision.meetingId ? finalMinutes(context.db, decision.meetingId) : null,
  ]);
  const stage = stageOf(decision);
  return {
    decision: {
      id: decision.id,
      label: decisionLabel(access.group.kind, decision.year, decision.number),
      kind: decision.kind,
      text: decision.text,
      stage,
      outcome: decision.outcome,
      reviewOn: decision.reviewOn,
      decidedAt: decision.decidedAt?.toISOString() ?? null,
    },
    group: { id: access.group.id, name: access.group.name, kind: access.group.kind },
    meeting: detail.meeting && { id: detail.meeting.id, title: detail.meeting.title, startsAt: detail.meeting.startsAt.toISOString(), minutesFinal: Boolean(minutes) },
    item: detail.item,
    parties: detail.parties.map((p) => ({ ...p, statedAt: p.statedAt?.toISOString() ?? null })),
    tasks: detail.tasks.map((task) => ({ ...task, completable: completeTaskVerdict(can, user.id, task) === true })),
    today: stockholmDate(new Date()),
    // Only what is allowed: a refusal's reason is for the action to tell.
    can: Object.fromEntries(DECISION_ACTIONS.map((a) => [a, can[a] === true])) as Record<DecisionAction, boolean>,
    myParty: can.statePosition === true ? speaksFor!.partyId : null,
    members: members.map((m) => ({ id: m.userId, name: m.name })),
  };
}

export default function Decision() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const { decision } = d;
  const rule = decision.kind === "per_capsulum" ? "per_capsulum" : d.group.kind;
  const abstained = d.parties.filter((p) => p.position === "abstain").map((p) => p.name);
  const noneAgreed = decision.stage === "not_adopted" && d.group.kind === "cooperation" && !decision.outcome?.objecting.length;
  return (
    <div className="page">
      <p>
        <Link to={`/groups/${d.group.id}/decisions`}>{t("decision.registerFor", { group: d.group.name })}</Link>
      </p>
      <h1>{decision.label}</h1>
      <p className="prewrap">{decision.text}</p>
      <dl className="facts">
        <dt>{t("decision.statusLabel")}</dt>
        <dd>
          <DecisionOutcome stage={decision.stage} outcome={decision.outcome} abstained={abstained} />
          {noneAgreed ? ` – ${t("decision.noneAgreed")}` : null}
        </dd>
        <Fact label={t("meeting.kind")}>{decision.kind === "per_capsulum" ? t("decision.kind.per_capsulum") : null}</Fact>
        <dt>{t("decision.meeting")}</dt>
        <dd>
          {d.meeting ? (
            <>
              <Link to={`/meetings/${d.meeting.id}`}>{d.meeting.title}</Link>, {formatDateTime(d.meeting.startsAt, locale)}
              {d.item ? ` – ${d.item.title}` : null}
            </>
          ) : (
            "—"
          )}
        </dd>
        <Fact label={t("decision.minutes")}>
          {d.meeting?.minutesFinal ? <Link to={`/meetings/${d.meeting.id}/minutes#decision-${decision.id}`}>{t("decision.minutesLink")}</Link> : null}
        </Fact>
        <dt>{t("decision.reviewOn")}</dt>
        <dd>{decision.reviewOn ?? "—"}</dd>
      </dl>
      <p className="muted">{t(`decision.rule.${rule}`)}</p>

      <Positions decision={decision} parties={d.parties} myParty={d.myParty} can={d.can} minutesFinal={d.meeting?.minutesFinal ?? false} />
      <Tasks decision={decision} tasks={d.tasks} members={d.members} today={d.today} can={d.can} />
    </div>
  );
}
