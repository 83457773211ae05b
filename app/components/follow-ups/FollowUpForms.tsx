import { DisclosedForm } from "~/components/DisclosedForm";
import { Field, SelectField, TextArea } from "~/components/Field";
import { decisionLabel } from "~/domain/decision";
import { useT } from "~/i18n/use-t";

type Option = { id: string; name: string };

/** Plans a follow-up or an evaluation: what, when, who leads it and to whom it is presented. */
export function PlanFollowUp({ partnershipId, leads }: { partnershipId: string; leads: Option[] }) {
  const t = useT();
  return (
    <DisclosedForm summary={t("followUp.plan")} action={`/partnerships/${partnershipId}/follow-ups/plans`}>
      {(e) => (
        <>
          <SelectField
            name="kind"
            id="fu-kind"
            label={t("followUp.fieldKind")}
            options={[
              { value: "follow_up", label: t("followUp.kind.follow_up") },
              { value: "evaluation", label: t("followUp.kind.evaluation") },
            ]}
            error={e.kind}
          />
          <Field name="title" id="fu-title" label={t("followUp.fieldTitle")} required error={e.title} />
          <TextArea name="covers" id="fu-covers" label={t("followUp.fieldCovers")} error={e.covers} />
          <Field name="presentedTo" id="fu-presented" label={t("followUp.fieldPresentedTo")} hint={t("followUp.fieldPresentedToHint")} error={e.presentedTo} />
          <SelectField
            name="recurrence"
            id="fu-recurrence"
            label={t("followUp.fieldRecurrence")}
            options={[
              { value: "yearly", label: t("followUp.recurrence.yearly") },
              { value: "once", label: t("followUp.recurrence.once") },
            ]}
            error={e.recurrence}
          />
          <Field name="dueOn" id="fu-due" type="date" label={t("followUp.fieldDueOn")} required error={e.dueOn} />
          <SelectField
            name="leadUserId"
            id="fu-lead"
            label={t("followUp.fieldLead")}
            options={[{ value: "", label: t("followUp.noLead") }, ...leads.map((l) => ({ value: l.id, label: l.name }))]}
            error={e.leadUserId}
          />
          <button type="submit">{t("followUp.submitPlan")}</button>
        </>
      )}
    </DisclosedForm>
  );
}

export interface Linkable {
  reports: { id: string; year: number; partyName: string }[];
  decisions: { id: string; groupKind: "steering" | "cooperation"; year: number; number: number; text: string }[];
}

/** The fetcher every outcome form posts with: the page shows its answer, since the form goes once the follow-up is done. */
export const OUTCOME_FETCHER = "follow-up-outcome";

/** Records what a follow-up found, with the reports it covered and the decisions that followed. */
export function RecordOutcome({ partnershipId, followUpId, links }: { partnershipId: string; followUpId: string; links: Linkable }) {
  const t = useT();
  const id = (name: string) => `fu-${followUpId}-${name}`;
  return (
    <DisclosedForm summary={t("followUp.record")} action={`/partnerships/${partnershipId}/follow-ups/outcomes`} fetcherKey={OUTCOME_FETCHER}>
      {(e) => (
        <>
          <input type="hidden" name="followUpId" value={followUpId} />
          <Field name="doneOn" id={id("done")} type="date" label={t("followUp.fieldDoneOn")} required error={e.doneOn} />
          <TextArea name="outcome" id={id("outcome")} label={t("followUp.fieldOutcome")} rows={4} required error={e.outcome} />
          {links.reports.length ? (
            <fieldset>
              <legend>{t("followUp.fieldReports")}</legend>
              {e.reportIds ? <p className="field-error">{t(e.reportIds)}</p> : null}
              {links.reports.map((r) => (
                <label key={r.id} className="check">
                  <input type="checkbox" name="reportIds" value={r.id} /> {r.year} – {r.partyName}
                </label>
              ))}
            </fieldset>
          ) : null}
          {links.decisions.length ? (
            <fieldset>
              <legend>{t("followUp.fieldDecisions")}</legend>
              {e.decisionIds ? <p className="field-error">{t(e.decisionIds)}</p> : null}
              {links.decisions.map((d) => (
                <label key={d.id} className="check">
                  <input type="checkbox" name="decisionIds" value={d.id} /> {decisionLabel(d.groupKind, d.year, d.number)} {d.text}
                </label>
              ))}
            </fieldset>
          ) : null}
          {!links.reports.length && !links.decisions.length ? <p className="muted">{t("followUp.noLinks")}</p> : null}
          <button type="submit">{t("followUp.submitOutcome")}</button>
        </>
      )}
    </DisclosedForm>
  );
}
