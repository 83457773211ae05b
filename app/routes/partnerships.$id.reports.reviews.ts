import type { ActionFunctionArgs } from "@remix-run/node";
import { reviewSchema } from "~/forms/agreement";
import { parseForm } from "~/forms/parse";
import { answer, badForm, failed, partnershipAction } from "~/http/result.server";
import { reviewAccounts } from "~/services/reports.server";

/** The steering group's review of a report's accounts (000 §9), recorded from its adopted decision. */
export async function action(args: ActionFunctionArgs) {
  const p = await partnershipAction(args, (can) => can.reviewAccounts);
  if (p.refused) return failed(p.refused);
  const parsed = parseForm(reviewSchema, p.form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  return answer(await reviewAccounts(args.context.db, p.id, parsed.data, p.user), () =>
    parsed.data.outcome === "approved" ? "report.accountsApproved" : "report.accountsSentBack",
  );
}
