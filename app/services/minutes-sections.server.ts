import type { Db } from "../../db/client";
import type { DocumentRegistry } from "../../realtime/registry";
import { meetingDetails, type MeetingRow } from "./meetings.server";

/** Minutes already begun get a numbered section for an item that joins the agenda later. */
export async function addMinutesSection(db: Db, minutes: DocumentRegistry, meeting: MeetingRow, itemId: string) {
  const { agenda } = await meetingDetails(db, meeting);
  const items = agenda.filter((a) => !a.proposed);
  const at = items.findIndex((a) => a.id === itemId);
  if (at >= 0) await minutes.appendSection(meeting.id, at + 1, items[at].title);
}
