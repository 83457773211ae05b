import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guards.server";
import { Field, FormAlert, Notice, TextArea } from "~/components/Field";
import { ReportOverview, StatusText } from "~/components/ReportOverview";
import type { IsoDate } from "~/domain/iso-date";
import { forParty, type PartnershipCapabilities } from "~/domain/partnership-capabilities";
import { FINANCIAL_KEYS, STATISTIC_KEYS, currentReportYear, reportDueOn } from "~/domain/yearly-report";
import { parseReport, parseStatisticKeys } from "~/forms/agreement";
import { yearParam } from "~/forms/input";
import { NO_FIELD_ERRORS, type FieldErrors } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { queryParam } from "~/http/query.server";
import { formatDateTime, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { refusalOf } from "~/services/meeting-access.server";
import { requirePartnershipCapabilities } from "~/services/partnership-access.server";
import { fileReport, overviewView, reportsOverview, setStatisticKeys, statisticKeys } from "~/services/reports.server";

export const meta = titled("report.title");

/** The year the page is about: `?year=`, or the one whose reports are due next. */
const yearOf = (request: Request, today: IsoDate) => queryParam(request, "year", yearParam) ?? currentReportYear(today);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { today, can } = await requirePartnershipCapabilities(context.db, user, params.id!);
  const year = yearOf(request, today);
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

/** The capability each intent of the action asserts, for the party the form names where it names one. */
const INTENTS = {
  file: (can: PartnershipCapabilities, form: FormData) => forParty(can.fileReport, String(form.get("partyId"))),
  keys: (can: PartnershipCapabilities) => can.chooseStatistics,
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { today, can } = await requirePartnershipCapabilities(context.db, user, params.id!);
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  if (!Object.hasOwn(INTENTS, intent)) throw notFound();
  const ok = (done: MessageKey) => ({ intent, fieldErrors: NO_FIELD_ERRORS, done });
  const fail = (fieldErrors: FieldErrors, status = 400) => data({ intent, fieldErrors, done: null }, { status });
  const refused = refusalOf(INTENTS[intent as keyof typeof INTENTS](can, form));
  if (refused) return fail({ refused }, 409);
  if (intent === "file") {
    const year = yearOf(request, today);
    const parsed = parseReport(form, await statisticKeys(context.db, params.id!));
    if (!parsed.ok) return fail(parsed.fieldErrors);
    await fileReport(context.db, params.id!, String(form.get("partyId")), year, parsed.data, user);
    return ok("report.filed");
  }
  const parsed = parseStatisticKeys(form);
  if (!parsed.ok) return fail(parsed.fieldErrors);
  await setStatisticKeys(context.db, params.id!, parsed.data, user);
  return ok("report.keysSaved");
}

export default function Reports() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (intent: string): FieldErrors => (result && result.intent === intent ? result.fieldErrors : {});
  const e = errors("file");
  const query = `?year=${d.year}`;
  return (
    <div className="page">
      <h1>{t("report.title")}</h1>
      <Notice message={result?.done ? t(result.done) : undefined} />
      <FormAlert message={result?.fieldErrors.refused ? t(result.fieldErrors.refused) : undefined} />
      <Form method="get" className="row">
        <Field name="year" type="number" min={2000} max={2100} label={t("report.year")} defaultValue={d.year} />
        <button type="submit">{t("report.showYear")}</button>
      </Form>
      <p>{t("report.dueOn", { year: d.year, date: d.dueOn })}</p>

      {d.own.map((p) => (
        <section key={p.id} aria-labelledby={`own-${p.id}`}>
          <h2 id={`own-${p.id}`}>{t("report.ownHeading", { party: p.name, year: d.year })}</h2>
          <p>
            <StatusText status={p.status} />
            {p.report ? ` ${t("report.filedAt", { date: formatDateTime(p.report.submittedAt, locale) })}` : null}
          </p>
          <Form method="post" className="stack" noValidate key={p.report?.updatedAt ?? "new"}>
            <FormAlert message={Object.keys(e).length ? t("form.errorSummary") : undefined} />
            <input type="hidden" name="intent" value="file" />
            <input type="hidden" name="partyId" value={p.id} />
            <TextArea name="narrative" label={t("report.narrative")} rows={8} defaultValue={p.report?.narrative} error={e.narrative} />
            <fieldset>
              <legend>{t("report.statistics")}</legend>
              <div className="row">
                {d.overview.statistics.map((k) => (
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
          </Form>
        </section>
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

      {d.canChooseStatistics ? (
        <section aria-labelledby="keys-h">
          <h2 id="keys-h">{t("report.keysHeading")}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="keys" />
            <fieldset aria-describedby="keys-hint">
              <legend>{t("report.statistics")}</legend>
              <p className="field-hint" id="keys-hint">
                {t("report.keysHint")}
              </p>
              {errors("keys").keys ? <p className="field-error">{t(errors("keys").keys!)}</p> : null}
              {STATISTIC_KEYS.map((k) => (
                <label key={k} className="check">
                  <input type="checkbox" name="keys" value={k} defaultChecked={d.overview.statistics.includes(k)} /> {t(`report.stat.${k}`)}
                </label>
              ))}
            </fieldset>
            <button type="submit">{t("report.keysSave")}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
