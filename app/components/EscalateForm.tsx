import { Form } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { Field, TextArea } from "./Field";

/** 004 §5.8: one action takes a disagreement in the cooperation group to the steering group. */
export function EscalateForm({ groupId, partnershipId }: { groupId: string; partnershipId: string }) {
  const t = useT();
  return (
    <section aria-labelledby="escalate-h">
      <h2 id="escalate-h">{t("case.escalate")}</h2>
      <details>
        <summary>{t("case.escalate")}</summary>
        <p>{t("case.escalateIntro")}</p>
        <Form method="post" action={`/partnerships/${partnershipId}/cases`} className="stack">
          <input type="hidden" name="intent" value="escalate" />
          <input type="hidden" name="groupId" value={groupId} />
          <Field name="title" id="escalate-title" label={t("cases.matterTitle")} required />
          <TextArea name="description" id="escalate-description" label={t("cases.matterDescription")} hint={t("cases.lackingHint")} rows={4} required />
          <button type="submit">{t("case.escalateSubmit")}</button>
        </Form>
      </details>
    </section>
  );
}
