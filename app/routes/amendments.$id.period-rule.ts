import type { ActionFunctionArgs } from "@remix-run/node";
import { amendmentAction, answer, failed } from "~/http/result.server";
import { applyPeriodRule } from "~/services/amendments.server";

/** Brings a valid amendment's period rule into force for the partnership, once. */
export async function action(args: ActionFunctionArgs) {
  const m = await amendmentAction(args, "applyPeriodRule");
  if (m.refused) return failed(m.refused);
  return answer(await applyPeriodRule(args.context.db, m.amendment.id, m.user), () => "amendment.applied");
}
