import { DisclosedForm } from "~/components/DisclosedForm";
import { Field } from "~/components/Field";
import { useT } from "~/i18n/use-t";

/** The coordinator records the decision on funds a conditional period awaits (004 §5.1). */
export function FundsDecisionForm({ id }: { id: string }) {
  const t = useT();
  return (
    <DisclosedForm summary={t("funds.recordDecision")} action={`/partnerships/${id}/funding/decision`}>
      {(errors) => (
        <>
          <input type="hidden" name="intent" value="decide" />
          <Field name="decidedOn" id="funds-decided-on" type="date" label={t("funds.decidedOn")} required error={errors.decidedOn} />
          <Field name="reference" id="funds-decision-reference" label={t("funds.decisionReference")} required error={errors.reference} />
          <button type="submit">{t("funds.saveDecision")}</button>
        </>
      )}
    </DisclosedForm>
  );
}
