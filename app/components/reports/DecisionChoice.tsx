import { SelectField } from "~/components/Field";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";

export type DecisionOption = { id: string; label: string };

/** The steering group's adopted decision a change to the reporting cites; a note when there is none yet. */
export function DecisionChoice({ decisions, id, error }: { decisions: readonly DecisionOption[]; id: string; error?: MessageKey }) {
  const t = useT();
  if (!decisions.length) return <p className="warning">{t("report.noHeldDecision")}</p>;
  return (
    <SelectField
      name="decisionId"
      id={id}
      label={t("report.decision")}
      hint={t("report.decisionHint")}
      required
      error={error}
      options={[{ value: "", label: t("report.noDecision") }, ...decisions.map((d) => ({ value: d.id, label: d.label }))]}
    />
  );
}
