import type { ActionFunctionArgs } from "@remix-run/node";
import { baseUrl } from "~/http/base-url.server";
import { done, failed, meetingAction } from "~/http/result.server";
import { sendNotice } from "~/services/meetings.server";

/** The convener sends the notice (kallelse) to every member, with an .ics. */
export async function action(args: ActionFunctionArgs) {
  const { meeting, user, refused } = await meetingAction(args, "sendNotice");
  if (refused) return failed(refused);
  await sendNotice(args.context.db, meeting, user, baseUrl(args.context));
  return done("meeting.noticeSent");
}
