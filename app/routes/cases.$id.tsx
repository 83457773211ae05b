import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guards.server";
import { Fact } from "~/components/Fact";
import { Field, FormAlert, Notice, SelectField, TextArea } from "~/components/Field";
import { DataTable } from "~/components/DataTable";
import { PartnershipTabs } from "~/components/PartnershipTabs";
import { caseStepsOpen, isClosed, isSteeringStep, type CaseKind } from "~/domain/cases";
import { decisionLabel } from "~/domain/decision";
import { stockholmDate, stockholmInstant } from "~/domain/stockholm-date";
import { planActionSchema, progressSchema, stepSchema } from "~/forms/case";
import { NO_FIELD_ERRORS, parseForm, type FieldErrors } from "~/forms/parse";
import { baseUrl } from "~/http/base-url.server";
import { readForm } from "~/http/form.server";
import { formatDateTime, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { isUuid, requirePartnershipAccess } from "~/services/access.server";
import { caseActorsOf, caseDetails, changePlan, recordActionProgress, takeCaseStep } from "~/services/cases.server";
import { decisionsAt, heldMeetingsOf } from "~/services/steering.server";

export const meta = titled("cases.title");

/** The case, if the user may see its partnership (404 otherwise), and what they may do in it. */
async function loadCase(context: LoaderFunctionArgs["context"], request: Request, id: string | undefined) {
  const user = requireUser(context, request);
  if (!isUuid(id)) throw notFound();
  const details = await caseDetails(context.db, id);
  if (!details) throw notFound();
  await requirePartnershipAccess(context.db, user, details.case.partnershipId);
  const actors = await caseActorsOf(context.db, user, details.case.partnershipId);
  return { user, details, actors: actors.actorsFor(details.case), steering: actors.steering };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { details, actors, steering } = await loadCase(context, request, params.id);
  const c = details.case;
  // recordProgress is taken per action in the plan table, not as a step of its own.
  const steps = caseStepsOpen(c.kind, c.stage, actors).filter((e) => e !== "recordProgress");
  const needsMeeting = steps.some((e) => isSteeringStep(c.kind, e));
  // Only meetings from the day the case was reported count, and only adopted decisions (groundRefusal).
  const since = stockholmInstant(stockholmDate(c.createdAt), "00:00");
  const held = needsMeeting && steering ? await heldMeetingsOf(context.db, steering.id, since) : [];
  const decisionRows = await decisionsAt(context.db, held.map((m) => m.id));
  return {
    case: {
      id: c.id,
      partnershipId: c.partnershipId,
      kind: c.kind,
      stage: c.stage,
      title: c.title,
      description: c.description,
      commitment: c.commitment,
      evidence: c.evidence,
      planDueOn: c.planDueOn,
      reclaim: c.reclaim,
      raisedBy: details.raisedBy,
      concerns: details.concerns,
      // Funds are reclaimed only from an idea-based party (004 §5.4 Återkrav).
      reclaimable: details.concernsSector === "idea",
      closed: isClosed(c.kind, c.stage),
    },
    events: details.events.map((e) => ({
      id: e.id,
      event: e.event,
      toStage: e.toStage,
      note: e.note,
      at: e.at.toISOString(),
      actor: e.actor,
      meeting: e.meetingId ? { id: e.meetingId, title: e.meetingTitle ?? "", startsAt: e.meetingStartsAt?.toISOString() ?? "" } : null,
      decision: e.decisionId && steering ? { id: e.decisionId, label: decisionLabel("steering", e.decisionYear!, e.decisionNumber!) } : null,
    })),
    actions: details.actions.map((a) => ({ id: a.id, what: a.what, owner: a.owner, dueOn: a.dueOn, progress: a.progress, done: a.done })),
    steps,
    canEditPlan: actors.includes("responsible") && c.stage === "planRequired",
    canFollowUp: c.stage === "followUp" && (actors.includes("responsible") || actors.includes("steering")),
    meetings: held.map((m) => ({ id: m.id, title: m.title, startsAt: m.startsAt.toISOString() })),
    decisions: decisionRows.map((d) => ({ id: d.id, label: `${decisionLabel("steering", d.year, d.number)} ${d.text.slice(0, 60)}` })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, details, actors, steering } = await loadCase(context, request, params.id);
  const by = { user, actors, steering };
  const c = details.case;
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  const today = stockholmDate(new Date());
  const fail = (fieldErrors: FieldErrors, status = 400) => data({ intent, fieldErrors, done: null }, { status });
  const ok = (stage: string) => ({ intent, fieldErrors: NO_FIELD_ERRORS, done: stage });
  switch (intent) {
    case "step": {
      const parsed = parseForm(stepSchema, form);
      if (!parsed.ok) return fail(parsed.fieldErrors);
      const result = await takeCaseStep({ ...context, baseUrl: baseUrl(context) }, c, parsed.data, by, context.locale, today);
      if (!result.ok) {
        if (result.status === 403) throw new Response("Forbidden", { status: 403 });
        return fail({ [parsed.data.event]: result.error }, result.status);
      }
      return ok(result.to);
    }
    case "planAdd":
    case "planRemove": {
      if (!actors.includes("responsible")) throw new Response("Forbidden", { status: 403 });
      let change: Parameters<typeof changePlan>[2];
      if (intent === "planAdd") {
        const parsed = parseForm(planActionSchema, form);
        if (!parsed.ok) return fail(parsed.fieldErrors);
        change = { add: parsed.data };
      } else {
        const actionId = String(form.get("actionId"));
        if (!isUuid(actionId)) throw new Response("Bad Request", { status: 400 });
        change = { remove: actionId };
      }
      const error = await changePlan(context.db, c, change, user);
      return error ? fail({ plan: error }, 409) : ok(c.stage);
    }
    case "progress": {
      const parsed = parseForm(progressSchema, form);
      if (!parsed.ok) return fail(parsed.fieldErrors);
      const result = await recordActionProgress({ ...context, baseUrl: baseUrl(context) }, c, { ...parsed.data, done: parsed.data.done === "on" }, by, context.locale, today);
      if (!result.ok) {
        if (result.status === 403) throw new Response("Forbidden", { status: 403 });
        return fail({ progress: result.error }, result.status);
      }
      return ok(result.to);
    }
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function CasePage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const c = d.case;
  const stageLabel = (stage: string) => t(`case.stage.${c.kind}.${stage}` as MessageKey);
  const errors = result?.fieldErrors ?? {};
  return (
    <div className="page">
      <PartnershipTabs id={c.partnershipId} current="cases" />
      <p>
        <Link to={`/partnerships/${c.partnershipId}/cases`}>{t("cases.title")}</Link>
      </p>
      <h1>{c.title}</h1>
      <Notice message={result?.done ? t("case.stepDone", { stage: stageLabel(result.done) }) : undefined} />
      {errors.plan || errors.progress ? <FormAlert message={t((errors.plan ?? errors.progress)!)} /> : null}
      <dl className="facts">
        <dt>{t("cases.colKind")}</dt>
        <dd>{t(`case.kind.${c.kind}`)}</dd>
        <dt>{t("case.stage")}</dt>
        <dd>
          <strong>{stageLabel(c.stage)}</strong>
        </dd>
        <dt>{t("case.raisedBy")}</dt>
        <dd>{c.raisedBy ?? t("case.coordinator")}</dd>
        <Fact label={t("case.concerns")}>{c.concerns}</Fact>
        <Fact label={t("case.commitment")}>{c.commitment}</Fact>
        <Fact label={t("case.planDueOn")}>{c.planDueOn}</Fact>
        <Fact label={t("case.reclaim")}>{c.reclaim === null ? null : t(c.reclaim ? "case.reclaimYes" : "case.reclaimNo")}</Fact>
      </dl>
      <p className="prewrap">{c.description}</p>
      {c.evidence.length ? (
        <>
          <h2>{t("case.evidence")}</h2>
          <ul>
            {c.evidence.map((url) => (
              <li key={url}>
                <a href={url}>{url}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {c.kind === "shortcoming" && (d.actions.length || d.canEditPlan) ? <Plan /> : null}

      <section aria-labelledby="steps-h">
        <h2 id="steps-h">{t("case.steps")}</h2>
        {c.closed ? <p>{t("case.closedNote")}</p> : d.steps.length === 0 ? <p className="empty">{t("case.noSteps")}</p> : null}
        {d.steps.map((event) => (
          <StepForm key={event} event={event} kind={c.kind} error={errors[event]} />
        ))}
      </section>

      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t("case.timeline")}</h2>
        <ol className="timeline">
          {d.events.map((e) => (
            <li key={e.id}>
              <p>
                <strong>{t(`case.event.${e.event}` as MessageKey)}</strong> → {stageLabel(e.toStage)} · {e.actor}, {formatDateTime(e.at, locale)}
              </p>
              {e.meeting ? (
                <p className="muted">
                  {t("case.atMeeting")}{" "}
                  <Link to={`/meetings/${e.meeting.id}`}>
                    {e.meeting.title} {formatDateTime(e.meeting.startsAt, locale)}
                  </Link>
                  {e.decision ? (
                    <>
                      {" · "}
                      <Link to={`/decisions/${e.decision.id}`}>{t("case.underDecision", { label: e.decision.label })}</Link>
                    </>
                  ) : null}
                </p>
              ) : null}
              {e.note ? <p className="prewrap">{e.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** The action plan: written by the responsible party while required, followed up once accepted. */
function Plan() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const e = result?.intent === "planAdd" ? result.fieldErrors : {};
  return (
    <section aria-labelledby="plan-h">
      <h2 id="plan-h">{t("case.plan")}</h2>
      {d.actions.length === 0 ? <p className="empty">{t("case.planNone")}</p> : null}
      {d.actions.length ? (
        <DataTable headers={[t("case.planWhat"), t("case.planOwner"), t("case.planDue"), t("case.planProgress")]}>
          {d.actions.map((a) => (
            <tr key={a.id}>
              <td>{a.what}</td>
              <td>{a.owner}</td>
              <td>{a.dueOn}</td>
              <td>
                {a.done ? <strong>{t("case.planDone")}. </strong> : null}
                {a.progress || (d.canFollowUp ? null : "—")}
                {d.canEditPlan ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="planRemove" />
                    <input type="hidden" name="actionId" value={a.id} />
                    <button type="submit" className="small secondary" aria-label={t("case.planRemoveLabel", { what: a.what })}>
                      {t("case.planRemove")}
                    </button>
                  </Form>
                ) : null}
                {d.canFollowUp ? (
                  <Form method="post" className="stack">
                    <input type="hidden" name="intent" value="progress" />
                    <input type="hidden" name="actionId" value={a.id} />
                    <TextArea name="progress" id={`progress-${a.id}`} label={t("case.progressFor", { what: a.what })} rows={2} required defaultValue={a.progress} />
                    <label className="check">
                      <input type="checkbox" name="done" defaultChecked={a.done} /> {t("case.doneFor", { what: a.what })}
                    </label>
                    <button type="submit" className="small">
                      {t("case.progressSave")}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {d.canEditPlan ? (
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="planAdd" />
          <Field name="what" id="plan-what" label={t("case.planWhat")} required error={e.what} />
          <Field name="owner" id="plan-owner" label={t("case.planOwner")} required error={e.owner} />
          <Field name="dueOn" id="plan-due" type="date" label={t("case.planDue")} required error={e.dueOn} />
          <button type="submit">{t("case.planAdd")}</button>
        </Form>
      ) : null}
    </section>
  );
}

/** One allowed step, behind its own disclosure so nothing is taken by a stray click. */
function StepForm({ event, kind, error }: { event: string; kind: CaseKind; error?: MessageKey }) {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const label = t(`case.event.${event}` as MessageKey);
  const steering = isSteeringStep(kind, event);
  const noteRequired = event === "writtenExchange" || event === "returnPlan";
  return (
    <details open={Boolean(error)}>
      <summary>{label}</summary>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="step" />
        <input type="hidden" name="event" value={event} />
        <FormAlert message={error ? t(error) : undefined} />
        {steering ? (
          d.decisions.length ? (
            <>
              <SelectField
                name="meetingId"
                id={`${event}-meeting`}
                label={t("case.meeting")}
                hint={t("case.meetingHint")}
                options={d.meetings.map((m) => ({ value: m.id, label: `${m.title}, ${formatDateTime(m.startsAt, locale)}` }))}
              />
              <SelectField
                name="decisionId"
                id={`${event}-decision`}
                label={t("case.decision")}
                required
                options={[{ value: "", label: t("case.noDecision") }, ...d.decisions.map((x) => ({ value: x.id, label: x.label }))]}
              />
            </>
          ) : (
            <p className="warning">{t("case.noHeldMeeting")}</p>
          )
        ) : null}
        {event === "requirePlan" ? <Field name="planDueOn" id={`${event}-due`} type="date" label={t("case.planDueOn")} required /> : null}
        {event !== "terminate" ? null : d.case.reclaimable ? (
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
      </Form>
    </details>
  );
}
