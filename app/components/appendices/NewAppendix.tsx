import { DisclosedForm } from "~/components/DisclosedForm";
import { Field, SelectField, TextArea } from "~/components/Field";
import { useT } from "~/i18n/use-t";

/** A coordinator registers a new appendix for one of `parties`, with the reason or decision behind it. */
export function NewAppendix({ partnershipId, parties }: { partnershipId: string; parties: { id: string; name: string }[] }) {
  const t = useT();
  return (
    <DisclosedForm summary={t("appendix.add")} action={`/partnerships/${partnershipId}/appendices`}>
      {(errors) => (
        <>
          <SelectField name="partyId" label={t("group.party")} options={parties.map((p) => ({ value: p.id, label: p.name }))} error={errors.partyId} />
          <Field name="title" label={t("appendix.titleField")} required error={errors.title} />
          <TextArea name="commitments" label={t("appendix.commitments")} rows={6} required error={errors.commitments} />
          <Field name="reason" label={t("appendix.reasonField")} hint={t("appendix.reasonHint")} required error={errors.reason} />
          <button type="submit">{t("appendix.create")}</button>
        </>
      )}
    </DisclosedForm>
  );
}
