import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { DecisionOutcome } from "~/components/Decisions";
import { DataTable } from "~/components/DataTable";
import { Fact } from "~/components/Fact";
import { Field, FormAlert, Notice, SelectField, TextArea } from "~/components/Field";
import { completeTaskVerdict, DECISION_ACTIONS, type DecisionAction } from "~/domain/capabilities";
import { decisionLabel, stageOf } from "~/domain/decision";
import { stockholmDate } from "~/domain/stockholm-date";
import { positionSchema, reviewSchema, taskSchema } from "~/forms/decision";
import { NO_FIELD_ERRORS, parseForm, type FieldErrors } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { formatDateTime, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { addTask, closeDecision, completeTask, decisionDetail, requireDecisionCapabilities, setReview, statePosition, taskOf } from "~/services/decisions.server";
import { refusalOf } from "~/services/meeting-access.server";
import { membersOf } from "~/services/groups.server";
import { finalMinutes } from "~/services/minutes.server";

export const meta = titled("decision.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { decision, access, speaksFor, can } = await requireDecisionCapabilities(context.db, user, params.id);
  const [detail, members, minutes] = await Promise.all([
    decisionDetail(context.db, decision, access.group.partnershipId),
    membersOf(context.db, access.group.id),
    decision.meetingId ? finalMinutes(context.db, decision.meetingId) : null,
  ]);
  const stage = stageOf(decision);
  return {
    decision: {
      id: decision.id,
      label: decisionLabel(access.group.kind, decision.year, decision.number),
      kind: decision.kind,
      text: decision.text,
      stage,
      outcome: decision.outcome,
      reviewOn: decision.reviewOn,
      decidedAt: decision.decidedAt?.toISOString() ?? null,
    },
    group: { id: access.group.id, name: access.group.name, kind: access.group.kind },
    meeting: detail.meeting && { id: detail.meeting.id, title: detail.meeting.title, startsAt: detail.meeting.startsAt.toISOString(), minutesFinal: Boolean(minutes) },
    item: detail.item,
    parties: detail.parties.map((p) => ({ ...p, statedAt: p.statedAt?.toISOString() ?? null })),
    tasks: detail.tasks.map((task) => ({ ...task, completable: completeTaskVerdict(can, user.id, task) === true })),
    today: stockholmDate(new Date()),
    // Only what is allowed: a refusal's reason is for the action to tell.
    can: Object.fromEntries(DECISION_ACTIONS.map((a) => [a, can[a] === true])) as Record<DecisionAction, boolean>,
    myParty: can.statePosition === true ? speaksFor!.partyId : null,
    members: members.map((m) => ({ id: m.userId, name: m.name })),
  };
}

type Result = { intent: string; fieldErrors: FieldErrors; done: MessageKey | null };

/** The capability each intent of the action asserts; a task's completion is judged per task. */
const INTENTS = {
  position: "statePosition",
  close: "close",
  record: "recordPerCapsulum",
  review: "setReview",
  task: "addTask",
  taskDone: null,
} as const satisfies Record<string, DecisionAction | null>;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { decision, access, speaksFor, can } = await requireDecisionCapabilities(context.db, user, params.id);
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  if (!Object.hasOwn(INTENTS, intent)) throw new Response("Bad Request", { status: 400 });
  const ok = (done: MessageKey): Result => ({ intent, fieldErrors: NO_FIELD_ERRORS, done });
  const fail = (fieldErrors: FieldErrors, status = 400) => data<Result>({ intent, fieldErrors, done: null }, { status });
  const capability = INTENTS[intent as keyof typeof INTENTS];
  const task = capability ? undefined : await taskOf(context.db, decision, String(form.get("taskId")));
  if (!capability && !task) throw new Response("Bad Request", { status: 400 });
  const refused = refusalOf(capability ? can[capability] : completeTaskVerdict(can, user.id, task!));
  if (refused) return fail({ form: refused }, 409);

  switch (intent) {
    case "position": {
      const parsed = parseForm(positionSchema, form);
      if (!parsed.ok) return fail(parsed.fieldErrors);
      const error = await statePosition(context.db, decision, speaksFor!.partyId, user, parsed.data);
      return error ? fail({ form: error }, 409) : ok("decision.stated");
    }
    case "close":
    case "record": {
      const error = await closeDecision(context.db, decision, access, user, intent);
      if (error) return fail({ form: error }, 409);
      return ok(intent === "close" ? "decision.closed.done" : "decision.recordedPc");
    }
    case "review": {
      const parsed = parseForm(reviewSchema, form);
      if (!parsed.ok) return fail(parsed.fieldErrors);
      await setReview(context.db, decision, parsed.data.reviewOn, user);
      return ok("decision.reviewSaved");
    }
    case "task": {
      const parsed = parseForm(taskSchema, form);
      if (!parsed.ok) return fail(parsed.fieldErrors);
      if (!(await addTask(context.db, decision, parsed.data, user))) return fail({ ownerId: "decision.ownerInvalid" });
      return ok("decision.taskAdded");
    }
  }
  await completeTask(context.db, decision, task!.id, user);
  return ok("decision.taskCompleted");
}

export default function Decision() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (intent: string) => (result && result.intent === intent ? result.fieldErrors : {});
  const { decision } = d;
  const rule = decision.kind === "per_capsulum" ? "per_capsulum" : d.group.kind;
  const abstained = d.parties.filter((p) => p.position === "abstain").map((p) => p.name);
  const noneAgreed = decision.stage === "not_adopted" && d.group.kind === "cooperation" && !decision.outcome?.objecting.length;
  return (
    <div className="page">
      <p>
        <Link to={`/groups/${d.group.id}/decisions`}>{t("decision.registerFor", { group: d.group.name })}</Link>
      </p>
      <h1>{decision.label}</h1>
      <Notice message={result?.done ? t(result.done) : undefined} />
      <FormAlert message={result?.fieldErrors.form ? t(result.fieldErrors.form) : undefined} />
      <p className="prewrap">{decision.text}</p>
      <dl className="facts">
        <dt>{t("decision.statusLabel")}</dt>
        <dd>
          <DecisionOutcome stage={decision.stage} outcome={decision.outcome} abstained={abstained} />
          {noneAgreed ? ` – ${t("decision.noneAgreed")}` : null}
        </dd>
        <Fact label={t("meeting.kind")}>{decision.kind === "per_capsulum" ? t("decision.kind.per_capsulum") : null}</Fact>
        <dt>{t("decision.meeting")}</dt>
        <dd>
          {d.meeting ? (
            <>
              <Link to={`/meetings/${d.meeting.id}`}>{d.meeting.title}</Link>, {formatDateTime(d.meeting.startsAt, locale)}
              {d.item ? ` – ${d.item.title}` : null}
            </>
          ) : (
            "—"
          )}
        </dd>
        <Fact label={t("decision.minutes")}>
          {d.meeting?.minutesFinal ? <Link to={`/meetings/${d.meeting.id}/minutes#decision-${decision.id}`}>{t("decision.minutesLink")}</Link> : null}
        </Fact>
        <dt>{t("decision.reviewOn")}</dt>
        <dd>{decision.reviewOn ?? "—"}</dd>
      </dl>
      <p className="muted">{t(`decision.rule.${rule}`)}</p>

      <section aria-labelledby="positions-h">
        <h2 id="positions-h">{t("decision.positions")}</h2>
        <DataTable headers={[t("decision.party"), t("decision.position"), t("decision.reservation"), t("decision.statedBy")]}>
          {d.parties.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{p.position ? t(`decision.position.${p.position}`) : t("decision.noPosition")}</td>
              <td className="prewrap">{p.reservation || "—"}</td>
              <td>{p.statedBy && p.statedAt ? `${p.statedBy}, ${formatDateTime(p.statedAt, locale)}` : "—"}</td>
            </tr>
          ))}
        </DataTable>
        {d.myParty ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="position" />
            <fieldset>
              <legend>{t("decision.stateTitle")}</legend>
              {(["agree", "object", "abstain"] as const).map((p) => (
                <label key={p} className="check">
                  <input type="radio" name="position" value={p} required defaultChecked={d.parties.find((x) => x.id === d.myParty)?.position === p} />{" "}
                  {t(`decision.position.${p}`)}
                </label>
              ))}
            </fieldset>
            <TextArea name="reservation" label={t("decision.reservation")} hint={t("decision.reservationHint")} error={errors("position").reservation} />
            <button type="submit">{t("decision.stateSubmit")}</button>
          </Form>
        ) : null}
        {d.can.close || d.can.recordPerCapsulum ? (
          <details>
            <summary>{t(decision.stage === "proposed" ? "decision.recordPc" : "decision.close")}</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value={decision.stage === "proposed" ? "record" : "close"} />
              <p>{t(decision.stage === "proposed" ? "decision.recordPcWarn" : "decision.closeWarn")}</p>
              <button type="submit">{t(decision.stage === "proposed" ? "decision.recordPcConfirm" : "decision.closeConfirm")}</button>
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="tasks-h">
        <h2 id="tasks-h">{t("decision.tasks")}</h2>
        {d.tasks.length ? (
          <DataTable headers={[t("decision.taskTitle"), t("decision.taskOwner"), t("decision.taskDue"), t("decision.taskStatus")]}>
            {d.tasks.map((task) => (
              <tr key={task.id}>
                <td>{task.title}</td>
                <td>{task.owner}</td>
                <td>{task.dueOn}</td>
                <td>
                  {t(task.status === "done" ? "decision.task.done" : task.dueOn < d.today ? "decision.task.overdue" : "decision.task.open")}
                  {task.completable ? (
                    <Form method="post" className="item-buttons">
                      <input type="hidden" name="intent" value="taskDone" />
                      <input type="hidden" name="taskId" value={task.id} />
                      <button type="submit" className="small secondary" aria-label={t("decision.taskDoneLabel", { title: task.title })}>
                        {t("decision.taskDone")}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <p className="empty">{t("decision.noTasks")}</p>
        )}
        {d.can.addTask ? (
          <details open={result?.intent === "task" && !result.done}>
            <summary>{t("decision.taskAdd")}</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="task" />
              <Field name="title" label={t("decision.taskTitle")} required error={errors("task").title} />
              <SelectField name="ownerId" label={t("decision.taskOwner")} options={d.members.map((m) => ({ value: m.id, label: m.name }))} error={errors("task").ownerId} />
              <Field name="dueOn" type="date" label={t("decision.taskDue")} required error={errors("task").dueOn} />
              <button type="submit">{t("decision.taskAdd")}</button>
            </Form>
          </details>
        ) : null}
        {d.can.setReview ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="review" />
            <Field name="reviewOn" type="date" label={t("decision.reviewOn")} defaultValue={decision.reviewOn ?? ""} error={errors("review").reviewOn} />
            <button type="submit" className="secondary">
              {t("decision.reviewSave")}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
