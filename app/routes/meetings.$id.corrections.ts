import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseForm } from "~/forms/parse";
import { answer, badForm, failed, meetingAction } from "~/http/result.server";
import { addCorrection, approveCorrection } from "~/services/justering.server";

const correctionSchema = z.object({ text: z.string({ error: "form.required" }).trim().min(1, "form.required").max(5000, "form.tooLong") });
const approvalSchema = z.object({
  correctionId: z.coerce
    .number("form.badRequest")
    .int("form.badRequest")
    .positive("form.badRequest")
    .max(2 ** 31 - 1, "form.badRequest"),
});

/** Corrections to final minutes: one of their approvers adds one, the others approve it. */
export async function action(args: ActionFunctionArgs) {
  const m = await meetingAction(args, { correction: "correctMinutes", approveCorrection: "correctMinutes" });
  if (m.refused) return failed(m.refused);
  if (m.intent === "approveCorrection") {
    const parsed = parseForm(approvalSchema, m.form);
    if (!parsed.ok) return badForm(parsed.fieldErrors);
    return answer(await approveCorrection(args.context.db, m.meeting, m.user, parsed.data.correctionId), () => "correction.approved");
  }
  const parsed = parseForm(correctionSchema, m.form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  return answer(await addCorrection(args.context.db, m.meeting, m.user, parsed.data.text), () => "correction.added");
}
