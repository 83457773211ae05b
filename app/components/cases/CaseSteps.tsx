import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { Field, FormAlert, SelectField, TextArea } from "~/components/Field";
import { isSteeringStep, type CaseKind } from "~/domain/cases";
import { formatDateTime, type MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";

/** What a steering step is recorded from: the steering group's held meetings and adopted decisions since the case was reported. */
export interface StepGround {
  meetings: { id: string; title: string; startsAt: string }[];
  decisions: { id: string; label: string }[];
}

interface StepsProps extends StepGround {
  caseId: string;
  kind: CaseKind;
  closed: boolean;
  /** The steps the user may take now. */
  steps: string[];
  /** Funds are reclaimed only from an idea-based party (004 §5.4 Återkrav). */
  reclaimable: boolean;
}

/** The steps of the case the user may take now; they share one answer, which stays when the step taken is no longer offered. */
export function CaseSteps({ caseId, kind, closed, steps, reclaimable, ...ground }: StepsProps) {
  const t = useT();
  const fetcher = useFetcher<ActionData>({ key: `case-steps-${caseId}` });
  const stage = fetcher.data?.details?.stage;
  return (
    <section aria-labelledby="steps-h">
      <h2 id="steps-h">{t("case.steps")}</h2>
      <ActionMessages data={fetcher.data} params={typeof stage === "string" ? { stage: t(`case.stage.${kind}.${stage}` as MessageKey) } : undefined} />
      {closed ? <p>{t("case.closedNote")}</p> : steps.length === 0 ? <p className="empty">{t("case.noSteps")}</p> : null}
      {steps.map((event) => (
        <StepForm key={event} caseId={caseId} event={event} kind={kind} reclaimable={reclaimable} error={fetcher.data?.fieldErrors[event]} {...ground} />
      ))}
    </section>
  );
}

/** One allowed step, behind its own disclosure so nothing is taken by a stray click. */
function StepForm({ caseId, event, kind, error, reclaimable, meetings, decisions }: StepGround & { caseId: string; event: string; kind: CaseKind; error?: MessageKey; reclaimable: boolean }) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<ActionData>({ key: `case-steps-${caseId}` });
  const label = t(`case.event.${event}` as MessageKey);
  const steering = isSteeringStep(kind, event);
  const noteRequired = event === "writtenExchange" || event === "returnPlan";
  return (
    <details open={Boolean(error)}>
      <summary>{label}</summary>
      <fetcher.Form method="post" action={`/cases/${caseId}/steps`} className="stack" noValidate>
        <input type="hidden" name="event" value={event} />
        <FormAlert message={error ? t(error) : undefined} />
        {steering ? (
          decisions.length ? (
            <>
              <SelectField
                name="meetingId"
                id={`${event}-meeting`}
                label={t("case.meeting")}
                hint={t("case.meetingHint")}
                options={meetings.map((m) => ({ value: m.id, label: `${m.title}, ${formatDateTime(m.startsAt, locale)}` }))}
              />
              <SelectField
                name="decisionId"
                id={`${event}-decision`}
                label={t("case.decision")}
                required
                options={[{ value: "", label: t("case.noDecision") }, ...decisions.map((x) => ({ value: x.id, label: x.label }))]}
              />
            </>
          ) : (
            <p className="warning">{t("case.noHeldMeeting")}</p>
          )
        ) : null}
        {event === "requirePlan" ? <Field name="planDueOn" id={`${event}-due`} type="date" label={t("case.planDueOn")} required /> : null}
        {event !== "terminate" ? null : reclaimable ? (
          <SelectField
            name="reclaim"
            id={`${event}-reclaim`}
            label={t("case.reclaim")}
            options={[
              { value: "no", label: t("case.reclaimNo") },
              { value: "yes", label: t("case.reclaimYes") },
            ]}
          />
        ) : (
          <input type="hidden" name="reclaim" value="no" />
        )}
        <TextArea
          name="note"
          id={`${event}-note`}
          label={t("case.note")}
          hint={event === "writtenExchange" ? t("case.noteHintExchange") : undefined}
          rows={3}
          required={noteRequired}
        />
        <button type="submit" className={event === "terminate" || event === "referToCourt" ? "danger" : undefined}>
          {t("case.confirmStep", { event: label })}
        </button>
      </fetcher.Form>
    </details>
  );
}
