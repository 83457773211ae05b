import { DisclosedForm } from "~/components/DisclosedForm";
import { Field, SelectField } from "~/components/Field";
import { useT } from "~/i18n/use-t";

type Option = { value: string; label: string };

/** Recording a party's grant for a year, the rule's proposal filled in. */
export function GrantForm({ id, parties, year, proposed }: { id: string; parties: Option[]; year: number; proposed: number | null }) {
  const t = useT();
  return (
    <DisclosedForm summary={t("funds.recordGrant")} action={`/partnerships/${id}/funding/records`}>
      {(errors) => (
        <>
          <input type="hidden" name="intent" value="grant" />
          <SelectField name="partyId" id="grant-party" label={t("funds.party")} options={parties} error={errors.partyId} />
          <Field name="year" id="grant-year" type="number" label={t("funds.year")} defaultValue={year} required error={errors.year} />
          <Field name="amount" id="grant-amount" inputMode="numeric" label={t("funds.amountKronor")} defaultValue={proposed ?? ""} required error={errors.amount} />
          <Field name="decisionReference" id="grant-reference" label={t("funds.decisionReference")} hint={t("funds.decisionReferenceHint")} error={errors.decisionReference} />
          <button type="submit">{t("funds.saveGrant")}</button>
        </>
      )}
    </DisclosedForm>
  );
}

/** Recording a year's index figure (002: the nämnd's index). */
export function IndexForm({ id, year, index }: { id: string; year: number; index: string }) {
  const t = useT();
  return (
    <DisclosedForm summary={t("funds.recordIndex")} action={`/partnerships/${id}/funding/records`}>
      {(errors) => (
        <>
          <input type="hidden" name="intent" value="index" />
          <p>{t("funds.indexName", { index })}</p>
          <Field name="year" id="index-year" type="number" label={t("funds.year")} defaultValue={year} required error={errors.year} />
          <Field name="percent" id="index-percent" inputMode="decimal" label={t("funds.percent")} hint={t("funds.percentHint")} required error={errors.percent} />
          <Field name="reference" id="index-reference" label={t("funds.reference")} error={errors.reference} />
          <button type="submit">{t("funds.saveIndex")}</button>
        </>
      )}
    </DisclosedForm>
  );
}

/** Adding a payment to a party's grant: the one-off payment, or an invoice (003: the idea-based party invoices). */
export function PaymentForm({ id, party, grants }: { id: string; party: Option; grants: Option[] }) {
  const t = useT();
  const at = `payment-${party.value}`;
  return (
    <DisclosedForm summary={t("funds.addPayment", { party: party.label })} action={`/partnerships/${id}/funding/records`}>
      {(errors) => (
        <>
          <input type="hidden" name="intent" value="payment" />
          <input type="hidden" name="partyId" value={party.value} />
          <SelectField name="grantId" id={`${at}-grant`} label={t("funds.grant")} options={grants} error={errors.grantId} />
          <Field name="dueOn" id={`${at}-due`} type="date" label={t("funds.dueOn")} required error={errors.dueOn} />
          <Field name="amount" id={`${at}-amount`} inputMode="numeric" label={t("funds.amountKronor")} required error={errors.amount} />
          <Field name="reference" id={`${at}-reference`} label={t("funds.invoiceReference")} error={errors.reference} />
          <button type="submit">{t("funds.savePayment")}</button>
        </>
      )}
    </DisclosedForm>
  );
}
