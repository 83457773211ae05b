import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { CasePlan } from "~/components/cases/CasePlan";
import { CaseSteps } from "~/components/cases/CaseSteps";
import { Fact } from "~/components/Fact";
import { PartnershipTabs } from "~/components/PartnershipTabs";
import { earliestOpenDue, isClosed, isOverdue, isSteeringStep, nextDeadline } from "~/domain/cases";
import { CaseStage } from "~/components/cases/CaseStage";
import { decisionLabel } from "~/domain/decision";
import { stockholmDate, stockholmInstant } from "~/domain/stockholm-date";
import { formatDateTime, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { requireCaseCapabilities } from "~/services/case-access.server";
import { decisionsAt, heldMeetingsOf } from "~/services/steering.server";

export const meta = titled("cases.title");

/** The case, if the user may see its partnership (404 otherwise), with the steps and forms open to them now. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { details, steering, can } = await requireCaseCapabilities(context.db, user, params.id);
  const c = details.case;
  // recordProgress is taken per action in the plan table, not as a step of its own.
  const steps = Object.keys(can.stepCase).filter((e) => can.stepCase[e] === true && e !== "recordProgress");
  const needsMeeting = steps.some((e) => isSteeringStep(c.kind, e));
  // Only meetings from the day the case was reported count, and only adopted decisions (groundRefusal).
  const since = stockholmInstant(stockholmDate(c.createdAt), "00:00");
  const held = needsMeeting && steering ? await heldMeetingsOf(context.db, steering.id, since) : [];
  const decisionRows = await decisionsAt(context.db, held.map((m) => m.id));
  return {
    case: {
      id: c.id,
      partnershipId: c.partnershipId,
      kind: c.kind,
      stage: c.stage,
      title: c.title,
      description: c.description,
      commitment: c.commitment,
      evidence: c.evidence,
      planDueOn: c.planDueOn,
      reclaim: c.reclaim,
      raisedBy: details.raisedBy,
      concerns: details.concerns,
      // Funds are reclaimed only from an idea-based party (004 §5.4 Återkrav).
      reclaimable: details.concernsSector === "idea",
      closed: isClosed(c.kind, c.stage),
      overdue: isOverdue(nextDeadline({ stage: c.stage, planDueOn: c.planDueOn, nextActionDue: earliestOpenDue(details.actions) }), stockholmDate(new Date())),
    },
    events: details.events.map((e) => ({
      id: e.id,
      event: e.event,
      toStage: e.toStage,
      note: e.note,
      at: e.at.toISOString(),
      actor: e.actor,
      meeting: e.meetingId ? { id: e.meetingId, title: e.meetingTitle ?? "", startsAt: e.meetingStartsAt?.toISOString() ?? "" } : null,
      decision: e.decisionId && steering ? { id: e.decisionId, label: decisionLabel("steering", e.decisionYear!, e.decisionNumber!) } : null,
    })),
    actions: details.actions.map((a) => ({ id: a.id, what: a.what, owner: a.owner, dueOn: a.dueOn, progress: a.progress, done: a.done })),
    steps,
    canEditPlan: can.changePlan === true,
    canFollowUp: can.recordProgress === true,
    meetings: held.map((m) => ({ id: m.id, title: m.title, startsAt: m.startsAt.toISOString() })),
    decisions: decisionRows.map((d) => ({ id: d.id, label: `${decisionLabel("steering", d.year, d.number)} ${d.text.slice(0, 60)}` })),
  };
}

export default function CasePage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const c = d.case;
  const stageLabel = (stage: string) => t(`case.stage.${c.kind}.${stage}` as MessageKey);
  return (
    <div className="page">
      <PartnershipTabs id={c.partnershipId} current="cases" />
      <p>
        <Link to={`/partnerships/${c.partnershipId}/cases`}>{t("cases.title")}</Link>
      </p>
      <h1>{c.title}</h1>
      <dl className="facts">
        <dt>{t("cases.colKind")}</dt>
        <dd>{t(`case.kind.${c.kind}`)}</dd>
        <dt>{t("case.stage")}</dt>
        <dd>
          <CaseStage kind={c.kind} stage={c.stage} overdue={c.overdue} />
        </dd>
        <dt>{t("case.raisedBy")}</dt>
        <dd>{c.raisedBy ?? t("case.coordinator")}</dd>
        <Fact label={t("case.concerns")}>{c.concerns}</Fact>
        <Fact label={t("case.commitment")}>{c.commitment}</Fact>
        <Fact label={t("case.planDueOn")}>{c.planDueOn}</Fact>
        <Fact label={t("case.reclaim")}>{c.reclaim === null ? null : t(c.reclaim ? "case.reclaimYes" : "case.reclaimNo")}</Fact>
      </dl>
      <p className="prewrap">{c.description}</p>
      {c.evidence.length ? (
        <>
          <h2>{t("case.evidence")}</h2>
          <ul>
            {c.evidence.map((url) => (
              <li key={url}>
                <a href={url}>{url}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {c.kind === "shortcoming" && (d.actions.length || d.canEditPlan) ? (
        <CasePlan caseId={c.id} actions={d.actions} canEditPlan={d.canEditPlan} canFollowUp={d.canFollowUp} stageLabel={stageLabel} />
      ) : null}

      <CaseSteps caseId={c.id} kind={c.kind} closed={c.closed} steps={d.steps} reclaimable={c.reclaimable} meetings={d.meetings} decisions={d.decisions} />

      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t("case.timeline")}</h2>
        <ol className="timeline">
          {d.events.map((e) => (
            <li key={e.id}>
              <p>
                <strong>{t(`case.event.${e.event}` as MessageKey)}</strong> → {stageLabel(e.toStage)} · {e.actor}, {formatDateTime(e.at, locale)}
              </p>
              {e.meeting ? (
                <p className="muted">
                  {t("case.atMeeting")}{" "}
                  <Link to={`/meetings/${e.meeting.id}`}>
                    {e.meeting.title} {formatDateTime(e.meeting.startsAt, locale)}
                  </Link>
                  {e.decision ? (
                    <>
                      {" · "}
                      <Link to={`/decisions/${e.decision.id}`}>{t("case.underDecision", { label: e.decision.label })}</Link>
                    </>
                  ) : null}
                </p>
              ) : null}
              {e.note ? <p className="prewrap">{e.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
