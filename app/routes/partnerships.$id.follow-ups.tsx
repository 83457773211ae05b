import type { LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { requireUser } from "~/auth/guards.server";
import { OUTCOME_FETCHER, PlanFollowUp, RecordOutcome } from "~/components/follow-ups/FollowUpForms";
import { decisionLabel } from "~/domain/decision";
import type { FollowUpState } from "~/domain/follow-up";
import { mayCompleteFollowUp } from "~/domain/partnership-capabilities";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { followUpsOf, leadCandidates, linkable } from "~/services/follow-ups.server";
import { requirePartnershipCapabilities } from "~/services/partnership-access.server";
import type { ActionData } from "~/services/result";

export const meta = titled("followUp.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { today, can } = await requirePartnershipCapabilities(context.db, user, params.id!);
  const [rows, leads, links] = await Promise.all([followUpsOf(context.db, params.id!, today), leadCandidates(context.db, params.id!), linkable(context.db, params.id!)]);
  const reportOf = new Map(links.reports.map((r) => [r.id, r]));
  const decisionOf = new Map(links.decisions.map((d) => [d.id, d]));
  return {
    id: params.id!,
    canPlan: can.planFollowUps === true,
    leads,
    links,
    followUps: rows.map(({ reportIds, decisionIds, leadUserId, ...f }) => ({
      ...f,
      canRecord: f.status === "planned" && mayCompleteFollowUp(can, user.id, { leadUserId }) === true,
      reports: reportIds.flatMap((id) => reportOf.get(id) ?? []),
      decisions: decisionIds.flatMap((id) => decisionOf.get(id) ?? []),
    })),
  };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["followUps"][number];

function StateBadge({ state }: { state: FollowUpState }) {
  const t = useT();
  if (state.state === "overdue") return <strong className="badge badge-warning">{t("followUp.overdue", { n: state.daysLate })}</strong>;
  if (state.state === "dueSoon") return <span className="badge">{t("followUp.dueSoon", { n: state.daysLeft })}</span>;
  return null;
}

function FollowUpCard({ f, children }: { f: Row; children?: React.ReactNode }) {
  const t = useT();
  return (
    <article className="card" aria-labelledby={`fu-${f.id}-h`}>
      <h3 id={`fu-${f.id}-h`}>
        {t(`followUp.kind.${f.kind}`)}: {f.title}
      </h3>
      <p>
        {f.status === "done" ? t("followUp.doneOn", { date: f.doneOn ?? "" }) : t("followUp.due", { date: f.dueOn })} · {t(`followUp.recurrence.${f.recurrence}`)}{" "}
        <StateBadge state={f.state} />
      </p>
      <dl className="facts">
        <dt>{t("followUp.lead")}</dt>
        <dd>{f.leadName ?? t("followUp.noLead")}</dd>
        {f.covers ? (
          <>
            <dt>{t("followUp.covers")}</dt>
            <dd>{f.covers}</dd>
          </>
        ) : null}
        {f.presentedTo ? (
          <>
            <dt>{t("followUp.presentedTo")}</dt>
            <dd>{f.presentedTo}</dd>
          </>
        ) : null}
        {f.outcome ? (
          <>
            <dt>{t("followUp.outcome")}</dt>
            <dd>{f.outcome}</dd>
          </>
        ) : null}
        {f.reports.length ? (
          <>
            <dt>{t("followUp.linkedReports")}</dt>
            <dd>{f.reports.map((r) => `${r.year} – ${r.partyName}`).join("; ")}</dd>
          </>
        ) : null}
        {f.decisions.length ? (
          <>
            <dt>{t("followUp.linkedDecisions")}</dt>
            <dd>{f.decisions.map((d) => `${decisionLabel(d.groupKind, d.year, d.number)} ${d.text}`).join("; ")}</dd>
          </>
        ) : null}
      </dl>
      {children}
    </article>
  );
}

export default function FollowUps() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const outcome = useFetcher<ActionData>({ key: OUTCOME_FETCHER });
  const planned = d.followUps.filter((f) => f.status === "planned");
  const done = d.followUps.filter((f) => f.status === "done").reverse();
  return (
    <div className="page">
      <h1>{t("followUp.title")}</h1>
      <p>{t("followUp.intro")}</p>
      <section aria-labelledby="fu-planned-h">
        <h2 id="fu-planned-h">{t("followUp.planned")}</h2>
        <ActionMessages data={outcome.data} />
        {planned.length === 0 ? <p className="empty">{t("followUp.nonePlanned")}</p> : null}
        {planned.map((f) => (
          <FollowUpCard key={f.id} f={f}>
            {f.canRecord ? <RecordOutcome partnershipId={d.id} followUpId={f.id} links={d.links} /> : null}
          </FollowUpCard>
        ))}
      </section>
      {d.canPlan ? <PlanFollowUp partnershipId={d.id} leads={d.leads} /> : <p className="muted">{t("followUp.readOnly")}</p>}
      <section aria-labelledby="fu-done-h">
        <h2 id="fu-done-h">{t("followUp.done")}</h2>
        {done.length === 0 ? <p className="empty">{t("followUp.noneDone")}</p> : null}
        {done.map((f) => (
          <FollowUpCard key={f.id} f={f} />
        ))}
      </section>
    </div>
  );
}
