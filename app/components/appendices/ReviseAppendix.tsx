import { DisclosedForm } from "~/components/DisclosedForm";
import { Field, TextArea } from "~/components/Field";
import { useT } from "~/i18n/use-t";

/** A coordinator registers a new version of an appendix: its commitments and the reason or decision behind the change. */
export function ReviseAppendix({ partnershipId, appendix }: { partnershipId: string; appendix: { id: string; commitments: string } }) {
  const t = useT();
  return (
    <DisclosedForm summary={t("appendix.revise")} action={`/partnerships/${partnershipId}/appendices/${appendix.id}`}>
      {(errors) => (
        <>
          <TextArea id={`c-${appendix.id}`} name="commitments" label={t("appendix.commitments")} rows={6} required defaultValue={appendix.commitments} error={errors.commitments} />
          <Field id={`r-${appendix.id}`} name="reason" label={t("appendix.reasonField")} hint={t("appendix.reasonHint")} required error={errors.reason} />
          <button type="submit">{t("appendix.saveVersion")}</button>
        </>
      )}
    </DisclosedForm>
  );
}
