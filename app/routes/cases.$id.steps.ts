import type { ActionFunctionArgs } from "@remix-run/node";
import { verdictFor } from "~/domain/case-capabilities";
import { stepSchema } from "~/forms/case";
import { parseForm } from "~/forms/parse";
import { caseAction } from "~/http/case-action.server";
import { badForm, done, failed, refusal } from "~/http/result.server";
import { takeCaseStep } from "~/services/cases.server";

/**
 * One step of a case's procedure, if it is the user's to take now. A refusal shows at the step's
 * own form (its event); what was done names the stage the case moved to (`details.stage`).
 */
export async function action(args: ActionFunctionArgs) {
  const { c, can, user, form, steering, today, deps } = await caseAction(args);
  const event = String(form.get("event") ?? "");
  const refused = refusal(verdictFor(can.stepCase, event));
  if (refused) return failed({ ...refused, field: event });
  const parsed = parseForm(stepSchema, form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  const result = await takeCaseStep(deps, c, parsed.data, { user, steering }, args.context.locale, today);
  if (!result.ok) return failed({ ...result, field: event });
  return done("case.stepDone", { stage: result.value.to });
}
