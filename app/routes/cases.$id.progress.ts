import type { ActionFunctionArgs } from "@remix-run/node";
import { progressSchema } from "~/forms/case";
import { parseForm } from "~/forms/parse";
import { caseAction } from "~/http/case-action.server";
import { badForm, done, failed, refusal } from "~/http/result.server";
import { recordActionProgress } from "~/services/cases.server";

/** Follow-up: the progress of one action of the plan, recorded as a step of the case. */
export async function action(args: ActionFunctionArgs) {
  const { c, can, user, form, steering, today, deps } = await caseAction(args);
  const refused = refusal(can.recordProgress);
  if (refused) return failed(refused);
  const parsed = parseForm(progressSchema, form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  const result = await recordActionProgress(deps, c, { ...parsed.data, done: parsed.data.done === "on" }, { user, steering }, args.context.locale, today);
  if (!result.ok) return failed(result);
  return done("case.stepDone", { stage: result.value.to });
}
