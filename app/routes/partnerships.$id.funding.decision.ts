import type { ActionFunctionArgs } from "@remix-run/node";
import { fundsConditionSchema, fundsDecisionSchema } from "~/forms/funding";
import { parseForm } from "~/forms/parse";
import { fundsAction } from "~/http/funds.server";
import { answer, badForm, failed } from "~/http/result.server";
import { markFundsConditional, recordFundsDecision } from "~/services/funding.server";

/**
 * The coordinator marks the agreement's period as conditional on funds (`condition`), and records the
 * funds decision it then awaits (`decide`) (004 §5.1).
 */
export async function action(args: ActionFunctionArgs) {
  const p = await fundsAction(args, { decide: "recordFundsDecision", condition: "markFundsConditional" });
  if (p.refused) return failed(p.refused);
  if (p.intent === "condition") {
    const parsed = parseForm(fundsConditionSchema, p.form);
    if (!parsed.ok) return badForm(parsed.fieldErrors);
    return answer(await markFundsConditional(args.context.db, p.id, parsed.data, p.user), () => "funds.conditionMarked");
  }
  const parsed = parseForm(fundsDecisionSchema, p.form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  return answer(await recordFundsDecision(args.context.db, p.id, p.partnership.fundsCondition!, parsed.data, p.user), () => "funds.decisionRecorded");
}
