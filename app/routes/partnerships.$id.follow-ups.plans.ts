import type { ActionFunctionArgs } from "@remix-run/node";
import { followUpPlanSchema } from "~/forms/follow-up";
import { parseForm } from "~/forms/parse";
import { answer, badForm, failed, partnershipAction } from "~/http/result.server";
import { planFollowUp } from "~/services/follow-ups.server";

/** A follow-up or evaluation planned with its due date, lead and scope (000 §9, 002, 001). */
export async function action(args: ActionFunctionArgs) {
  const p = await partnershipAction(args, (can) => can.planFollowUps);
  if (p.refused) return failed(p.refused);
  const parsed = parseForm(followUpPlanSchema, p.form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  return answer(await planFollowUp(args.context.db, p.id, parsed.data, p.user), () => "followUp.savedPlan");
}
