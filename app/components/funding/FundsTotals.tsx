import { DataTable } from "~/components/DataTable";
import type { FundsYearTotals } from "~/domain/funding";
import { useT } from "~/i18n/use-t";
import { kronor } from "./kronor";

/** Granted, paid, stopped, reclaimed and outstanding by year. */
export function FundsTotals({ totals }: { totals: readonly FundsYearTotals[] }) {
  const t = useT();
  return (
    <section aria-labelledby="totals-h">
      <h2 id="totals-h">{t("funds.totals")}</h2>
      {totals.length === 0 ? (
        <p>{t("funds.noGrants")}</p>
      ) : (
        <DataTable label={t("funds.totals")} headers={[t("funds.year"), t("funds.granted"), t("funds.paid"), t("funds.stoppedTotal"), t("funds.reclaimed"), t("funds.outstanding")]}>
          {totals.map((y) => (
            <tr key={y.year}>
              <th scope="row">{y.year}</th>
              {[y.granted, y.paid, y.stopped, y.reclaimed, y.outstanding].map((n, i) => (
                <td key={i}>{kronor(n)}</td>
              ))}
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
