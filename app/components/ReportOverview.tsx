import type { AccountsState, ReportStatus } from "~/domain/reporting-rule";
import type { OverviewView } from "~/services/reports.server";
import { statisticLabel } from "~/i18n/report-labels";
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

export function AccountsText({ state }: { state: AccountsState }) {
  const t = useT();
  return state === "sentBack" ? <strong className="badge-warning">{t("report.accounts.sentBack")}</strong> : <>{t(`report.accounts.${state}`)}</>;
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
        <table className="report-table">
          <caption className="visually-hidden">{t("report.overview", { year: o.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("report.party")}</th>
              <th scope="col">{t("report.statusLabel")}</th>
              {o.rule.accountsApproval ? <th scope="col">{t("report.accountsLabel")}</th> : null}
              {o.statistics.map((k) => (
                <th scope="col" key={k}>
                  {statisticLabel(t, k)}
                </th>
              ))}
              {o.financialColumns.map((k) => (
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
                {o.rule.accountsApproval ? <td>{p.accounts ? <AccountsText state={p.accounts} /> : "—"}</td> : null}
                {o.statistics.map((k) => (
                  <td key={k}>{cell(p.report?.statistics[k])}</td>
                ))}
                {o.financialColumns.map((k) => (
                  <td key={k}>{cell(p.report?.financial[k])}</td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("report.total")}</th>
              <td />
              {o.rule.accountsApproval ? <td /> : null}
              {o.statistics.map((k) => (
                <td key={k}>{cell(o.totals[k])}</td>
              ))}
              {o.financialColumns.map((k) => (
                <td key={k}>{cell(o.financialTotals[k])}</td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      {o.rule.byGender.includes("reached") ? <GenderChart year={o.year} gender={o.gender} /> : null}
      {o.trend.length ? <TrendChart trend={o.trend} /> : null}
    </>
  );
}
