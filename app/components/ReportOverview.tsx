import type { AccountsState, ReportStatus } from "~/domain/reporting-rule";
import type { OverviewView } from "~/services/reports.server";
import { statisticLabel } from "~/i18n/report-labels";
import { useT } from "~/i18n/use-t";
import { StatusBadge, type StatusTone } from "./StatusBadge";
import { ReachedChart } from "./ReportCharts";

const STATUS_TONE: Record<ReportStatus["status"], StatusTone> = { filed: "good", notYetDue: "neutral", reminder: "waiting", overdue: "bad", notYetFiled: "waiting" };

export function StatusText({ status }: { status: ReportStatus }) {
  const t = useT();
  const tone = STATUS_TONE[status.status];
  switch (status.status) {
    case "reminder":
      return <StatusBadge tone={tone}>{t("report.status.reminder", { days: status.daysLeft })}</StatusBadge>;
    case "overdue":
      return <StatusBadge tone={tone}>{t("report.status.overdue", { days: status.daysLate })}</StatusBadge>;
    default:
      return <StatusBadge tone={tone}>{t(`report.status.${status.status}`)}</StatusBadge>;
  }
}

const ACCOUNTS_TONE: Record<AccountsState, StatusTone> = { sentBack: "bad", approved: "good", submitted: "waiting" };

export function AccountsText({ state }: { state: AccountsState }) {
  const t = useT();
  return <StatusBadge tone={ACCOUNTS_TONE[state]}>{t(`report.accounts.${state}`)}</StatusBadge>;
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
      {/* The scrolling box is named for what it is, so it is not a second landmark with the heading's name. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t("report.overviewTable", { year: o.year })}>
        <table className="report-table" aria-labelledby={headingId}>
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
      {o.trend.length ? <ReachedChart trend={o.trend} byGender={o.rule.byGender.includes("reached")} /> : null}
    </>
  );
}
