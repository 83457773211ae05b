import { and, asc, desc, eq, gt, gte, inArray, lte, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { decisions, groupMembers, groups, meetings, users } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { convenerOf, convenerParty } from "../domain/convener";
import { stockholmDate } from "../domain/stockholm-date";
import { holdersFor } from "./groups.server";
import { addAgendaItem, type AgendaDeps } from "./meetings.server";

/** The partnership's steering group: the one that decides on shortcomings, disputes and notices. */
export async function steeringGroupOf(db: Db, partnershipId: string) {
  const [group] = await db
    .select()
    .from(groups)
    .where(and(eq(groups.partnershipId, partnershipId), eq(groups.kind, "steering")))
    .orderBy(asc(groups.createdAt))
    .limit(1);
  return group ?? null;
}

export type SteeringGroup = NonNullable<Awaited<ReturnType<typeof steeringGroupOf>>>;

/** Meetings held (started, not cancelled) since `from`, newest first: where the group's decisions are taken. */
export function heldMeetingsOf(db: Db, groupId: string, from: Date, now = new Date()) {
  return db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(eq(meetings.groupId, groupId), gte(meetings.startsAt, from), lte(meetings.startsAt, now), ne(meetings.status, "cancelled")))
    .orderBy(desc(meetings.startsAt))
    .limit(20);
}

/** Decisions adopted at these meetings, to cite as the ground of a step. */
export async function decisionsAt(db: Db, meetingIds: string[]) {
  if (!meetingIds.length) return [];
  return db
    .select({ id: decisions.id, meetingId: decisions.meetingId, year: decisions.year, number: decisions.number, text: decisions.text })
    .from(decisions)
    .where(and(inArray(decisions.meetingId, meetingIds), eq(decisions.status, "adopted")))
    .orderBy(asc(decisions.year), asc(decisions.number));
}

/**
 * Puts a matter on the steering group's next meeting (as an item, or as a proposal for the
 * chair to accept). Returns the meeting and item, or null when no meeting is planned yet.
 */
export async function putOnNextSteeringAgenda(deps: AgendaDeps, group: SteeringGroup, title: string, proposed: boolean, actor: SessionUser, now = new Date()) {
  const [next] = await deps.db
    .select()
    .from(meetings)
    .where(and(eq(meetings.groupId, group.id), gt(meetings.startsAt, now), ne(meetings.status, "cancelled")))
    .orderBy(asc(meetings.startsAt))
    .limit(1);
  if (!next) return null;
  const added = await addAgendaItem(deps, next.id, { title, type: "discussion", presenter: "", estimatedMinutes: null, links: [] }, proposed, actor);
  // A meeting whose minutes are already sent for approval takes nothing more: the matter waits as if none were planned.
  return added.ok ? { meeting: next, itemId: added.value } : null;
}

/**
 * Who should hear of a matter for the steering group: the chair's named person, else the
 * convening party's members (the chair's, or the party the agreement names); with neither, the
 * coordinators who then convene.
 */
export async function steeringChairContacts(db: Db, group: SteeringGroup) {
  const holder = (await holdersFor(db, [group], stockholmDate(new Date()))).get(group.id);
  const party = convenerParty(convenerOf(group), holder?.partyId ?? null);
  if (!party) return db.select({ id: users.id, name: users.name, email: users.email, locale: users.locale }).from(users).where(eq(users.isAdmin, true));
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.partyId, party), ne(groupMembers.role, "observer")));
  const named = rows.filter((r) => r.id === holder?.person?.id);
  return named.length ? named : rows;
}
