import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { Field, TextArea } from "~/components/Field";
import { useT } from "~/i18n/use-t";
import type { action } from "~/routes/partnerships.$id.appendices.$appendixId";

/** A coordinator registers a new version of an appendix: its commitments and the reason or decision behind the change. */
export function ReviseAppendix({ partnershipId, appendix }: { partnershipId: string; appendix: { id: string; commitments: string } }) {
  const t = useT();
  const fetcher = useFetcher<typeof action>();
  const errors = fetcher.data?.fieldErrors ?? {};
  return (
    <>
      <ActionMessages data={fetcher.data} />
      <details open={fetcher.data !== undefined && !fetcher.data.done}>
        <summary>{t("appendix.revise")}</summary>
        <fetcher.Form method="post" action={`/partnerships/${partnershipId}/appendices/${appendix.id}`} className="stack">
          <TextArea id={`c-${appendix.id}`} name="commitments" label={t("appendix.commitments")} rows={6} required defaultValue={appendix.commitments} error={errors.commitments} />
          <Field id={`r-${appendix.id}`} name="reason" label={t("appendix.reasonField")} hint={t("appendix.reasonHint")} required error={errors.reason} />
          <button type="submit">{t("appendix.saveVersion")}</button>
        </fetcher.Form>
      </details>
    </>
  );
}
