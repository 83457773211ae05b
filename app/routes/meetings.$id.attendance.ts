import type { ActionFunctionArgs } from "@remix-run/node";
import { done, failed, meetingAction } from "~/http/result.server";
import { meetingDetails, recordPresence } from "~/services/meetings.server";

/** The convener records who was present; only the group's members can be ticked. */
export async function action(args: ActionFunctionArgs) {
  const { meeting, user, form, refused } = await meetingAction(args, "recordAttendance");
  if (refused) return failed(refused);
  const { people } = await meetingDetails(args.context.db, meeting);
  const present = new Set(form.getAll("present").map(String));
  const rows = people.filter((p) => present.has(p.userId)).map((p) => ({ userId: p.userId, partyId: p.partyId }));
  await recordPresence(args.context.db, meeting.id, rows, user);
  return done("presence.saved");
}
