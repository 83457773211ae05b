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

/** What the funds decision's form answered, shown by the page since the form goes away once it is done. */
export function FundsDecisionAnswer() {
  return <ActionMessages data={useFetcher<ActionData>({ key: KEY }).data} />;
}
