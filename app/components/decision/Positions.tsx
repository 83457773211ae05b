import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { DataTable } from "~/components/DataTable";
import { TextArea } from "~/components/Field";
import { formatDateTime } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";
import type { DecisionPage } from "./page-data";
import { RecordedForRoom } from "./RecordedForRoom";

/** Each party's position, the form for the party the user speaks for, and closing or recording the decision. */
export function Positions({ decision, parties, myParty, can, minutesFinal }: Pick<DecisionPage, "decision" | "parties" | "myParty" | "can"> & { minutesFinal: boolean }) {
  const t = useT();
  const locale = useLocale();
  const position = useFetcher<ActionData>();
  const closing = useFetcher<ActionData>();
  return (
    <section aria-labelledby="positions-h">
      <h2 id="positions-h">{t("decision.positions")}</h2>
      <ActionMessages data={position.data} />
      <ActionMessages data={closing.data} />
      <DataTable label={t("decision.positions")} headers={[t("decision.party"), t("decision.position"), t("decision.reservation"), t("decision.statedBy")]}>
        {parties.map((p) => (
          <tr key={p.id}>
            <td>{p.name}</td>
            <td>{p.position ? t(`decision.position.${p.position}`) : t("decision.noPosition")}</td>
            <td className="prewrap">{p.reservation || "—"}</td>
            <td>
              {p.statedBy && p.statedAt ? `${p.statedBy}, ${formatDateTime(p.statedAt, locale)}` : "—"}
              {p.recordedForRoom ? (
                <>
                  {" "}
                  <RecordedForRoom minutesFinal={minutesFinal} />
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      {myParty ? (
        <position.Form method="post" action={`/decisions/${decision.id}/position`} className="stack">
          <fieldset>
            <legend>{t("decision.stateTitle")}</legend>
            {(["agree", "object", "abstain"] as const).map((p) => (
              <label key={p} className="check">
                <input type="radio" name="position" value={p} required defaultChecked={parties.find((x) => x.id === myParty)?.position === p} /> {t(`decision.position.${p}`)}
              </label>
            ))}
          </fieldset>
          <TextArea name="reservation" label={t("decision.reservation")} hint={t("decision.reservationHint")} error={position.data?.fieldErrors.reservation} />
          <button type="submit">{t("decision.stateSubmit")}</button>
        </position.Form>
      ) : null}
      {can.close || can.recordPerCapsulum ? (
        <details>
          <summary>{t(decision.stage === "proposed" ? "decision.recordPc" : "decision.close")}</summary>
          <closing.Form method="post" action={`/decisions/${decision.id}/closing`} className="stack">
            <input type="hidden" name="intent" value={decision.stage === "proposed" ? "record" : "close"} />
            <p>{t(decision.stage === "proposed" ? "decision.recordPcWarn" : "decision.closeWarn")}</p>
            <button type="submit">{t(decision.stage === "proposed" ? "decision.recordPcConfirm" : "decision.closeConfirm")}</button>
          </closing.Form>
        </details>
      ) : null}
    </section>
  );
}
