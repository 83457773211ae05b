import { DisclosedForm } from "~/components/DisclosedForm";
import { Field, TextArea } from "~/components/Field";
import { useT } from "~/i18n/use-t";

export type RecordedRuling = {
  authority: string;
  caseNumber: string;
  finalOn: string;
  endsOn: string;
  note: string;
};

/** A court's final ruling (000 §10): shown once recorded; the coordinator records it after confirming what it means. */
export function CourtRuling({ id, ruling, canRecord }: { id: string; ruling: RecordedRuling | null; canRecord: boolean }) {
  const t = useT();
  if (!ruling && !canRecord) return null;
  return (
    <section aria-labelledby="court-h">
      <h2 id="court-h">{t("court.heading")}</h2>
      {ruling ? (
        <>
          <p className="warning">{t("court.entry", ruling)}</p>
          {ruling.note ? <p>{ruling.note}</p> : null}
        </>
      ) : (
        <>
          <p>{t("court.intro")}</p>
          <DisclosedForm summary={t("court.submit")} action={`/partnerships/${id}/termination/court-ruling`}>
            {(e) => (
              <>
                <Field name="authority" id="court-authority" label={t("court.authority")} required error={e.authority} />
                <Field name="caseNumber" id="court-case" label={t("court.caseNumber")} error={e.caseNumber} />
                <Field name="finalOn" id="court-final" type="date" label={t("court.finalOn")} required error={e.finalOn} />
                <TextArea name="note" id="court-note" label={t("court.note")} error={e.note} />
                <div className="field">
                  {e.confirm ? (
                    <p className="field-error" id="court-confirm-error">
                      {t(e.confirm)}
                    </p>
                  ) : null}
                  <label className="check">
                    <input type="checkbox" name="confirm" aria-describedby={e.confirm ? "court-confirm-error" : undefined} aria-invalid={e.confirm ? true : undefined} />{" "}
                    {t("court.confirm")}
                  </label>
                </div>
                <button type="submit">{t("court.submit")}</button>
              </>
            )}
          </DisclosedForm>
        </>
      )}
    </section>
  );
}
