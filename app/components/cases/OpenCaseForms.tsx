import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { Field, FormAlert, SelectField, TextArea } from "~/components/Field";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";

/** A form's answer: the message naming the meeting the new case went on the agenda of, or a summary of the errors at the fields. */
function Opened({ data }: { data: ActionData | undefined }) {
  const t = useT();
  const meeting = data?.details?.meeting;
  return (
    <>
      <ActionMessages data={data} params={{ meeting: typeof meeting === "string" ? meeting : "" }} />
      {data && !data.done && !data.fieldErrors.refused ? <FormAlert message={t("form.errorSummary")} /> : null}
    </>
  );
}

/** 004 §5.4: a party reports another party's shortcoming, with the commitment it concerns and evidence. */
export function ReportShortcoming({ partnershipId, accusable }: { partnershipId: string; accusable: { id: string; name: string }[] }) {
  const t = useT();
  const fetcher = useFetcher<ActionData>();
  const errors = fetcher.data?.fieldErrors ?? {};
  return (
    <section aria-labelledby="report-h">
      <h2 id="report-h">{t("cases.newShortcoming")}</h2>
      <Opened data={fetcher.data} />
      <fetcher.Form method="post" action={`/partnerships/${partnershipId}/cases/shortcomings`} className="stack" noValidate>
        <SelectField name="concernsParty" id="sc-party" label={t("cases.concernsParty")} options={accusable.map((p) => ({ value: p.id, label: p.name }))} error={errors.concernsParty} />
        <Field name="commitment" id="sc-commitment" label={t("cases.commitment")} hint={t("cases.commitmentHint")} required error={errors.commitment} />
        <TextArea name="description" id="sc-description" label={t("cases.lacking")} hint={t("cases.lackingHint")} rows={4} required error={errors.description} />
        <TextArea name="evidence" id="sc-evidence" label={t("cases.evidence")} hint={t("cases.evidenceHint")} rows={2} error={errors.evidence} />
        <button type="submit">{t("cases.submitShortcoming")}</button>
      </fetcher.Form>
    </section>
  );
}

const MATTERS = {
  dispute: { address: "disputes", heading: "cases.newDispute", submit: "cases.submitDispute" },
  information: { address: "information", heading: "cases.newInformation", submit: "cases.submitInformation" },
  renegotiation: { address: "renegotiation", heading: "cases.newRenegotiation", submit: "cases.submitRenegotiation" },
} satisfies Record<string, { address: string; heading: MessageKey; submit: MessageKey }>;

/** A matter for the steering group in a title and a description: a disagreement (004 §5.8), changed circumstances (§5.7) or a request to renegotiate (003, 000 §10). */
export function MatterForm({ partnershipId, kind }: { partnershipId: string; kind: keyof typeof MATTERS }) {
  const t = useT();
  const fetcher = useFetcher<ActionData>();
  const errors = fetcher.data?.fieldErrors ?? {};
  const matter = MATTERS[kind];
  return (
    <section aria-labelledby={`${kind}-h`}>
      <h2 id={`${kind}-h`}>{t(matter.heading)}</h2>
      <Opened data={fetcher.data} />
      <fetcher.Form method="post" action={`/partnerships/${partnershipId}/cases/${matter.address}`} className="stack" noValidate>
        <Field name="title" id={`${kind}-title`} label={t("cases.matterTitle")} required error={errors.title} />
        <TextArea name="description" id={`${kind}-description`} label={t("cases.matterDescription")} hint={t("cases.lackingHint")} rows={4} required error={errors.description} />
        <button type="submit">{t(matter.submit)}</button>
      </fetcher.Form>
    </section>
  );
}
