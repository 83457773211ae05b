import type { ActionFunctionArgs } from "@remix-run/node";
import { courtRulingSchema } from "~/forms/agreement";
import { parseForm } from "~/forms/parse";
import { badForm, done, failed, partnershipAction } from "~/http/result.server";
import { recordCourtRuling } from "~/services/court-rulings.server";

/** The coordinator records a final ruling that ends the partnership at the year-end (000 §10). */
export async function action(args: ActionFunctionArgs) {
  const p = await partnershipAction(args, (can) => can.recordCourtRuling);
  if (p.refused) return failed(p.refused);
  const parsed = parseForm(courtRulingSchema(p.today), p.form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  const { confirm: _, ...ruling } = parsed.data;
  const recorded = await recordCourtRuling(args.context.db, p.id, ruling, p.user);
  return recorded.ok ? done("court.recorded", undefined, { date: recorded.value.endsOn }) : failed(recorded);
}
