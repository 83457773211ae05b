import { and, asc, desc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { decisions, followUps, groupMembers, groups, organisations, parties, users, yearlyReports } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { followUpState, nextDueOn } from "../domain/follow-up";
import type { IsoDate } from "../domain/iso-date";
import type { FollowUpOutcome, FollowUpPlan } from "../forms/follow-up";
import { audit } from "./audit.server";
import { conflict, invalid, ok, type Result } from "./result";

/** The partnership's follow-ups and evaluations: planned ones by due date first, then those done, newest first. */
export async function followUpsOf(db: Db, partnershipId: string, today: IsoDate) {
  const rows = await db
    .select({
      id: followUps.id,
      kind: followUps.kind,
      title: followUps.title,
      covers: followUps.covers,
      presentedTo: followUps.presentedTo,
      recurrence: followUps.recurrence,
      dueOn: followUps.dueOn,
      leadUserId: followUps.leadUserId,
      leadName: users.name,
      status: followUps.status,
      doneOn: followUps.doneOn,
      outcome: followUps.outcome,
      reportIds: followUps.reportIds,
      decisionIds: followUps.decisionIds,
    })
    .from(followUps)
    .leftJoin(users, eq(users.id, followUps.leadUserId))
    .where(eq(followUps.partnershipId, partnershipId))
    .orderBy(desc(followUps.status), asc(followUps.dueOn));
  return rows.map((r) => ({ ...r, state: followUpState(r, today) }));
}

/** Who may lead a follow-up: anyone with a seat in one of the partnership's groups. */
export function leadCandidates(db: Db, partnershipId: string) {
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groups.partnershipId, partnershipId))
    .orderBy(asc(users.name));
}

/** What an outcome may cite: the partnership's filed yearly reports and its groups' adopted decisions. */
export async function linkable(db: Db, partnershipId: string) {
  const [reports, adopted] = await Promise.all([
    db
      .select({ id: yearlyReports.id, year: yearlyReports.year, partyName: organisations.name })
      .from(yearlyReports)
      .innerJoin(parties, eq(parties.id, yearlyReports.partyId))
      .innerJoin(organisations, eq(organisations.id, parties.organisationId))
      .where(and(eq(yearlyReports.partnershipId, partnershipId), isNotNull(yearlyReports.submittedAt)))
      .orderBy(desc(yearlyReports.year), asc(organisations.name)),
    db
      .select({ id: decisions.id, groupKind: groups.kind, year: decisions.year, number: decisions.number, text: decisions.text })
      .from(decisions)
      .innerJoin(groups, eq(groups.id, decisions.groupId))
      .where(and(eq(groups.partnershipId, partnershipId), eq(decisions.status, "adopted")))
      .orderBy(desc(decisions.year), desc(decisions.number))
      .limit(200),
  ]);
  return { reports, decisions: adopted };
}

export async function planFollowUp(db: Db, partnershipId: string, input: FollowUpPlan, actor: SessionUser): Promise<Result<{ id: string }>> {
  if (input.leadUserId && !(await leadCandidates(db, partnershipId)).some((c) => c.id === input.leadUserId)) return invalid("followUp.leadInvalid", "leadUserId");
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(followUps)
      .values({ partnershipId, ...input, createdBy: actor.id })
      .returning({ id: followUps.id });
    await audit(tx, {
      actorId: actor.id,
      action: "followUp.plan",
      subject: `partnership:${partnershipId}`,
      details: { followUpId: row.id, title: input.title, dueOn: input.dueOn },
    });
    return row.id;
  });
  return ok({ id });
}

/** One of the partnership's follow-ups, or null. */
export async function findFollowUp(db: Db, partnershipId: string, id: string) {
  const [row] = await db
    .select()
    .from(followUps)
    .where(and(eq(followUps.id, id), eq(followUps.partnershipId, partnershipId)));
  return row ?? null;
}

/**
 * Records what a follow-up found, citing the partnership's own reports and decisions; a yearly one
 * is planned again a year on, with the same lead.
 */
export async function recordOutcome(db: Db, partnershipId: string, input: FollowUpOutcome, actor: SessionUser): Promise<Result<{ next: IsoDate | null }>> {
  const links = await linkable(db, partnershipId);
  if (input.reportIds.some((id) => !links.reports.some((r) => r.id === id))) return invalid("followUp.choiceInvalid", "reportIds");
  if (input.decisionIds.some((id) => !links.decisions.some((d) => d.id === id))) return invalid("followUp.choiceInvalid", "decisionIds");
  return db.transaction(async (tx) => {
    const [f] = await tx
      .select()
      .from(followUps)
      .where(and(eq(followUps.id, input.followUpId), eq(followUps.partnershipId, partnershipId)))
      .for("update");
    if (!f) return invalid("followUp.choiceInvalid", "followUpId");
    if (f.status === "done") return conflict("followUp.alreadyDone");
    await tx
      .update(followUps)
      .set({ status: "done", doneOn: input.doneOn, outcome: input.outcome, reportIds: input.reportIds, decisionIds: input.decisionIds, updatedAt: new Date() })
      .where(eq(followUps.id, f.id));
    const next = nextDueOn(f.recurrence, f.dueOn);
    if (next) {
      const { kind, title, covers, presentedTo, recurrence, leadUserId } = f;
      await tx.insert(followUps).values({ partnershipId, kind, title, covers, presentedTo, recurrence, leadUserId, dueOn: next, createdBy: actor.id });
    }
    await audit(tx, { actorId: actor.id, action: "followUp.done", subject: `partnership:${partnershipId}`, details: { followUpId: f.id, doneOn: input.doneOn, next } });
    return ok({ next });
  });
}
