import type { Db } from "../../db/client";
import type { SessionUser } from "../auth/session.server";
import { notFound } from "../auth/guards.server";
import { stockholmDate } from "../domain/stockholm-date";
import { isUuid, requireGroupAccess, type GroupAccess } from "./access.server";
import { holdersFor } from "./groups.server";
import { canConvene, getMeeting } from "./meetings.server";

/** A meeting is visible to its group's members and coordinators (404 for anyone else); `isChair` says who may change it. */
export async function requireMeetingAccess(db: Db, user: SessionUser, meetingId: string | undefined) {
  if (!isUuid(meetingId)) throw notFound();
  const meeting = await getMeeting(db, meetingId);
  if (!meeting) throw notFound();
  const access = await requireGroupAccess(db, user, meeting.groupId);
  return { meeting, access, isChair: await actsAsChair(db, access) };
}

/** Whether the user acts for the group's chair (or documentation holder) today, or is a coordinator. */
export async function actsAsChair(db: Db, access: GroupAccess): Promise<boolean> {
  const holder = (await holdersFor(db, [access.group], stockholmDate(new Date()))).get(access.group.id);
  return canConvene(access, holder);
}
