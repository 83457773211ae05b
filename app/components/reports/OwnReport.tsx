import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { Field, FormAlert, TextArea } from "~/components/Field";
import { AccountsText, StatusText } from "~/components/ReportOverview";
import { StatusBadge } from "~/components/StatusBadge";
import { statisticFields, type ReportingRule } from "~/domain/reporting-rule";
import { FINANCIAL_KEYS } from "~/domain/yearly-report";
import { formatDateTime } from "~/i18n";
import { statisticLabel } from "~/i18n/report-labels";
import { useLocale, useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";
import type { ReportsPage } from "./page-data";

/** The year's report of a party the user files for: its status and the form to file or correct it, with what its rule asks. */
export function OwnReport({ id, year, party: p, rule }: Pick<ReportsPage, "id" | "year"> & { party: ReportsPage["own"][number]; rule: ReportingRule }) {
  const t = useT();
  const locale = useLocale();
  const filing = useFetcher<ActionData>();
  const e = filing.data?.fieldErrors ?? {};
  const sentBack = p.accounts === "sentBack" ? p.report?.reviews.at(-1) : undefined;
  const fields = statisticFields(rule);
  return (
    <section aria-labelledby={`own-${p.id}`}>
      <h2 id={`own-${p.id}`}>{t("report.ownHeading", { party: p.name, year })}</h2>
      <ActionMessages data={filing.data} />
      <p>
        {/* A filed report says so once, with its date. */}
        {p.report ? <StatusBadge tone="good">{t("report.filedAt", { date: formatDateTime(p.report.submittedAt, locale) })}</StatusBadge> : <StatusText status={p.status} />}
        {p.accounts ? (
          <>
            {" "}
            <AccountsText state={p.accounts} />.
          </>
        ) : null}
      </p>
      {sentBack ? <p className="warning">{t("report.sentBackNote", { note: sentBack.note })}</p> : null}
      <filing.Form method="post" action={`/partnerships/${id}/reports/filings?year=${year}`} className="stack" noValidate key={p.report?.updatedAt ?? "new"}>
        <FormAlert message={Object.keys(e).some((k) => k !== "refused") ? t("form.errorSummary") : undefined} />
        <input type="hidden" name="partyId" value={p.id} />
        <TextArea name="narrative" label={t("report.narrative")} rows={8} required={rule.narrative} defaultValue={p.report?.narrative} error={e.narrative} />
        {fields.length ? (
          <fieldset>
            <legend>{t("report.statistics")}</legend>
            <div className="row">
              {fields.map((k) => (
                <Field key={k} name={k} type="number" min={0} inputMode="numeric" required label={statisticLabel(t, k)} defaultValue={p.report?.statistics[k]} error={e[k]} />
              ))}
            </div>
          </fieldset>
        ) : null}
        {rule.attachments.length ? (
          <fieldset aria-describedby="attachments-hint">
            <legend>{t("report.attachments")}</legend>
            <p className="field-hint" id="attachments-hint">
              {t("report.attachmentsHint")}
            </p>
            {rule.attachments.map((k) => (
              <Field key={k} name={k} type="url" required label={t(`report.attachment.${k}`)} defaultValue={p.report?.attachments[k] ?? ""} error={e[k]} />
            ))}
          </fieldset>
        ) : null}
        {rule.financial ? (
          <fieldset>
            <legend>{t("report.financial")}</legend>
            <Field
              name="financialUrl"
              type="url"
              label={t("report.financialUrl")}
              hint={t("report.financialUrlHint")}
              defaultValue={p.report?.financialUrl ?? ""}
              error={e.financialUrl}
            />
            <div className="row">
              {FINANCIAL_KEYS.map((k) => (
                <Field
                  key={k}
                  name={k}
                  type="number"
                  min={k === "remaining" ? undefined : 0}
                  inputMode={k === "remaining" ? "text" : "numeric"}
                  required
                  label={t(`report.fin.${k}`)}
                  hint={k === "remaining" ? t("report.remainingHint") : undefined}
                  defaultValue={p.report?.financial[k]}
                  error={e[k]}
                />
              ))}
            </div>
          </fieldset>
        ) : null}
        <button type="submit">{t(p.report ? "report.update" : "report.file")}</button>
      </filing.Form>
    </section>
  );
}
