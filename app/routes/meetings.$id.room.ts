import type { ActionFunctionArgs } from "@remix-run/node";
import { parseRoomForm } from "~/forms/room";
import { answer, badForm, failed, meetingAction } from "~/http/result.server";
import { recordForRoom } from "~/services/decisions.server";

/** The chair records for the room: presence and the positions the parties stated on one decision, in one form. */
export async function action(args: ActionFunctionArgs) {
  const { meeting, parties, user, form, refused } = await meetingAction(args, "recordForRoom");
  if (refused) return failed(refused);
  const parsed = parseRoomForm(
    form,
    parties.map((p) => p.id),
  );
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  return answer(await recordForRoom(args.context.db, meeting, parsed.data, user), () => "room.saved");
}
