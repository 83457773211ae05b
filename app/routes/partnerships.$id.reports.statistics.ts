import type { ActionFunctionArgs } from "@remix-run/node";
import { parseStatistics } from "~/forms/agreement";
import { answer, badForm, failed, partnershipAction } from "~/http/result.server";
import { setStatistics } from "~/services/reports.server";

/** The steering chair's party or the coordinator records the steering group's adopted decision on the statistics every report gives. */
export async function action(args: ActionFunctionArgs) {
  const p = await partnershipAction(args, (can) => can.recordStatisticsDecision);
  if (p.refused) return failed(p.refused);
  const parsed = parseStatistics(p.form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  return answer(await setStatistics(args.context.db, p.id, parsed.data, p.user), () => "report.keysSaved");
}
