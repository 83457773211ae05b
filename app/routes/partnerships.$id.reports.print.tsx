import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { ReportOverview } from "~/components/ReportOverview";
import { stockholmDate } from "~/domain/stockholm-date";
import { currentReportYear } from "~/domain/yearly-report";
import { yearParam } from "~/forms/input";
import { queryParam } from "~/http/query.server";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { requirePartnershipAccess } from "~/services/access.server";
import { overviewView, reportsOverview } from "~/services/reports.server";

export const meta = titled("report.printTitle");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  await requirePartnershipAccess(context.db, user, params.id!);
  const today = stockholmDate(new Date());
  const year = queryParam(request, "year", yearParam) ?? currentReportYear(today);
  return overviewView(await reportsOverview(context.db, params.id!, year, today));
}

/** The year's overview with every party's narrative, laid out for the committee's papers. */
export default function ReportsPrint() {
  const t = useT();
  const o = useLoaderData<typeof loader>();
  return (
    <div className="page printable report-print">
      <p className="no-print">
        <Link to={`/partnerships/${o.partnership.id}/reports?year=${o.year}`}>{t("report.title")}</Link>
        {" · "}
        <button type="button" className="link-button" onClick={() => window.print()}>
          {t("printable.print")}
        </button>
      </p>
      <h1>{t("report.printHeading", { partnership: o.partnership.name, year: o.year })}</h1>
      <ReportOverview o={o} headingId="overview-h" />
      <h2>{t("report.narratives")}</h2>
      {o.parties.map((p) => (
        <section key={p.id} aria-labelledby={`n-${p.id}`}>
          <h3 id={`n-${p.id}`}>{p.name}</h3>
          {p.report ? (
            <>
              {p.report.narrative.split(/\n{2,}/).map((para, i) => (
                <p key={i}>{para}</p>
              ))}
              {p.report.financialUrl ? (
                <p>
                  {t("report.financial")}: <a href={p.report.financialUrl}>{p.report.financialUrl}</a>
                </p>
              ) : null}
              {o.rule.attachments.map((k) =>
                p.report?.attachments[k] ? (
                  <p key={k}>
                    {t(`report.attachment.${k}`)}: <a href={p.report.attachments[k]}>{p.report.attachments[k]}</a>
                  </p>
                ) : null,
              )}
            </>
          ) : (
            <p className="empty">{t("report.notFiled")}</p>
          )}
        </section>
      ))}
    </div>
  );
}
