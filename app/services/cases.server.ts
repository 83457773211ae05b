import { and, asc, desc, eq, inArray, min, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "../../db/client";
import { caseEvents, cases, decisions, meetings, organisations, parties, planActions, users, type Locale } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { groundRefusal, type SteeringGround } from "../domain/case-steps";
import { CASE_MACHINES, isSteeringStep, stageAfter, type CaseKind } from "../domain/cases";
import { isHeld } from "../domain/decision";
import type { IsoDate } from "../domain/iso-date";
import { shortcomingRefusal, type ShortcomingEvent, type ShortcomingStage } from "../domain/shortcoming";
import { stockholmDate } from "../domain/stockholm-date";
import { translator, type MessageKey } from "../i18n";
import { audit } from "./audit.server";
import { getMeeting, type AgendaDeps } from "./meetings.server";
import { notify, speakersFor } from "./notify.server";
import { queueMail } from "./outbox.server";
import { conflict, invalid, ok, type Failure, type Result } from "./result";
import { giveNotice } from "./terminations.server";
import { putOnNextSteeringAgenda, steeringChairContacts, steeringGroupOf, type SteeringGroup } from "./steering.server";

export type CaseRow = typeof cases.$inferSelect;

const raisedBy = alias(parties, "raised_by");
const raisedOrg = alias(organisations, "raised_org");
const concerns = alias(parties, "concerns");
const concernsOrg = alias(organisations, "concerns_org");

/** The partnership's cases with the parties' names and the next date something is due. */
export function casesOf(db: Db, partnershipId: string) {
  const nextActionDue = db
    .select({ caseId: planActions.caseId, dueOn: min(planActions.dueOn).as("due_on") })
    .from(planActions)
    .where(eq(planActions.done, false))
    .groupBy(planActions.caseId)
    .as("next_action");
  return db
    .select({
      id: cases.id,
      kind: cases.kind,
      stage: cases.stage,
      title: cases.title,
      description: cases.description,
      raisedBy: raisedOrg.name,
      concerns: concernsOrg.name,
      concernsParty: cases.concernsParty,
      planDueOn: cases.planDueOn,
      nextActionDue: nextActionDue.dueOn,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .leftJoin(raisedBy, eq(raisedBy.id, cases.raisedByParty))
    .leftJoin(raisedOrg, eq(raisedOrg.id, raisedBy.organisationId))
    .leftJoin(concerns, eq(concerns.id, cases.concernsParty))
    .leftJoin(concernsOrg, eq(concernsOrg.id, concerns.organisationId))
    .leftJoin(nextActionDue, eq(nextActionDue.caseId, cases.id))
    .where(eq(cases.partnershipId, partnershipId))
    .orderBy(desc(cases.updatedAt));
}

export { nextDeadline } from "../domain/cases";

export async function caseDetails(db: Db, id: string) {
  const [row] = await db
    .select({ case: cases, raisedBy: raisedOrg.name, concerns: concernsOrg.name, concernsSector: concerns.sector })
    .from(cases)
    .leftJoin(raisedBy, eq(raisedBy.id, cases.raisedByParty))
    .leftJoin(raisedOrg, eq(raisedOrg.id, raisedBy.organisationId))
    .leftJoin(concerns, eq(concerns.id, cases.concernsParty))
    .leftJoin(concernsOrg, eq(concernsOrg.id, concerns.organisationId))
    .where(eq(cases.id, id));
  if (!row) return null;
  const [events, actions] = await Promise.all([
    db
      .select({
        id: caseEvents.id,
        event: caseEvents.event,
        toStage: caseEvents.toStage,
        note: caseEvents.note,
        at: caseEvents.at,
        actor: users.name,
        meetingId: caseEvents.meetingId,
        meetingTitle: meetings.title,
        meetingStartsAt: meetings.startsAt,
        decisionId: caseEvents.decisionId,
        decisionYear: decisions.year,
        decisionNumber: decisions.number,
      })
      .from(caseEvents)
      .innerJoin(users, eq(users.id, caseEvents.actorId))
      .leftJoin(meetings, eq(meetings.id, caseEvents.meetingId))
      .leftJoin(decisions, eq(decisions.id, caseEvents.decisionId))
      .where(eq(caseEvents.caseId, id))
      .orderBy(asc(caseEvents.id)),
    db.select().from(planActions).where(eq(planActions.caseId, id)).orderBy(asc(planActions.dueOn), asc(planActions.createdAt)),
  ]);
  return { ...row, events, actions };
}

export interface NewCase {
  kind: CaseKind;
  title: string;
  description: string;
  raisedByParty: string | null;
  concernsParty?: string;
  commitment?: string;
  evidence?: string[];
  fromGroupId?: string;
  /** Escalation starts a dispute already before the steering group. */
  stage?: string;
}

/**
 * Opens a case and puts it on the steering group's next meeting: as an item for matters the
 * agreement sends there, as a proposal to the chair for an escalation. Returns the case and
 * where it was put on the agenda (null when no steering meeting is planned).
 */
export async function openCase(deps: AgendaDeps, partnershipId: string, input: NewCase, actor: SessionUser, locale: Locale): Promise<Result<{ id: string; agenda: Agenda }>> {
  const { db } = deps;
  const steering = await steeringGroupOf(db, partnershipId);
  const stage = input.stage ?? CASE_MACHINES[input.kind].initial;
  const id = await db.transaction(async (tx) => {
    const [c] = await tx
      .insert(cases)
      .values({
        partnershipId,
        kind: input.kind,
        stage,
        title: input.title,
        description: input.description,
        raisedByParty: input.raisedByParty,
        concernsParty: input.concernsParty ?? null,
        commitment: input.commitment ?? null,
        evidence: input.evidence ?? [],
        fromGroupId: input.fromGroupId ?? null,
        createdBy: actor.id,
      })
      .returning({ id: cases.id });
    await tx.insert(caseEvents).values({ caseId: c.id, event: "open", toStage: stage, actorId: actor.id });
    await audit(tx, { actorId: actor.id, action: `case.open.${input.kind}`, subject: `partnership:${partnershipId}`, details: { caseId: c.id, title: input.title } });
    // The accused party hears of a reported shortcoming at once, as of every later step.
    const { title, raisedByParty } = input;
    const opened = { id: c.id, partnershipId, title, raisedByParty, concernsParty: input.concernsParty ?? null };
    await notifyCaseStep(tx, deps.baseUrl, opened, actor, { event: "open", eventKey: `case-step:${c.id}:open` });
    return c.id;
  });
  const t = translator(locale);
  const agenda = steering ? await putOnNextSteeringAgenda(deps, steering, t(`case.agendaTitle.${input.kind}`, { title: input.title }), Boolean(input.fromGroupId), actor) : null;
  if (input.kind === "information" && steering) await tellSteeringChair(db, steering, input.title, `${deps.baseUrl}/cases/${id}`);
  return ok({ id, agenda });
}

type CaseParties = Pick<CaseRow, "id" | "partnershipId" | "title" | "raisedByParty" | "concernsParty">;

type StepEvent = { event: string; eventKey: string; dueOn?: IsoDate | null };

/**
 * The reporting and the accused party hear of every step, the report itself included (their
 * representatives and deputies; not whoever took it).
 */
async function notifyCaseStep(tx: Tx, baseUrl: string, c: CaseParties, actor: SessionUser, step: StepEvent) {
  await notify(
    tx,
    {
      kind: "case.step",
      userIds: (await speakersFor(tx, c.partnershipId, [c.raisedByParty, c.concernsParty])).filter((id) => id !== actor.id),
      params: { title: c.title, stepKey: `case.event.${step.event}` },
      link: `/cases/${c.id}`,
      eventKey: step.eventKey,
      dueOn: step.dueOn ?? null,
    },
    baseUrl,
  );
}

/** §5.7: the steering group's chair hears of changed circumstances at once, in their own language. */
async function tellSteeringChair(db: Db, steering: SteeringGroup, title: string, link: string) {
  const chairs = await steeringChairContacts(db, steering);
  await queueMail(
    db,
    ...chairs.map((c) => {
      const t = translator(c.locale);
      return { to: c.email, userId: c.id, subject: t("case.informMail.subject", { title }), body: t("case.informMail.body", { name: c.name, title, group: steering.name, link }) };
    }),
  );
}

export interface StepInput {
  event: string;
  meetingId: string | null;
  decisionId: string | null;
  note: string | null;
  planDueOn: string | null;
  reclaim?: "yes" | "no";
}

/** Where a matter was put on the steering group's agenda; null while no meeting is planned. */
type Agenda = Awaited<ReturnType<typeof putOnNextSteeringAgenda>>;

/** Who takes a step (the route has asserted they may, `caseCapabilities`), and the partnership's steering group. */
export interface StepTaker {
  user: SessionUser;
  steering: SteeringGroup | null;
}

/**
 * Takes one step of a case, if its stage and ground allow it now, and records it: the stage the
 * case moved to and where the step put it on the agenda. `alongside` writes what the step changes
 * elsewhere in the same transaction.
 */
export async function takeCaseStep(
  deps: AgendaDeps,
  c: CaseRow,
  input: StepInput,
  by: StepTaker,
  locale: Locale,
  today: string,
  alongside?: (tx: Tx) => Promise<unknown>,
): Promise<Result<{ to: string; agenda: Agenda }>> {
  const { db } = deps;
  const { user: actor, steering } = by;
  const to = stageAfter(c.kind, c.stage, input.event);
  if (!to) return conflict("case.stepNotNow");
  const asSteering = isSteeringStep(c.kind, input.event);
  const ground = asSteering ? await groundOf(db, steering, input) : null;
  const refused = ground && groundRefusal(ground, stockholmDate(c.createdAt));
  if (refused) return invalid(refused);
  // A steering step dates from its meeting, not from the day it is typed in.
  const on = ground?.meeting?.on ?? today;
  const problem = await stepProblem(db, c, input, on);
  if (problem) return invalid(problem);
  const refusedUnderLock = await db
    .transaction(async (tx) => {
      const [current] = await tx.select({ stage: cases.stage }).from(cases).where(eq(cases.id, c.id)).for("update");
      // Someone else may have moved the case since the page was read.
      if (current.stage !== c.stage) throw new Refused(conflict("case.stepNotNow"));
      await tx
        .update(cases)
        .set({
          stage: to,
          updatedAt: new Date(),
          ...(input.event === "requirePlan" ? { planDueOn: input.planDueOn } : {}),
          ...(input.event === "terminate" ? { reclaim: input.reclaim === "yes" } : {}),
        })
        .where(eq(cases.id, c.id));
      await tx.insert(caseEvents).values({
        caseId: c.id,
        event: input.event,
        fromStage: c.stage,
        toStage: to,
        note: input.note,
        meetingId: asSteering ? input.meetingId : null,
        decisionId: asSteering ? input.decisionId : null,
        actorId: actor.id,
      });
      await audit(tx, {
        actorId: actor.id,
        action: "case.step",
        subject: `partnership:${c.partnershipId}`,
        details: { caseId: c.id, event: input.event, from: c.stage, to: to, meetingId: input.meetingId, decisionId: input.decisionId },
      });
      await alongside?.(tx);
      await notifyCaseStep(tx, deps.baseUrl, c, actor, {
        event: input.event,
        eventKey: `case-step:${c.id}:${c.stage}:${input.event}:${Date.now()}`,
        dueOn: input.event === "requirePlan" ? input.planDueOn : null,
      });
      // Terminating a party's participation is notice to it, given on the meeting's day: it leaves on the day the period rule gives.
      if (input.event === "terminate" && c.concernsParty) {
        const given = await giveNotice(tx, c.partnershipId, { partyId: c.concernsParty, givenOn: on, reason: input.note ?? c.title, caseId: c.id }, actor);
        if (!given.ok) throw new Refused(given);
      }
      return null;
    })
    .catch((e: unknown) => {
      if (e instanceof Refused) return e.failure;
      throw e;
    });
  if (refusedUnderLock) return refusedUnderLock;
  // The chair must put a renegotiation, or a dispute referred to the group, on the agenda (§5.8).
  const agendaNeeded = input.event === "requestRenegotiation" || input.event === "referToSteering";
  const agenda =
    agendaNeeded && steering
      ? await putOnNextSteeringAgenda(deps, steering, translator(locale)(input.event === "referToSteering" ? "case.agendaTitle.referToSteering" : "case.agendaTitle.requestRenegotiation", { title: c.title }), false, actor)
      : null;
  return ok({ to, agenda });
}

/** Rolls the step back when the case moved meanwhile, or the notice its termination gives is refused. */
class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error);
  }
}

/** The steering meeting and register decision a step cites, as the domain rule reads them. */
async function groundOf(db: Db, steering: SteeringGroup | null, input: StepInput): Promise<SteeringGround> {
  const meeting = steering && input.meetingId ? await getMeeting(db, input.meetingId) : null;
  if (!meeting || meeting.groupId !== steering?.id) return { meeting: null, decision: null };
  const [d] = input.decisionId ? await db.select({ meetingId: decisions.meetingId, status: decisions.status }).from(decisions).where(eq(decisions.id, input.decisionId)) : [];
  return {
    meeting: { held: isHeld(meeting, new Date()), on: stockholmDate(meeting.startsAt) },
    decision: d ? { atMeeting: d.meetingId === meeting.id, adopted: d.status === "adopted" } : null,
  };
}

/** What a step needs besides being allowed and its ground: a plan with actions, a note, the rules of 004 §5.4. */
async function stepProblem(db: Db, c: CaseRow, input: StepInput, on: IsoDate): Promise<MessageKey | null> {
  switch (input.event) {
    case "submitPlan": {
      const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(planActions).where(eq(planActions.caseId, c.id));
      return n === 0 ? "case.planEmpty" : null;
    }
    case "writtenExchange":
    case "recordProgress":
    case "returnPlan":
      return input.note ? null : "case.noteRequired";
  }
  if (c.kind !== "shortcoming") return null;
  const [facts] = await db
    .select({
      sector: parties.sector,
      writtenExchanges: sql<number>`(select count(*)::int from ${caseEvents} where ${caseEvents.caseId} = ${c.id} and ${caseEvents.event} = 'writtenExchange')`,
    })
    .from(cases)
    .leftJoin(parties, eq(parties.id, cases.concernsParty))
    .where(eq(cases.id, c.id));
  return shortcomingRefusal(input.event as ShortcomingEvent, { on, stage: c.stage as ShortcomingStage, planDueOn: c.planDueOn, concernsSector: facts.sector, writtenExchanges: facts.writtenExchanges }, input);
}

export type PlanChange = { add: { what: string; owner: string; dueOn: string } } | { remove: string };

/** The responsible party writes its plan while the steering group waits for it. */
export async function changePlan(db: Db, c: CaseRow, change: PlanChange, actor: SessionUser): Promise<Result> {
  if (c.kind !== "shortcoming" || c.stage !== "planRequired") return conflict("case.planLocked");
  return db.transaction(async (tx): Promise<Result> => {
    // The plan may have been submitted since the page was read.
    const [current] = await tx.select({ stage: cases.stage }).from(cases).where(eq(cases.id, c.id)).for("update");
    if (current.stage !== "planRequired") return conflict("case.planLocked");
    if ("add" in change) await tx.insert(planActions).values({ caseId: c.id, ...change.add });
    else await tx.delete(planActions).where(and(eq(planActions.id, change.remove), eq(planActions.caseId, c.id)));
    await audit(tx, { actorId: actor.id, action: "case.plan.change", subject: `partnership:${c.partnershipId}`, details: { caseId: c.id, ...change } });
    return ok();
  });
}

/** Follow-up: progress per action, recorded as a step of the case so nothing changes silently. */
export async function recordActionProgress(
  deps: AgendaDeps,
  c: CaseRow,
  input: { actionId: string; progress: string; done: boolean },
  by: StepTaker,
  locale: Locale,
  today: string,
): Promise<Result<{ to: string; agenda: Agenda }>> {
  const [action] = await deps.db.select().from(planActions).where(and(eq(planActions.id, input.actionId), eq(planActions.caseId, c.id)));
  if (!action) return invalid("case.choiceInvalid", "actionId");
  const step = { event: "recordProgress", meetingId: null, decisionId: null, note: `${action.what}: ${input.progress}`, planDueOn: null };
  return takeCaseStep(deps, c, step, by, locale, today, (tx) =>
    tx.update(planActions).set({ progress: input.progress, done: input.done, updatedAt: new Date() }).where(eq(planActions.id, action.id)),
  );
}

/** Every case of the partnership with its plan's actions, in two queries (for the API). */
export async function casesWithPlans(db: Db, partnershipId: string) {
  const rows = await casesOf(db, partnershipId);
  const actions = rows.length ? await db.select().from(planActions).where(inArray(planActions.caseId, rows.map((r) => r.id))).orderBy(asc(planActions.dueOn)) : [];
  return rows.map((row) => ({ row, actions: actions.filter((a) => a.caseId === row.id) }));
}
