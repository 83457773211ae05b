import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { Field, TextArea } from "~/components/Field";
import { PeriodRuleFields, periodValues } from "~/components/PeriodRuleFields";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";
import type { AmendmentPage } from "./page-data";

/** Changing the draft, which voids the signatures made so far. */
export function EditText({ amendment: a, signedCount }: Pick<AmendmentPage, "amendment"> & { signedCount: number }) {
  const t = useT();
  const edit = useFetcher<ActionData>();
  const errors = edit.data?.fieldErrors ?? {};
  return (
    <section aria-labelledby="edit-h">
      <h2 id="edit-h">{t("amendment.edit")}</h2>
      <ActionMessages data={edit.data} />
      {signedCount > 0 ? <p className="warning">{t("amendment.editWarning", { count: signedCount })}</p> : null}
      {/* Keyed by the hash so the fields show the saved text after an edit. */}
      <edit.Form method="post" action={`/amendments/${a.id}/text`} className="stack" noValidate key={a.textSha256}>
        <Field name="title" label={t("amendment.fieldTitle")} required defaultValue={a.title} error={errors.title} />
        <TextArea name="text" label={t("amendment.fieldText")} rows={10} required defaultValue={a.text} error={errors.text} />
        <PeriodRuleFields values={periodValues(a.periodRule)} errors={errors} optional />
        <button type="submit">{t("amendment.save")}</button>
      </edit.Form>
    </section>
  );
}
