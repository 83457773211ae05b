import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { minutes, minutesVersions, type MinutesStatus } from "../../db/schema";

export type MinutesState = { status: MinutesStatus; adjusters: string[]; chairId: string | null };

/** The minutes' status and adjusters, for a query that reads `minutes`; minutes not yet opened are `unopenedMinutes`. */
export const minutesStateColumns = { status: minutes.status, adjusters: minutes.adjusters, chairId: minutes.chairId };
export const unopenedMinutes: MinutesState = { status: "draft", adjusters: [], chairId: null };

/** For a list that left-joins `minutes`: its status beside each meeting, so the list can show where the meeting stands. */
export const listedMinutesStatus = sql<MinutesStatus>`coalesce(${minutes.status}, 'draft')`;

/** The approved minutes, or null while they are not final. */
export async function finalMinutes(db: Db, meetingId: string) {
  const [row] = await db
    .select()
    .from(minutesVersions)
    .where(and(eq(minutesVersions.meetingId, meetingId), eq(minutesVersions.kind, "final")));
  return row ?? null;
}

export function minutesVersionList(db: Db, meetingId: string) {
  return db
    .select({ id: minutesVersions.id, kind: minutesVersions.kind, createdAt: minutesVersions.createdAt, contentSha256: minutesVersions.contentSha256 })
    .from(minutesVersions)
    .where(eq(minutesVersions.meetingId, meetingId))
    .orderBy(desc(minutesVersions.id));
}

export async function minutesVersion(db: Db, meetingId: string, id: number) {
  const [row] = await db
    .select()
    .from(minutesVersions)
    .where(and(eq(minutesVersions.meetingId, meetingId), eq(minutesVersions.id, id)));
  return row ?? null;
}
