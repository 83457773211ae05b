import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { Field, FormAlert, SelectField, TextArea } from "~/components/Field";
import { withRetryIn } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import type { NoticeSummary } from "~/http/notice.server";
import { retryAfterOf, type ActionData } from "~/services/result";

type Party = { id: string; name: string; sector: "public" | "idea" };

/**
 * Giving notice in two steps: the form previews when the notice would take effect, and the preview
 * is confirmed with the giver's password. A wrong password leaves the preview up to try again.
 */
export function GiveNotice({ id, parties, isAdmin }: { id: string; parties: Party[]; isAdmin: boolean }) {
  const t = useT();
  const previewing = useFetcher<ActionData>();
  const confirming = useFetcher<ActionData>();
  const preview = previewing.data?.details?.preview as NoticeSummary | undefined;
  if (confirming.data?.done) return <ActionMessages data={confirming.data} />;
  if (preview) return <ConfirmNotice id={id} preview={preview} fetcher={confirming} />;
  if (!parties.length) return <p className="muted">{t("termination.notRepresentative")}</p>;
  const e = previewing.data?.fieldErrors ?? {};
  return (
    <>
      <ActionMessages data={previewing.data} />
      <previewing.Form method="post" action={`/partnerships/${id}/termination/preview`} className="stack" noValidate>
        <SelectField name="partyId" label={t("termination.party")} options={parties.map((p) => ({ value: p.id, label: p.name }))} error={e.partyId} />
        {isAdmin ? <Field name="givenOn" type="date" label={t("termination.givenOn")} hint={t("termination.givenOnHint")} error={e.givenOn} /> : null}
        <TextArea name="reason" label={t("termination.reason")} rows={5} required error={e.reason} />
        {parties.some((p) => p.sector === "public") ? (
          <fieldset>
            <legend>{t("termination.committeeIntro")}</legend>
            <Field name="committeeReference" label={t("termination.committeeReference")} error={e.committeeReference} />
            <Field name="committeeDecidedOn" type="date" label={t("termination.committeeDecidedOn")} error={e.committeeDecidedOn} />
          </fieldset>
        ) : null}
        <button type="submit">{t("termination.preview")}</button>
      </previewing.Form>
    </>
  );
}

/** What the notice would mean, and its confirmation with the password. */
function ConfirmNotice({ id, preview, fetcher }: { id: string; preview: NoticeSummary; fetcher: ReturnType<typeof useFetcher<ActionData>> }) {
  const t = useT();
  const locale = useLocale();
  const password = fetcher.data?.fieldErrors.password;
  return (
    <section aria-labelledby="preview-h">
      <h2 id="preview-h">{t("termination.previewHeading")}</h2>
      <ActionMessages data={fetcher.data} />
      <p className="warning">
        {t("termination.previewText", { party: preview.partyName, givenOn: preview.givenOn, effectiveOn: preview.effectiveOn })}{" "}
        {preview.agreementEnds ? t("termination.previewEnds", { date: preview.agreementEnds }) : t("termination.previewContinues")}
      </p>
      <blockquote>{preview.reason}</blockquote>
      {preview.committeeReference ? <p>{t("termination.entryCommittee", { reference: preview.committeeReference, date: preview.committeeDecidedOn ?? "" })}</p> : null}
      <div className="actions">
        <fetcher.Form method="post" action={`/partnerships/${id}/termination/notices`} className="stack" noValidate>
          <FormAlert message={password ? withRetryIn(t(password), retryAfterOf(fetcher.data), locale) : undefined} />
          <input type="hidden" name="partyId" value={preview.partyId} />
          <input type="hidden" name="givenOn" value={preview.givenOn} />
          <input type="hidden" name="reason" value={preview.reason} />
          <input type="hidden" name="committeeReference" value={preview.committeeReference ?? ""} />
          <input type="hidden" name="committeeDecidedOn" value={preview.committeeDecidedOn ?? ""} />
          <p>{t("termination.passwordIntro")}</p>
          <Field name="password" type="password" autoComplete="current-password" label={t("termination.password")} required error={password} />
          <button type="submit">{t("termination.confirm")}</button>
        </fetcher.Form>
        <a href={`/partnerships/${id}/termination`}>{t("termination.change")}</a>
      </div>
    </section>
  );
}
