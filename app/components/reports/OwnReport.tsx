import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { Field, FormAlert, TextArea } from "~/components/Field";
import { StatusText } from "~/components/ReportOverview";
import { FINANCIAL_KEYS } from "~/domain/yearly-report";
import { formatDateTime } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";
import type { ReportsPage } from "./page-data";

/** The year's report of a party the user files for: its status and the form to file or correct it. */
export function OwnReport({ id, year, party: p, statistics }: Pick<ReportsPage, "id" | "year"> & { party: ReportsPage["own"][number]; statistics: ReportsPage["overview"]["statistics"] }) {
  const t = useT();
  const locale = useLocale();
  const filing = useFetcher<ActionData>();
  const e = filing.data?.fieldErrors ?? {};
  return (
    <section aria-labelledby={`own-${p.id}`}>
      <h2 id={`own-${p.id}`}>{t("report.ownHeading", { party: p.name, year })}</h2>
      <ActionMessages data={filing.data} />
      <p>
        <StatusText status={p.status} />
        {p.report ? ` ${t("report.filedAt", { date: formatDateTime(p.report.submittedAt, locale) })}` : null}
      </p>
      <filing.Form method="post" action={`/partnerships/${id}/reports/filings?year=${year}`} className="stack" noValidate key={p.report?.updatedAt ?? "new"}>
        <FormAlert message={Object.keys(e).some((k) => k !== "refused") ? t("form.errorSummary") : undefined} />
        <input type="hidden" name="partyId" value={p.id} />
        <TextArea name="narrative" label={t("report.narrative")} rows={8} defaultValue={p.report?.narrative} error={e.narrative} />
        <fieldset>
          <legend>{t("report.statistics")}</legend>
          <div className="row">
            {statistics.map((k) => (
              <Field key={k} name={k} type="number" min={0} inputMode="numeric" label={t(`report.stat.${k}`)} defaultValue={p.report?.statistics[k]} error={e[k]} />
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("report.financial")}</legend>
          <Field name="financialUrl" type="url" label={t("report.financialUrl")} hint={t("report.financialUrlHint")} defaultValue={p.report?.financialUrl ?? ""} error={e.financialUrl} />
          <div className="row">
            {FINANCIAL_KEYS.map((k) => (
              <Field key={k} name={k} type="number" min={0} inputMode="numeric" label={t(`report.fin.${k}`)} defaultValue={p.report?.financial[k]} error={e[k]} />
            ))}
          </div>
        </fieldset>
        <button type="submit">{t(p.report ? "report.update" : "report.file")}</button>
      </filing.Form>
    </section>
  );
}
