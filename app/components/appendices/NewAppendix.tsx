import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { Field, SelectField, TextArea } from "~/components/Field";
import { useT } from "~/i18n/use-t";
import type { action } from "~/routes/partnerships.$id.appendices";

/** A coordinator registers a new appendix for one of `parties`, with the reason or decision behind it. */
export function NewAppendix({ partnershipId, parties }: { partnershipId: string; parties: { id: string; name: string }[] }) {
  const t = useT();
  const fetcher = useFetcher<typeof action>();
  const errors = fetcher.data?.fieldErrors ?? {};
  return (
    <>
      <ActionMessages data={fetcher.data} />
      <details open={fetcher.data !== undefined && !fetcher.data.done}>
        <summary>{t("appendix.add")}</summary>
        <fetcher.Form method="post" action={`/partnerships/${partnershipId}/appendices`} className="stack">
          <SelectField name="partyId" label={t("group.party")} options={parties.map((p) => ({ value: p.id, label: p.name }))} error={errors.partyId} />
          <Field name="title" label={t("appendix.titleField")} required error={errors.title} />
          <TextArea name="commitments" label={t("appendix.commitments")} rows={6} required error={errors.commitments} />
          <Field name="reason" label={t("appendix.reasonField")} hint={t("appendix.reasonHint")} required error={errors.reason} />
          <button type="submit">{t("appendix.create")}</button>
        </fetcher.Form>
      </details>
    </>
  );
}
