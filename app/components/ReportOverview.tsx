import type { ReportStatus } from "~/domain/yearly-report";
import { FINANCIAL_KEYS } from "~/domain/yearly-report";
import type { OverviewView } from "~/services/reports.server";
import { useT } from "~/i18n/use-t";
import { GenderChart, TrendChart } from "./ReportCharts";

export function StatusText({ status }: { status: ReportStatus }) {
  const t = useT();
  switch (status.status) {
    case "reminder":
      return <>{t("report.status.reminder", { days: status.daysLeft })}</>;
    case "overdue":
      return <strong className="badge-warning">{t("report.status.overdue", { days: status.daysLate })}</strong>;
    default:
      return <>{t(`report.status.${status.status}`)}</>;
  }
}

/** Every idea-based party's figures for the year, the totals, and the charts. */
export function ReportOverview({ o, headingId }: { o: OverviewView; headingId: string }) {
  const t = useT();
  const cell = (n: number | undefined) => (n === undefined ? "—" : n.toLocaleString("sv-SE"));
  return (
    <>
      <h2 id={headingId}>{t("report.overview", { year: o.year })}</h2>
      {o.parties.every((p) => !p.report) ? <p className="empty">{t("report.noReports")}</p> : null}
      {/* Wide with many statistics: the scrolling box must be reachable by keyboard. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={headingId}>
        <table>
          <caption className="visually-hidden">{t("report.overview", { year: o.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("report.party")}</th>
              <th scope="col">{t("report.statusLabel")}</th>
              {o.statistics.map((k) => (
                <th scope="col" key={k}>
                  {t(`report.stat.${k}`)}
                </th>
              ))}
              {FINANCIAL_KEYS.map((k) => (
                <th scope="col" key={k}>
                  {t(`report.fin.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {o.parties.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>
                  <StatusText status={p.status} />
                </td>
                {o.statistics.map((k) => (
                  <td key={k}>{cell(p.report?.statistics[k])}</td>
                ))}
                {FINANCIAL_KEYS.map((k) => (
                  <td key={k}>{cell(p.report?.financial[k])}</td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("report.total")}</th>
              <td />
              {o.statistics.map((k) => (
                <td key={k}>{cell(o.totals[k])}</td>
              ))}
              {FINANCIAL_KEYS.map((k) => (
                <td key={k}>{cell(o.financialTotals[k])}</td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <GenderChart year={o.year} gender={o.gender} />
      {o.trend.length ? <TrendChart trend={o.trend} /> : null}
    </>
  );
}
