import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import type { ReportingRule } from "~/domain/reporting-rule";
import { STATISTIC_KEYS } from "~/domain/yearly-report";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";
import { DecisionChoice, type DecisionOption } from "./DecisionChoice";

/** Recording the steering group's decision on the statistics every party's report gives, and which by gender. */
export function StatisticKeys({ id, rule, decisions }: { id: string; rule: ReportingRule; decisions: readonly DecisionOption[] }) {
  const t = useT();
  const keys = useFetcher<ActionData>();
  const e = keys.data?.fieldErrors ?? {};
  return (
    <section aria-labelledby="keys-h">
      <h2 id="keys-h">{t("report.keysHeading")}</h2>
      <ActionMessages data={keys.data} />
      <keys.Form method="post" action={`/partnerships/${id}/reports/statistics`} className="stack" noValidate>
        <fieldset aria-describedby="keys-hint">
          <legend>{t("report.statistics")}</legend>
          <p className="field-hint" id="keys-hint">
            {t("report.keysHint")}
          </p>
          {STATISTIC_KEYS.map((k) => (
            <div key={k} className="row">
              <label className="check">
                <input type="checkbox" name="statistics" value={k} defaultChecked={rule.statistics.includes(k)} /> {t(`report.stat.${k}`)}
              </label>
              <label className="check">
                <input type="checkbox" name="byGender" value={k} defaultChecked={rule.byGender.includes(k)} aria-label={`${t(`report.stat.${k}`)}: ${t("report.keysByGender")}`} />{" "}
                {t("report.keysByGender")}
              </label>
            </div>
          ))}
        </fieldset>
        <DecisionChoice decisions={decisions} id="keys-decision" error={e.decisionId} />
        {decisions.length ? <button type="submit">{t("report.keysSave")}</button> : null}
      </keys.Form>
    </section>
  );
}
