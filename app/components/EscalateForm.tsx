import { useT } from "~/i18n/use-t";
import { DisclosedForm } from "./DisclosedForm";
import { Field, TextArea } from "./Field";

/** 004 §5.8: one action takes a disagreement in the cooperation group to the steering group; the cases page then shows it. */
export function EscalateForm({ groupId, partnershipId }: { groupId: string; partnershipId: string }) {
  const t = useT();
  return (
    <section aria-labelledby="escalate-h">
      <h2 id="escalate-h">{t("case.escalate")}</h2>
      <DisclosedForm summary={t("case.escalate")} action={`/partnerships/${partnershipId}/cases/escalate`}>
        {(errors) => (
          <>
            <p>{t("case.escalateIntro")}</p>
            <input type="hidden" name="groupId" value={groupId} />
            <Field name="title" id="escalate-title" label={t("cases.matterTitle")} required error={errors.title} />
            <TextArea name="description" id="escalate-description" label={t("cases.matterDescription")} hint={t("cases.lackingHint")} rows={4} required error={errors.description} />
            <button type="submit">{t("case.escalateSubmit")}</button>
          </>
        )}
      </DisclosedForm>
    </section>
  );
}
