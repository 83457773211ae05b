import type { ActionFunctionArgs } from "@remix-run/node";
import { reviewSchema } from "~/forms/decision";
import { parseForm } from "~/forms/parse";
import { badForm, capabilityAction, done, failed } from "~/http/result.server";
import { requireDecisionCapabilities, setReview } from "~/services/decisions.server";

/** The convener sets (or clears) the day the decision is to be reviewed. */
export async function action(args: ActionFunctionArgs) {
  const { decision, user, form, refused } = await capabilityAction(args, requireDecisionCapabilities, "setReview");
  if (refused) return failed(refused);
  const parsed = parseForm(reviewSchema, form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  await setReview(args.context.db, decision, parsed.data.reviewOn, user);
  return done("decision.reviewSaved");
}
