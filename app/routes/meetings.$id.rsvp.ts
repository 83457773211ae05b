import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseForm } from "~/forms/parse";
import { badForm, done, failed, meetingAction } from "~/http/result.server";
import { respond } from "~/services/meetings.server";

const rsvpSchema = z.object({ rsvp: z.enum(["attending", "declined"]) });

/** A member answers a notice: attending or not. */
export async function action(args: ActionFunctionArgs) {
  const { meeting, user, form, refused } = await meetingAction(args, "rsvp");
  if (refused) return failed(refused);
  const parsed = parseForm(rsvpSchema, form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  await respond(args.context.db, meeting.id, user, parsed.data.rsvp);
  return done(parsed.data.rsvp === "attending" ? "rsvp.savedAttending" : "rsvp.savedDeclined");
}
