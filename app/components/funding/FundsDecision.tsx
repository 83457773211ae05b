import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { DisclosedForm } from "~/components/DisclosedForm";
import { Field } from "~/components/Field";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";

const KEY = "funds-decision";

/** The coordinator records the decision on funds a conditional period awaits (004 §5.1); the form goes once it is recorded. */
export function FundsDecisionForm({ id }: { id: string }) {
  const t = useT();
  return (
    <DisclosedForm summary={t("funds.recordDecision")} action={`/partnerships/${id}/funding/decision`} fetcherKey={KEY}>
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

const CONDITION_KEY = "funds-condition";

/** The coordinator marks the agreement's period as conditional on funds, citing its clause (004 §5.1); the form goes once it is. */
export function FundsConditionForm({ id }: { id: string }) {
  const t = useT();
  return (
    <DisclosedForm summary={t("funds.markConditional")} action={`/partnerships/${id}/funding/decision`} fetcherKey={CONDITION_KEY}>
      {(errors) => (
        <>
          <input type="hidden" name="intent" value="condition" />
          <Field name="clause" id="funds-clause" label={t("funds.clause")} hint={t("funds.clauseHint")} required error={errors.clause} />
          <button type="submit">{t("funds.saveCondition")}</button>
        </>
      )}
    </DisclosedForm>
  );
}

/** The clause a condition cites, as the warning's words take it: " (004 §5.1)", or nothing when none is recorded. */
export const conditionClause = (condition: { clause?: string }) => (condition.clause ? ` (${condition.clause})` : "");

/** What the funds decision's form answered, shown by the page since the form goes away once it is done. */
export function FundsDecisionAnswer() {
  const condition = useFetcher<ActionData>({ key: CONDITION_KEY }).data;
  const decision = useFetcher<ActionData>({ key: KEY }).data;
  return (
    <>
      <ActionMessages data={condition} />
      <ActionMessages data={decision} />
    </>
  );
}
