import { and, asc, count, desc, eq, gte, lte, max, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { prepared } from "../../db/prepared";
import { agendaItems, attendance, decisionPositions, decisions, decisionTasks, groupMembers, groups, meetings, organisations, parties, users } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { notFound } from "../auth/guards.server";
import { paragraphHeading, paragraphs } from "../domain/agenda";
import { decisionCapabilities } from "../domain/capabilities";
import { decisionLabel, outcomeOf, refusedStep, stageOf, type DecisionKind, type GroupKind, type Position } from "../domain/decision";
import type { IsoDate } from "../domain/iso-date";
import { participatesOn, participatingParties } from "../domain/participation";
import { partiesWithMandate, speaksWithMandate, type Attending } from "../domain/representation";
import { stockholmDate } from "../domain/stockholm-date";
import type { RoomRecord } from "../forms/room";
import { positionField } from "../forms/fields";
import { isUuid, requireGroupAccess, type GroupAccess } from "./access.server";
import { audit } from "./audit.server";
import { groupFacts } from "./meeting-access.server";
import { meetingDetails, writePresence, type MeetingRow } from "./meetings.server";
import { notify, speakersFor } from "./notify.server";
import { partiesOf } from "./partnerships.server";
import { conflict, invalid, ok, type Result } from "./result";

export type DecisionRow = typeof decisions.$inferSelect;

/** The party's representatives in the group, each with whether they were recorded present at the meeting. */
async function representativesAt(db: Db, groupId: string, partyId: string, meetingId: string): Promise<Attending[]> {
  const rows = await db
    .select({ present: attendance.present })
    .from(groupMembers)
    .leftJoin(attendance, and(eq(attendance.meetingId, meetingId), eq(attendance.userId, groupMembers.userId)))
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.partyId, partyId), eq(groupMembers.role, "representative")));
  return rows.map((r) => ({ partyId, role: "representative", present: r.present === true }));
}

/**
 * The decision with what the user may do with it now (`decisionCapabilities`), its facts loaded
 * once: the party convening the group today, the parties with their participation, the party the
 * user was present for at the decision's meeting. Visible to the group's members and coordinators
 * (404 otherwise).
 */
export async function requireDecisionCapabilities(db: Db, user: SessionUser, id: string | undefined, now = new Date()) {
  if (!isUuid(id)) throw notFound();
  const [decision] = await db.select().from(decisions).where(eq(decisions.id, id));
  if (!decision) throw notFound();
  const access = await requireGroupAccess(db, user, decision.groupId);
  const deputy = access.membership?.role === "deputy" ? access.membership : null;
  const [{ facts, parties }, [meeting], [present], [{ positions }], representatives] = await Promise.all([
    groupFacts(db, user, access, now),
    decision.meetingId ? db.select({ startsAt: meetings.startsAt }).from(meetings).where(eq(meetings.id, decision.meetingId)) : [],
    decision.kind === "meeting" && decision.meetingId
      ? db.select({ partyId: attendance.partyId }).from(attendance).where(and(eq(attendance.meetingId, decision.meetingId), eq(attendance.userId, user.id), eq(attendance.present, true)))
      : [],
    db.select({ positions: count() }).from(decisionPositions).where(eq(decisionPositions.decisionId, decision.id)),
    // A deputy stands in only for a representative of their party who was not present.
    deputy && decision.kind === "meeting" && decision.meetingId
      ? representativesAt(db, decision.groupId, deputy.partyId, decision.meetingId)
      : [],
  ]);
  const party = (partyId: string) => ({ partyId, participatesUntil: parties.find((p) => p.id === partyId)?.participatesUntil ?? null });
  // Observers and coordinators speak for no party. At a meeting whoever was present for it with its
  // mandate does, a deputy only standing in for an absent representative; per capsulum its representatives do.
  const mandated = facts.membership?.role === "observer" ? null : facts.membership;
  const atMeeting = present && mandated && speaksWithMandate(mandated, representatives) ? party(present.partyId ?? mandated.partyId) : null;
  const perCapsulum = mandated?.role === "representative" ? party(mandated.partyId) : null;
  const speaksFor = decision.kind === "meeting" ? atMeeting : perCapsulum;
  const can = decisionCapabilities({ ...facts, speaksFor }, { kind: decision.kind, stage: stageOf(decision), day: decisionDay(meeting, now), positions });
  return { decision, access, speaksFor, can };
}

export interface NewDecision {
  kind: DecisionKind;
  meetingId: string | null;
  agendaItemId: string | null;
  text: string;
  /** The day that fixes the register year: the meeting's, or today for a proposal per capsulum. */
  on: IsoDate;
}

/** Registers a decision under the next number of its group and year. */
export async function createDecision(db: Db, groupId: string, input: NewDecision, actor: SessionUser, siteUrl: string) {
  return db.transaction(async (tx) => {
    // Locking the group row serialises numbering: two decisions recorded at once get consecutive numbers.
    const [group] = await tx.select({ kind: groups.kind, partnershipId: groups.partnershipId }).from(groups).where(eq(groups.id, groupId)).for("update");
    const year = Number(input.on.slice(0, 4));
    const [{ last }] = await tx.select({ last: max(decisions.number) }).from(decisions).where(and(eq(decisions.groupId, groupId), eq(decisions.year, year)));
    const [row] = await tx
      .insert(decisions)
      .values({ groupId, kind: input.kind, meetingId: input.meetingId, agendaItemId: input.agendaItemId, year, number: (last ?? 0) + 1, text: input.text, proposedBy: actor.id })
      .returning();
    await audit(tx, { actorId: actor.id, action: `decision.${input.kind === "meeting" ? "create" : "propose"}`, subject: `group:${groupId}`, details: { decisionId: row.id, year, number: row.number, text: input.text, meetingId: input.meetingId } });
    // In the steering group every party states its position (004 §3.1): its members there hear that one awaits them.
    if (group.kind === "steering") {
      const members = await tx
        .select({ userId: groupMembers.userId })
        .from(groupMembers)
        .where(and(eq(groupMembers.groupId, groupId), ne(groupMembers.role, "observer")));
      await notify(
        tx,
        {
          kind: "decision.awaitingPosition",
          userIds: members.map((m) => m.userId).filter((id) => id !== actor.id),
          params: { decision: decisionLabel(group.kind, year, row.number), text: input.text },
          link: `/decisions/${row.id}`,
          eventKey: `decision-position:${row.id}`,
        },
        siteUrl,
      );
    }
    return row.id;
  });
}

/** The day a decision is judged on: its meeting's, or today for a proposal per capsulum not yet recorded. */
const decisionDay = (meeting: { startsAt: Date } | undefined, now = new Date()) => stockholmDate(meeting?.startsAt ?? now);

type PositionInput = { position: Position; reservation: string | null };

/**
 * A party's position, stated for it by `user` (who may: `decisionCapabilities`); refused once the
 * decision has closed meanwhile. It replaces a position the chair recorded for the room.
 */
export async function statePosition(db: Db, decision: DecisionRow, partyId: string, user: SessionUser, input: PositionInput): Promise<Result> {
  return db.transaction(async (tx) => {
    const current = await lockDecision(tx, decision.id);
    const refused = refusedStep(stageOf(current), "state", 0);
    if (refused) return conflict(refused);
    await writePosition(tx, current, partyId, user, input, false);
    return ok();
  });
}

async function writePosition(tx: Tx, decision: DecisionRow, partyId: string, user: SessionUser, input: PositionInput, forRoom: boolean) {
  const values = { position: input.position, reservation: input.reservation, statedBy: user.id, statedAt: new Date(), recordedForRoom: forRoom };
  await tx
    .insert(decisionPositions)
    .values({ decisionId: decision.id, partyId, ...values })
    .onConflictDoUpdate({ target: [decisionPositions.decisionId, decisionPositions.partyId], set: values });
  await audit(tx, {
    actorId: user.id,
    action: forRoom ? "decision.position.room" : "decision.position",
    subject: `group:${decision.groupId}`,
    details: { decisionId: decision.id, partyId, ...input },
  });
}

/**
 * The chair (who may: `recordForRoom`) records for the room in one go: who is present, and the
 * position each party present with a mandate stated on one of the meeting's open decisions
 * (decision 022). Checked whole before anything is written: a member outside the group, a party
 * without a mandate, another meeting's or a per capsulum decision changes nothing.
 */
export async function recordForRoom(db: Db, meeting: MeetingRow, input: RoomRecord, actor: SessionUser): Promise<Result> {
  const { people } = await meetingDetails(db, meeting);
  const ticked = new Set(input.present);
  if (input.present.some((id) => !people.some((p) => p.userId === id))) return invalid("room.presentInvalid", "present");
  const mandated = partiesWithMandate(people.map((p) => ({ partyId: p.partyId, role: p.role, present: ticked.has(p.userId) })));
  const absent = input.positions.find((p) => !mandated.has(p.partyId));
  if (absent) return invalid("room.partyNotPresent", positionField(absent.partyId));
  return db.transaction(async (tx) => {
    const current = await lockDecision(tx, input.decisionId);
    if (!current || current.meetingId !== meeting.id) return invalid("room.decisionInvalid", "decisionId");
    if (current.kind !== "meeting") return conflict("room.perCapsulum", "decisionId");
    const refused = refusedStep(stageOf(current), "state", 0);
    if (refused) return conflict(refused, "decisionId");
    await writePresence(
      tx,
      meeting.id,
      people.filter((p) => ticked.has(p.userId)).map((p) => ({ userId: p.userId, partyId: p.partyId })),
      actor,
    );
    for (const p of input.positions) await writePosition(tx, current, p.partyId, actor, p, true);
    return ok();
  });
}

async function lockDecision(tx: Tx, id: string) {
  const [row] = await tx.select().from(decisions).where(eq(decisions.id, id)).for("update");
  return row;
}

/** Closes a meeting decision, or records a proposal per capsulum at the group's next held meeting; stores status and reasons. */
export async function closeDecision(db: Db, decision: DecisionRow, access: GroupAccess, actor: SessionUser, event: "close" | "record", siteUrl: string): Promise<Result> {
  // The parties and the meeting's mandates are read through the pool before the transaction: read
  // inside it, each closing would hold one connection while it waited for more, and enough closings
  // at once would wait for each other for ever. Under the lock the meeting is chosen again.
  // A proposal is recorded at the group's next held meeting; a meeting's decision closes at its own.
  const meetingOf = async (on: Pick<Db, "select">, d: DecisionRow) => (event === "record" ? nextHeldMeeting(on, d) : d.meetingId);
  const meetingId = await meetingOf(db, decision);
  if (!meetingId) return conflict("decision.noMeetingYet");
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) return conflict("decision.changedMeanwhile");
  const [partyRows, { mandatedParties }] = await Promise.all([partiesOf(db, access.group.partnershipId), meetingDetails(db, meeting)]);
  return db.transaction(async (tx) => {
    const current = await lockDecision(tx, decision.id);
    const positions = await tx.select().from(decisionPositions).where(eq(decisionPositions.decisionId, current.id));
    const refused = refusedStep(stageOf(current), event, positions.length);
    if (refused) return conflict(refused);
    if ((await meetingOf(tx, current)) !== meetingId) return conflict("decision.changedMeanwhile");
    // Unanimity counts the parties taking part on the meeting's day; one that has left is not missing.
    const outcome = outcomeOf(
      access.group.kind,
      current.kind,
      participatingParties(partyRows, stockholmDate(meeting.startsAt)).map((p) => p.id),
      new Set(mandatedParties),
      new Map(positions.map((p) => [p.partyId, p.position])),
    );
    const name = (id: string) => partyRows.find((p) => p.id === id)?.name ?? id;
    const stored = { missing: outcome.missing.map(name), objecting: outcome.objecting.map(name) };
    await tx.update(decisions).set({ status: outcome.status, outcome: stored, meetingId, decidedBy: actor.id, decidedAt: new Date() }).where(eq(decisions.id, current.id));
    await audit(tx, { actorId: actor.id, action: `decision.${event}`, subject: `group:${current.groupId}`, details: { decisionId: current.id, meetingId, status: outcome.status, ...stored } });
    // 004 §3.1: all parties are informed of the steering group's decisions, adopted or not.
    await notify(
      tx,
      {
        kind: "decision.closed",
        userIds: await speakersFor(tx, access.group.partnershipId, partyRows.map((p) => p.id)),
        params: { decision: decisionLabel(access.group.kind, current.year, current.number), text: current.text, statusKey: `notify.status.${outcome.status}` },
        link: `/decisions/${current.id}`,
        eventKey: `decision-closed:${current.id}`,
      },
      siteUrl,
    );
    return ok();
  });
}

/** The first meeting of the group held after the proposal was made. */
async function nextHeldMeeting(db: Pick<Db, "select">, decision: DecisionRow): Promise<string | null> {
  const [m] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.groupId, decision.groupId), ne(meetings.status, "cancelled"), gte(meetings.startsAt, decision.createdAt), lte(meetings.startsAt, new Date())))
    .orderBy(asc(meetings.startsAt))
    .limit(1);
  return m?.id ?? null;
}

export async function setReview(db: Db, decision: DecisionRow, reviewOn: IsoDate | null, actor: SessionUser) {
  await db.transaction(async (tx) => {
    await tx.update(decisions).set({ reviewOn }).where(eq(decisions.id, decision.id));
    await audit(tx, { actorId: actor.id, action: "decision.review", subject: `group:${decision.groupId}`, details: { decisionId: decision.id, reviewOn } });
  });
}

/** A follow-up task; its owner must sit in the decision's group. */
export async function addTask(db: Db, decision: DecisionRow, input: { title: string; ownerId: string; dueOn: IsoDate }, actor: SessionUser): Promise<Result> {
  return db.transaction(async (tx) => {
    const [owner] = await tx.select({ userId: groupMembers.userId }).from(groupMembers).where(and(eq(groupMembers.groupId, decision.groupId), eq(groupMembers.userId, input.ownerId)));
    if (!owner) return invalid("decision.ownerInvalid", "ownerId");
    const [task] = await tx.insert(decisionTasks).values({ decisionId: decision.id, ...input, createdBy: actor.id }).returning({ id: decisionTasks.id });
    await audit(tx, { actorId: actor.id, action: "decision.task.add", subject: `group:${decision.groupId}`, details: { decisionId: decision.id, taskId: task.id, ...input } });
    return ok();
  });
}

/** One of the decision's follow-up tasks; undefined when it is not this decision's. */
export async function taskOf(db: Db, decision: DecisionRow, taskId: string) {
  if (!isUuid(taskId)) return undefined;
  const [task] = await db.select().from(decisionTasks).where(and(eq(decisionTasks.id, taskId), eq(decisionTasks.decisionId, decision.id)));
  return task;
}

export async function completeTask(db: Db, decision: DecisionRow, taskId: string, actor: SessionUser) {
  await db.transaction(async (tx) => {
    await tx.update(decisionTasks).set({ status: "done", doneAt: new Date() }).where(eq(decisionTasks.id, taskId));
    await audit(tx, { actorId: actor.id, action: "decision.task.done", subject: `group:${decision.groupId}`, details: { decisionId: decision.id, taskId } });
  });
}

/** The register of a group, newest year and number first. */
export function decisionsOfGroup(db: Db, groupId: string) {
  return db
    .select({
      id: decisions.id,
      kind: decisions.kind,
      year: decisions.year,
      number: decisions.number,
      text: decisions.text,
      status: decisions.status,
      outcome: decisions.outcome,
      reviewOn: decisions.reviewOn,
      meetingId: decisions.meetingId,
      meetingTitle: meetings.title,
      decidedAt: decisions.decidedAt,
    })
    .from(decisions)
    .leftJoin(meetings, eq(meetings.id, decisions.meetingId))
    .where(eq(decisions.groupId, groupId))
    .orderBy(desc(decisions.year), desc(decisions.number));
}

/** The decisions made at a meeting, in register order, with their agenda item. */
const meetingDecisions = prepared((db) =>
  db
    .select({ id: decisions.id, year: decisions.year, number: decisions.number, text: decisions.text, status: decisions.status, agendaItemId: decisions.agendaItemId })
    .from(decisions)
    .where(eq(decisions.meetingId, sql.placeholder("meetingId")))
    .orderBy(asc(decisions.year), asc(decisions.number))
    .prepare("meeting_decisions"),
);

export function decisionsOfMeeting(db: Db, meetingId: string) {
  return meetingDecisions(db).execute({ meetingId });
}

/**
 * The meeting's decisions for its minutes: under the paragraph of their agenda item (§ n as in
 * the minutes), those recorded per capsulum last with a null heading.
 */
export async function minutesDecisions(db: Db, meeting: MeetingRow, groupKind: GroupKind) {
  const [{ agenda }, rows, positions] = await Promise.all([
    meetingDetails(db, meeting),
    decisionsOfMeeting(db, meeting.id),
    positionsAtMeeting(db).execute({ meetingId: meeting.id }),
  ]);
  const items = paragraphs(agenda).map((item) => ({ id: item.id as string | null, heading: paragraphHeading(item) as string | null }));
  return [...items, { id: null, heading: null }]
    .map((item) => ({
      ...item,
      decisions: rows
        .filter((r) => r.agendaItemId === item.id)
        .map((r) => ({
          id: r.id,
          label: decisionLabel(groupKind, r.year, r.number),
          text: r.text,
          stage: stageOf({ ...r, kind: "meeting", meetingId: meeting.id }),
          positions: positions.filter((p) => p.decisionId === r.id).map(({ decisionId: _, ...p }) => p),
        })),
    }))
    .filter((item) => item.decisions.length);
}

/** The parties' positions on all of a meeting's decisions, in one query, for the minutes. */
const positionsAtMeeting = prepared((db) =>
  db
    .select({
      decisionId: decisionPositions.decisionId,
      party: organisations.name,
      position: decisionPositions.position,
      reservation: decisionPositions.reservation,
      recordedForRoom: decisionPositions.recordedForRoom,
    })
    .from(decisionPositions)
    .innerJoin(decisions, eq(decisions.id, decisionPositions.decisionId))
    .innerJoin(parties, eq(parties.id, decisionPositions.partyId))
    .innerJoin(organisations, eq(organisations.id, parties.organisationId))
    .where(eq(decisions.meetingId, sql.placeholder("meetingId")))
    .orderBy(asc(organisations.name))
    .prepare("positions_at_meeting"),
);

/** Everything the decision page shows: parties with their positions, tasks, meeting and item. */
export async function decisionDetail(db: Db, decision: DecisionRow, partnershipId: string) {
  const [partyRows, positions, tasks, meeting, item] = await Promise.all([
    partiesOf(db, partnershipId),
    db
      .select({
        partyId: decisionPositions.partyId,
        position: decisionPositions.position,
        reservation: decisionPositions.reservation,
        statedBy: users.name,
        statedAt: decisionPositions.statedAt,
        recordedForRoom: decisionPositions.recordedForRoom,
      })
      .from(decisionPositions)
      .innerJoin(users, eq(users.id, decisionPositions.statedBy))
      .where(eq(decisionPositions.decisionId, decision.id)),
    db
      .select({ id: decisionTasks.id, title: decisionTasks.title, ownerId: decisionTasks.ownerId, owner: users.name, dueOn: decisionTasks.dueOn, status: decisionTasks.status })
      .from(decisionTasks)
      .innerJoin(users, eq(users.id, decisionTasks.ownerId))
      .where(eq(decisionTasks.decisionId, decision.id))
      .orderBy(asc(decisionTasks.dueOn)),
    decision.meetingId ? db.select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt }).from(meetings).where(eq(meetings.id, decision.meetingId)) : [],
    decision.agendaItemId ? db.select({ title: agendaItems.title, position: agendaItems.position }).from(agendaItems).where(eq(agendaItems.id, decision.agendaItemId)) : [],
  ]);
  const day = decisionDay(meeting[0]);
  return {
    // A party that had left by the decision's day is listed only if it stated a position (before it left).
    parties: partyRows
      .map((p) => ({ id: p.id, name: p.name, takesPart: participatesOn(p, day), ...(positions.find((s) => s.partyId === p.id) ?? null) }))
      .filter((p) => p.takesPart || p.position),
    tasks,
    meeting: meeting[0] ?? null,
    item: item[0] ?? null,
  };
}

/** The follow-up tasks of a meeting's decisions, by due date: what the meeting left to do. */
export function tasksOfMeeting(db: Db, meetingId: string) {
  return db
    .select({ id: decisionTasks.id, decisionId: decisionTasks.decisionId, title: decisionTasks.title, owner: users.name, dueOn: decisionTasks.dueOn, status: decisionTasks.status })
    .from(decisionTasks)
    .innerJoin(decisions, eq(decisions.id, decisionTasks.decisionId))
    .innerJoin(users, eq(users.id, decisionTasks.ownerId))
    .where(eq(decisions.meetingId, meetingId))
    .orderBy(asc(decisionTasks.dueOn), asc(decisionTasks.title));
}
