import type { ActionFunctionArgs } from "@remix-run/node";
import { parseStatisticKeys } from "~/forms/agreement";
import { answer, badForm, failed, partnershipAction } from "~/http/result.server";
import { setStatisticKeys } from "~/services/reports.server";

/** The steering chair's party or the coordinator chooses the statistics every report gives. */
export async function action(args: ActionFunctionArgs) {
  const p = await partnershipAction(args, (can) => can.chooseStatistics);
  if (p.refused) return failed(p.refused);
  const parsed = parseStatisticKeys(p.form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  return answer(await setStatisticKeys(args.context.db, p.id, parsed.data, p.user), () => "report.keysSaved");
}
