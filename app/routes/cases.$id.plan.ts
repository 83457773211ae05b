import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { planActionSchema } from "~/forms/case";
import { parseForm } from "~/forms/parse";
import { caseAction } from "~/http/case-action.server";
import { answer, badForm, failed, refusal } from "~/http/result.server";
import { changePlan, type PlanChange } from "~/services/cases.server";

const removeSchema = z.object({ actionId: z.uuid({ error: "case.choiceInvalid" }) });

/** The responsible party adds an action to its plan (`intent` add) or removes one (`intent` remove) while the plan is required. */
export async function action(args: ActionFunctionArgs) {
  const { c, can, user, form } = await caseAction(args);
  const refused = refusal(can.changePlan);
  if (refused) return failed(refused);
  let change: PlanChange;
  const intent = form.get("intent");
  if (intent === "add") {
    const parsed = parseForm(planActionSchema, form);
    if (!parsed.ok) return badForm(parsed.fieldErrors);
    change = { add: parsed.data };
  } else if (intent === "remove") {
    const parsed = parseForm(removeSchema, form);
    if (!parsed.ok) return badForm(parsed.fieldErrors);
    change = { remove: parsed.data.actionId };
  } else throw new Response("Bad Request", { status: 400 });
  return answer(await changePlan(args.context.db, c, change, user), () => "case.planChanged");
}
