import type { ActionFunctionArgs } from "@remix-run/node";
import { forParty } from "~/domain/partnership-capabilities";
import { parseReport } from "~/forms/agreement";
import { reportYearOf } from "~/http/report-year.server";
import { answer, badForm, failed, partnershipAction } from "~/http/result.server";
import { fileReport, reportingRuleOf } from "~/services/reports.server";

/** An idea-based party files (or corrects) its yearly report for `?year=`. */
export async function action(args: ActionFunctionArgs) {
  const p = await partnershipAction(args, (can, form) => forParty(can.fileReport, String(form.get("partyId"))));
  if (p.refused) return failed(p.refused);
  const year = reportYearOf(args.request, p.today);
  const parsed = parseReport(p.form, await reportingRuleOf(args.context.db, p.id));
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  return answer(await fileReport(args.context.db, p.id, String(p.form.get("partyId")), year, parsed.data, p.user), () => "report.filed");
}
