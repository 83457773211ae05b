import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { agendaItems, groupMembers, meetings, users } from "../../db/schema";
import { calendarMeeting } from "./meetings.server";
import type { CalendarMeeting } from "../calendar/ics";

/** Calendar data for a set of meetings in three queries: agendas, members, organizers. */
export async function calendarMeetings(db: Db, rows: (typeof meetings.$inferSelect)[], baseUrl: string): Promise<CalendarMeeting[]> {
  if (!rows.length) return [];
  const ids = rows.map((m) => m.id);
  const [agenda, members, organizers] = await Promise.all([
    db
      .select({ meetingId: agendaItems.meetingId, id: agendaItems.id, position: agendaItems.position, proposed: agendaItems.proposed, title: agendaItems.title })
      .from(agendaItems)
      .where(inArray(agendaItems.meetingId, ids)),
    db
      .select({ groupId: groupMembers.groupId, name: users.name, email: users.email })
      .from(groupMembers)
      .innerJoin(users, eq(users.id, groupMembers.userId))
      .where(inArray(groupMembers.groupId, [...new Set(rows.map((m) => m.groupId))])),
    db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, [...new Set(rows.map((m) => m.createdBy))])),
  ]);
  return rows.map((m) =>
    calendarMeeting(
      m,
      agenda.filter((a) => a.meetingId === m.id),
      organizers.find((o) => o.id === m.createdBy)!,
      members.filter((x) => x.groupId === m.groupId),
      `${baseUrl}/meetings/${m.id}`,
    ),
  );
}

/** Every meeting of every group the user sits in, cancelled ones included so calendars remove them. */
export function meetingsOfMember(db: Db, userId: string) {
  return db
    .select()
    .from(meetings)
    .where(and(inArray(meetings.groupId, db.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.userId, userId))), ne(meetings.status, "draft")))
    .orderBy(asc(meetings.startsAt))
    .limit(1000);
}
