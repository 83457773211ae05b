import type { ReportingRule } from "~/domain/reporting-rule";
import { ruleSentences } from "~/i18n/report-labels";
import { useT } from "~/i18n/use-t";

/** The partnership's reporting rule in plain words: what is due when, what goes with it, whether the accounts need approval. */
export function ReportingRuleText({ rule, year, dueOn }: { rule: ReportingRule; year: number; dueOn: string | null }) {
  const t = useT();
  return (
    <section aria-labelledby="rule-h">
      <h2 id="rule-h">{t("report.ruleHeading")}</h2>
      <ul>
        {ruleSentences(t, rule, year, dueOn).map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </section>
  );
}
