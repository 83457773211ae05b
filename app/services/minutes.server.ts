import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { minutes, type MinutesStatus } from "../../db/schema";

/** The minutes' status and adjusters; minutes not yet opened are an empty draft. */
export async function minutesState(db: Db, meetingId: string): Promise<{ status: MinutesStatus; adjusters: string[] }> {
  const [row] = await db.select({ status: minutes.status, adjusters: minutes.adjusters }).from(minutes).where(eq(minutes.meetingId, meetingId));
  return row ?? { status: "draft", adjusters: [] };
}
