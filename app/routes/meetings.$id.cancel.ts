import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseForm } from "~/forms/parse";
import { baseUrl } from "~/http/base-url.server";
import { badForm, failed, meetingAction } from "~/http/result.server";
import { cancelMeeting } from "~/services/meetings.server";

const cancelSchema = z.object({ reason: z.string().trim().min(1, "form.required").max(1000, "form.tooLong") });

/** The convener cancels, with a reason the members are told. */
export async function action(args: ActionFunctionArgs) {
  const { meeting, user, form, refused } = await meetingAction(args, "cancel");
  if (refused) return failed(refused);
  const parsed = parseForm(cancelSchema, form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  await cancelMeeting(args.context.db, meeting, parsed.data.reason, user, baseUrl(args.context));
  return redirect(`/groups/${meeting.groupId}`);
}
