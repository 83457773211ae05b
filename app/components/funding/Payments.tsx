import { DataTable } from "~/components/DataTable";
import { DisclosedForm } from "~/components/DisclosedForm";
import { Field, SelectField, TextArea } from "~/components/Field";
import type { PaymentStatus } from "~/domain/funding";
import { useT } from "~/i18n/use-t";
import { kronor } from "./kronor";
import { StatusBadge, type StatusTone } from "~/components/StatusBadge";

type Option = { value: string; label: string };
const PAYMENT_TONE: Record<PaymentStatus, StatusTone> = { due: "waiting", paid: "good", stopped: "bad", reclaimed: "bad" };

type Payment = { id: string; partyId: string; party: string; year: number; dueOn: string; amount: number; status: PaymentStatus; reference: string; settledOn: string | null };

/** The payments by due date, each due or paid one recordable as paid, stopped or reclaimed. */
export function Payments({
  id,
  payments,
  stopped,
  canRecord,
  decisions,
  today,
}: {
  id: string;
  payments: Payment[];
  stopped: string[];
  canRecord: boolean;
  decisions: Option[];
  today: string;
}) {
  const t = useT();
  return (
    <section aria-labelledby="payments-h">
      <h2 id="payments-h">{t("funds.payments")}</h2>
      {payments.length === 0 ? (
        <p>{t("funds.noPayments")}</p>
      ) : (
        <DataTable label={t("funds.payments")} headers={[t("funds.dueOn"), t("funds.party"), t("funds.year"), t("funds.amount"), t("funds.status"), t("funds.reference")]}>
          {payments.map((p) => (
            <tr key={p.id}>
              <td>{p.dueOn}</td>
              <td>{p.party}</td>
              <td>{p.year}</td>
              <td>{kronor(p.amount)}</td>
              <td>
                <StatusBadge tone={PAYMENT_TONE[p.status]}>{t(`funds.status.${p.status}`)}</StatusBadge>
                {p.settledOn ? ` ${p.settledOn}` : ""}
              </td>
              <td>{p.reference}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {canRecord
        ? payments
            // While a stop holds, the party's payments are not paid (004 §5.4); a reclaimed one is settled.
            .filter((p) => p.status !== "reclaimed" && (p.status === "paid" || !stopped.includes(p.partyId)))
            .map((p) => <SettleForm key={p.id} id={id} payment={p} decisions={decisions} today={today} />)
        : null}
    </section>
  );
}

function SettleForm({ id, payment, decisions, today }: { id: string; payment: Payment; decisions: Option[]; today: string }) {
  const t = useT();
  const statuses: PaymentStatus[] = payment.status === "paid" ? ["reclaimed"] : payment.status === "stopped" ? ["paid"] : ["paid", "stopped"];
  const at = `settle-${payment.id}`;
  return (
    <DisclosedForm summary={t("funds.settle", { party: payment.party, date: payment.dueOn, amount: kronor(payment.amount) })} action={`/partnerships/${id}/funding/records`}>
      {(errors) => (
        <>
          <input type="hidden" name="intent" value="settle" />
          <input type="hidden" name="paymentId" value={payment.id} />
          <SelectField
            name="status"
            id={`${at}-status`}
            label={t("funds.status")}
            options={statuses.map((s) => ({ value: s, label: t(`funds.status.${s}`) }))}
            error={errors.status}
          />
          <Field name="settledOn" id={`${at}-on`} type="date" label={t("funds.settledOn")} defaultValue={today} required error={errors.settledOn} />
          <SelectField
            name="decisionId"
            id={`${at}-decision`}
            label={t("funds.decision")}
            hint={t("funds.decisionHint")}
            options={[{ value: "", label: t("funds.noDecision") }, ...decisions]}
            error={errors.decisionId}
          />
          <Field name="reference" id={`${at}-reference`} label={t("funds.reference")} defaultValue={payment.reference} error={errors.reference} />
          <TextArea name="note" id={`${at}-note`} label={t("funds.note")} error={errors.note} />
          <button type="submit">{t("funds.saveSettle")}</button>
        </>
      )}
    </DisclosedForm>
  );
}
