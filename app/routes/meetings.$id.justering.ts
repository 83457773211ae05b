import type { ActionFunctionArgs } from "@remix-run/node";
import type { MeetingAction } from "~/domain/capabilities";
import { z } from "zod";
import { parseForm } from "~/forms/parse";
import { answer, badForm, failed, meetingAction } from "~/http/result.server";
import { approve, sendForApproval } from "~/services/justering.server";

const approveSchema = z.object({
  reason: z
    .string()
    .trim()
    .max(1000, "form.tooLong")
    .optional()
    .transform((v) => v || null),
});

const CAPABILITY = { forApproval: "sendForApproval", approve: "approveMinutes" } satisfies Record<string, MeetingAction>;

/** Justering: the chair sends the minutes for approval with adjusters; the chair and adjusters approve. */
export async function action(args: ActionFunctionArgs) {
  const m = await meetingAction(args, CAPABILITY);
  if (m.refused) return failed(m.refused);
  if (m.intent === "forApproval") {
    return answer(await sendForApproval(args.context, m.meeting, m.user, m.form.getAll("adjuster").map(String)), () => "justering.sent");
  }
  const parsed = parseForm(approveSchema, m.form);
  // The reason field shows only beside personnummer hits, so its error goes in the approval's alert.
  if (!parsed.ok) return badForm({ approve: parsed.fieldErrors.reason });
  return answer(await approve(args.context, m.meeting, m.user, parsed.data.reason), ({ final }) => (final ? "justering.final" : "justering.approved"));
}
