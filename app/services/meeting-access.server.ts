import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { prepared } from "../../db/prepared";
import { groupMembers, groups, meetings, minutes } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { notFound } from "../auth/guards.server";
import { groupCapabilities, meetingCapabilities, type MeetingFacts } from "../domain/capabilities";
import { stockholmDate } from "../domain/stockholm-date";
import { groupAccessOf, isUuid, requireGroupAccess, type GroupAccess } from "./access.server";
import { rotationColumns, rotationNow, rotationsFor, type RotationNow } from "./groups.server";
import { convenerPartyOf, getMeeting, type MeetingRow } from "./meetings.server";
import { minutesStateColumns, unopenedMinutes } from "./minutes.server";
import { partiesOf, type PartyTakingPart } from "./partnerships.server";

/** A meeting is visible to its group's members and coordinators (404 for anyone else). */
export async function requireMeetingAccess(db: Db, user: SessionUser, meetingId: string | undefined) {
  if (!isUuid(meetingId)) throw notFound();
  const meeting = await getMeeting(db, meetingId);
  if (!meeting) throw notFound();
  return { meeting, access: await requireGroupAccess(db, user, meeting.groupId) };
}

/**
 * The meeting with what the user may do with it now (`meetingCapabilities`), its facts loaded
 * once: the party that convenes, the parties with their participation, the minutes' state. The
 * page shows what `can` allows and every action asserts it.
 */
export function requireMeetingCapabilities(db: Db, user: SessionUser, meetingId: string | undefined, now = new Date()) {
  return requireMeetingCapabilitiesWith(db, user, meetingId, now, async () => undefined);
}

// The meeting, its minutes' state, its group beside the user's membership and the group's rotation
// (`rotationColumns`): what every meeting record starts from, in one statement.
const meetingWithFacts = prepared((db) =>
  db
    .select({ meeting: meetings, minutes: minutesStateColumns, group: groups, partyId: groupMembers.partyId, role: groupMembers.role, ...rotationColumns })
    .from(meetings)
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .leftJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, sql.placeholder("userId"))))
    .leftJoin(minutes, eq(minutes.meetingId, meetings.id))
    .where(eq(meetings.id, sql.placeholder("meetingId")))
    .prepare("meeting_with_facts"),
);

// The same for a group page or action: the group beside the user's membership, with its rotation.
const groupWithFacts = prepared((db) =>
  db
    .select({ group: groups, partyId: groupMembers.partyId, role: groupMembers.role, ...rotationColumns })
    .from(groups)
    .leftJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, sql.placeholder("userId"))))
    .where(eq(groups.id, sql.placeholder("groupId")))
    .prepare("group_with_facts"),
);

/** The same, with `alongside`: what the page loads about the meeting anyway, fetched beside the facts once access is granted. */
export async function requireMeetingCapabilitiesWith<T>(
  db: Db,
  user: SessionUser,
  meetingId: string | undefined,
  now: Date,
  alongside: (meeting: MeetingRow) => Promise<T>,
) {
  if (!isUuid(meetingId)) throw notFound();
  const [row] = await meetingWithFacts(db).execute({ meetingId, userId: user.id, now: now.toISOString() });
  const access = groupAccessOf(row, user);
  const { meeting } = row;
  const minutes = row.minutes ?? unopenedMinutes;
  const [parties, extra] = await Promise.all([partiesOf(db, access.group.partnershipId), alongside(meeting)]);
  const { facts } = factsOf(user, access, rotationNow(access.group, row, stockholmDate(now)), parties);
  return { meeting, access, parties, minutes, facts, can: meetingCapabilities(facts, { ...meeting, minutes }, now), extra };
}

/** Who the user is in a group at `now` (the facts every capability record starts from), with the partnership's parties and the group's rotation. */
export async function groupFacts(db: Db, user: SessionUser, access: GroupAccess, now: Date) {
  const [rotations, parties] = await Promise.all([rotationsFor(db, [access.group], stockholmDate(now), now), partiesOf(db, access.group.partnershipId)]);
  return factsOf(user, access, rotations.get(access.group.id) ?? null, parties);
}

function factsOf(user: SessionUser, access: GroupAccess, rotation: RotationNow | null, parties: PartyTakingPart[]) {
  const m = access.membership;
  const facts: MeetingFacts = {
    user: { id: user.id, isAdmin: user.isAdmin },
    membership: m && { ...m, participatesUntil: parties.find((p) => p.id === m.partyId)?.participatesUntil ?? null },
    convenerPartyId: convenerPartyOf(access.group, rotation?.holder ?? undefined),
  };
  return { facts, parties, rotation };
}

/**
 * The group with what the user may do in it now (`groupCapabilities`), its facts loaded once: the
 * party that convenes, the parties with their participation, the rotation where it stands. 404 for
 * who may not see it.
 */
export function requireGroupCapabilities(db: Db, user: SessionUser, groupId: string, now = new Date()) {
  return requireGroupCapabilitiesWith(db, user, groupId, now, async () => undefined);
}

/** The same, with `alongside`: what the page loads about the group anyway, fetched beside the facts once access is granted. */
export async function requireGroupCapabilitiesWith<T>(db: Db, user: SessionUser, groupId: string, now: Date, alongside: (access: GroupAccess) => Promise<T>) {
  if (!isUuid(groupId)) throw notFound();
  const [row] = await groupWithFacts(db).execute({ groupId, userId: user.id, now: now.toISOString() });
  const access = groupAccessOf(row, user);
  const today = stockholmDate(now);
  const [parties, extra] = await Promise.all([partiesOf(db, access.group.partnershipId), alongside(access)]);
  const { facts, rotation } = factsOf(user, access, rotationNow(access.group, row, today), parties);
  return { user, access, facts, parties, rotation, today, can: groupCapabilities(facts, rotation, today), extra };
}
