import type { ActionFunctionArgs } from "@remix-run/node";
import { answer, capabilityAction, failed } from "~/http/result.server";
import { closeDecision, requireDecisionCapabilities } from "~/services/decisions.server";

/** The convener closes a meeting's decision, or records a proposal per capsulum at the next held meeting. */
export async function action(args: ActionFunctionArgs) {
  const m = await capabilityAction(args, requireDecisionCapabilities, { close: "close", record: "recordPerCapsulum" });
  if (m.refused) return failed(m.refused);
  const event = m.intent === "close" ? "close" : "record";
  return answer(await closeDecision(args.context.db, m.decision, m.access, m.user, event, args.context.siteUrl), () => (event === "close" ? "decision.closed.done" : "decision.recordedPc"));
}
