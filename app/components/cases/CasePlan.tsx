import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { DataTable } from "~/components/DataTable";
import { Field, FormAlert, TextArea } from "~/components/Field";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";

export interface PlanAction {
  id: string;
  what: string;
  owner: string;
  dueOn: string;
  progress: string;
  done: boolean;
}

interface PlanProps {
  caseId: string;
  actions: PlanAction[];
  /** The responsible party writes the plan while it is required. */
  canEditPlan: boolean;
  /** The responsible party and the steering group follow it up once accepted. */
  canFollowUp: boolean;
  /** The stage's name, for the answer to recorded progress. */
  stageLabel: (stage: string) => string;
}

/** The action plan: written by the responsible party while required, followed up once accepted. */
export function CasePlan({ caseId, actions, canEditPlan, canFollowUp, stageLabel }: PlanProps) {
  const t = useT();
  const plan = useFetcher<ActionData>({ key: `case-plan-${caseId}` });
  const progress = useFetcher<ActionData>({ key: `case-progress-${caseId}` });
  const stage = progress.data?.details?.stage;
  const e = plan.data?.fieldErrors ?? {};
  const wrongChoice = e.actionId ?? progress.data?.fieldErrors.actionId ?? progress.data?.fieldErrors.progress;
  return (
    <section aria-labelledby="plan-h">
      <h2 id="plan-h">{t("case.plan")}</h2>
      <ActionMessages data={plan.data} />
      <ActionMessages data={progress.data} params={typeof stage === "string" ? { stage: stageLabel(stage) } : undefined} />
      <FormAlert message={wrongChoice ? t(wrongChoice) : undefined} />
      {actions.length === 0 ? <p className="empty">{t("case.planNone")}</p> : null}
      {actions.length ? (
        <DataTable label={t("case.plan")} headers={[t("case.planWhat"), t("case.planOwner"), t("case.planDue"), t("case.planProgress")]}>
          {actions.map((a) => (
            <tr key={a.id}>
              <td>{a.what}</td>
              <td>{a.owner}</td>
              <td>{a.dueOn}</td>
              <td>
                {a.done ? <strong>{t("case.planDone")}. </strong> : null}
                {a.progress || (canFollowUp ? null : "—")}
                {canEditPlan ? (
                  <plan.Form method="post" action={`/cases/${caseId}/plan`}>
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="actionId" value={a.id} />
                    <button type="submit" className="small secondary" aria-label={t("case.planRemoveLabel", { what: a.what })}>
                      {t("case.planRemove")}
                    </button>
                  </plan.Form>
                ) : null}
                {canFollowUp ? (
                  <progress.Form method="post" action={`/cases/${caseId}/progress`} className="stack">
                    <input type="hidden" name="actionId" value={a.id} />
                    <TextArea name="progress" id={`progress-${a.id}`} label={t("case.progressFor", { what: a.what })} rows={2} required defaultValue={a.progress} />
                    <label className="check">
                      <input type="checkbox" name="done" defaultChecked={a.done} /> {t("case.doneFor", { what: a.what })}
                    </label>
                    <button type="submit" className="small">
                      {t("case.progressSave")}
                    </button>
                  </progress.Form>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {canEditPlan ? (
        <plan.Form method="post" action={`/cases/${caseId}/plan`} className="stack" noValidate>
          <input type="hidden" name="intent" value="add" />
          <Field name="what" id="plan-what" label={t("case.planWhat")} required error={e.what} />
          <Field name="owner" id="plan-owner" label={t("case.planOwner")} required error={e.owner} />
          <Field name="dueOn" id="plan-due" type="date" label={t("case.planDue")} required error={e.dueOn} />
          <button type="submit">{t("case.planAdd")}</button>
        </plan.Form>
      ) : null}
    </section>
  );
}
