import type { ActionFunctionArgs } from "@remix-run/node";
import { fundsDecisionSchema } from "~/forms/funding";
import { parseForm } from "~/forms/parse";
import { fundsAction } from "~/http/funds.server";
import { answer, badForm, failed } from "~/http/result.server";
import { recordFundsDecision } from "~/services/funding.server";

/** The coordinator records the funds decision a period conditional on funds awaits (004 §5.1). */
export async function action(args: ActionFunctionArgs) {
  const p = await fundsAction(args, { decide: "recordFundsDecision" });
  if (p.refused) return failed(p.refused);
  const parsed = parseForm(fundsDecisionSchema, p.form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  return answer(await recordFundsDecision(args.context.db, p.id, p.partnership.fundsCondition!, parsed.data, p.user), () => "funds.decisionRecorded");
}
