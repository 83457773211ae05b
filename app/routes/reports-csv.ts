import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { stockholmDate } from "~/domain/stockholm-date";
import { currentReportYear, reportCsvRows, toCsv } from "~/domain/yearly-report";
import { yearParam } from "~/forms/input";
import { queryParam } from "~/http/query.server";
import { translator } from "~/i18n";
import { statisticLabel } from "~/i18n/report-labels";
import { requirePartnershipAccess } from "~/services/access.server";
import { reportsOverview } from "~/services/reports.server";

/** The year's overview for Excel: Swedish headers whatever the user's language, as the committee files it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  await requirePartnershipAccess(context.db, user, params.id!);
  const today = stockholmDate(new Date());
  const year = queryParam(request, "year", yearParam) ?? currentReportYear(today);
  const o = await reportsOverview(context.db, params.id!, year, today);
  const t = translator("sv");
  const rows = reportCsvRows(
    o.parties,
    o.parties.flatMap((p) => (p.report ? [p.report] : [])),
    o.columns,
    { party: t("report.party"), total: t("report.total"), statistic: (f) => statisticLabel(t, f), financial: (k) => t(`report.fin.${k}`) },
  );
  return new Response(toCsv(rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="arsrapporter-${year}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
