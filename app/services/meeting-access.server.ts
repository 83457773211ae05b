import type { Db } from "../../db/client";
import type { SessionUser } from "../auth/session.server";
import { notFound } from "../auth/guards.server";
import { groupCapabilities, meetingCapabilities, type MeetingFacts } from "../domain/capabilities";
import { stockholmDate } from "../domain/stockholm-date";
import { isUuid, requireGroupAccess, type GroupAccess } from "./access.server";
import { rotationsFor } from "./groups.server";
import { convenerPartyOf, getMeeting, type MeetingRow } from "./meetings.server";
import { minutesState } from "./minutes.server";
import { partiesOf } from "./partnerships.server";

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

/** The same, with `alongside`: what the page loads about the meeting anyway, fetched beside the facts once access is granted. */
export async function requireMeetingCapabilitiesWith<T>(
  db: Db,
  user: SessionUser,
  meetingId: string | undefined,
  now: Date,
  alongside: (meeting: MeetingRow) => Promise<T>,
) {
  const { meeting, access } = await requireMeetingAccess(db, user, meetingId);
  const [{ facts, parties }, minutes, extra] = await Promise.all([groupFacts(db, user, access, now), minutesState(db, meeting.id), alongside(meeting)]);
  return { meeting, access, parties, minutes, facts, can: meetingCapabilities(facts, { ...meeting, minutes }, now), extra };
}

/** Who the user is in a group at `now` (the facts every capability record starts from), with the partnership's parties and the group's rotation. */
export async function groupFacts(db: Db, user: SessionUser, access: GroupAccess, now: Date) {
  const [rotations, parties] = await Promise.all([rotationsFor(db, [access.group], stockholmDate(now), now), partiesOf(db, access.group.partnershipId)]);
  const rotation = rotations.get(access.group.id) ?? null;
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
  const access = await requireGroupAccess(db, user, groupId);
  const [{ facts, parties, rotation }, extra] = await Promise.all([groupFacts(db, user, access, now), alongside(access)]);
  const today = stockholmDate(now);
  return { user, access, facts, parties, rotation, today, can: groupCapabilities(facts, rotation, today), extra };
}
