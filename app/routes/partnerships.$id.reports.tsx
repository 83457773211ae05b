import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Field } from "~/components/Field";
import { ReportOverview } from "~/components/ReportOverview";
import { OwnReport } from "~/components/reports/OwnReport";
import { StatisticKeys } from "~/components/reports/StatisticKeys";
import { forParty } from "~/domain/partnership-capabilities";
import { reportDueOn } from "~/domain/yearly-report";
import { reportYearOf } from "~/http/report-year.server";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { requirePartnershipCapabilities } from "~/services/partnership-access.server";
import { overviewView, reportsOverview } from "~/services/reports.server";

export const meta = titled("report.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { today, can } = await requirePartnershipCapabilities(context.db, user, params.id!);
  const year = reportYearOf(request, today);
  const view = overviewView(await reportsOverview(context.db, params.id!, year, today));
  return {
    id: params.id!,
    year,
    dueOn: reportDueOn(year),
    own: view.parties.filter((p) => forParty(can.fileReport, p.id) === true),
    overview: view,
    canChooseStatistics: can.chooseStatistics === true,
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
      <p>{t("report.dueOn", { year: d.year, date: d.dueOn })}</p>

      {d.own.map((p) => (
        <OwnReport key={p.id} id={d.id} year={d.year} party={p} statistics={d.overview.statistics} />
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

      {d.canChooseStatistics ? <StatisticKeys id={d.id} chosen={d.overview.statistics} /> : null}
    </div>
  );
}
