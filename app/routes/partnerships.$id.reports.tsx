import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Field } from "~/components/Field";
import { ReportOverview } from "~/components/ReportOverview";
import { AccountsReview } from "~/components/reports/AccountsReview";
import { OwnReport } from "~/components/reports/OwnReport";
import { ReportingRuleText } from "~/components/reports/ReportingRuleText";
import { StatisticKeys } from "~/components/reports/StatisticKeys";
import { decisionLabel } from "~/domain/decision";
import { forParty } from "~/domain/partnership-capabilities";
import { dueOn } from "~/domain/reporting-rule";
import { reportYearOf } from "~/http/report-year.server";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { requirePartnershipCapabilities } from "~/services/partnership-access.server";
import { overviewView, reportsOverview } from "~/services/reports.server";
import { decisionsAt, heldMeetingsOf, steeringGroupOf } from "~/services/steering.server";

export const meta = titled("report.title");

/** The adopted decisions of the steering group's held meetings, to cite for a change to the reporting. */
async function steeringDecisions(db: Parameters<typeof steeringGroupOf>[0], partnershipId: string) {
  const steering = await steeringGroupOf(db, partnershipId);
  const held = steering ? await heldMeetingsOf(db, steering.id, new Date(0)) : [];
  const rows = await decisionsAt(
    db,
    held.map((m) => m.id),
  );
  return rows.map((d) => ({ id: d.id, label: `${decisionLabel("steering", d.year, d.number)} ${d.text.slice(0, 60)}` }));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { today, can } = await requirePartnershipCapabilities(context.db, user, params.id!);
  const year = reportYearOf(request, today);
  const view = overviewView(await reportsOverview(context.db, params.id!, year, today));
  const canDecideStatistics = can.recordStatisticsDecision === true;
  const canReview = can.reviewAccounts === true && view.rule.accountsApproval;
  return {
    id: params.id!,
    year,
    dueOn: dueOn(view.rule, year),
    own: view.parties.filter((p) => forParty(can.fileReport, p.id) === true),
    overview: view,
    canDecideStatistics,
    canReview,
    decisions: canDecideStatistics || canReview ? await steeringDecisions(context.db, params.id!) : [],
  };
}

export default function Reports() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const query = `?year=${d.year}`;
  return (
    <div className="page">
      <h1>{t("report.title")}</h1>
      <Form method="get" className="row">
        <Field name="year" type="number" min={2000} max={2100} label={t("report.year")} defaultValue={d.year} />
        <button type="submit">{t("report.showYear")}</button>
      </Form>
      <ReportingRuleText rule={d.overview.rule} year={d.year} dueOn={d.dueOn} />

      {d.own.map((p) => (
        <OwnReport key={p.id} id={d.id} year={d.year} party={p} rule={d.overview.rule} />
      ))}

      <section aria-labelledby="overview-h">
        <ReportOverview o={d.overview} headingId="overview-h" />
        <p>
          <a href={`/partnerships/${d.id}/reports.csv${query}`} download>
            {t("report.csv")}
          </a>
          {" · "}
          <a href={`/partnerships/${d.id}/reports/print${query}`}>{t("report.print")}</a>
        </p>
      </section>

      {d.canReview ? <AccountsReview id={d.id} parties={d.overview.parties} decisions={d.decisions} /> : null}
      {d.canDecideStatistics ? <StatisticKeys id={d.id} rule={d.overview.rule} decisions={d.decisions} /> : null}
    </div>
  );
}
