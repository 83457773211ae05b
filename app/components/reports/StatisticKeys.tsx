import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { STATISTIC_KEYS } from "~/domain/yearly-report";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";

/** Choosing the statistics every party's report gives. */
export function StatisticKeys({ id, chosen }: { id: string; chosen: readonly string[] }) {
  const t = useT();
  const keys = useFetcher<ActionData>();
  const error = keys.data?.fieldErrors.keys;
  return (
    <section aria-labelledby="keys-h">
      <h2 id="keys-h">{t("report.keysHeading")}</h2>
      <ActionMessages data={keys.data} />
      <keys.Form method="post" action={`/partnerships/${id}/reports/statistics`} noValidate>
        <fieldset aria-describedby="keys-hint">
          <legend>{t("report.statistics")}</legend>
          <p className="field-hint" id="keys-hint">
            {t("report.keysHint")}
          </p>
          {error ? <p className="field-error">{t(error)}</p> : null}
          {STATISTIC_KEYS.map((k) => (
            <label key={k} className="check">
              <input type="checkbox" name="keys" value={k} defaultChecked={chosen.includes(k)} /> {t(`report.stat.${k}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t("report.keysSave")}</button>
      </keys.Form>
    </section>
  );
}
