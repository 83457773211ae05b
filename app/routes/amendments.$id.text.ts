import type { ActionFunctionArgs } from "@remix-run/node";
import { parseAmendment } from "~/forms/agreement";
import { amendmentAction, badForm, done, failed } from "~/http/result.server";
import { editAmendment } from "~/services/amendments.server";

/** Changes a draft's title, text and period rule, voiding the signatures made so far. */
export async function action(args: ActionFunctionArgs) {
  const m = await amendmentAction(args, "edit");
  if (m.refused) return failed(m.refused);
  const parsed = parseAmendment(m.form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  // The appendix is chosen when the draft is written; an edit keeps it.
  const input = { ...parsed.data, appendixId: m.amendment.appendixId };
  const result = await editAmendment(args.context.db, m.amendment.id, input, m.user, args.context.siteUrl);
  if (!result.ok) return failed(result);
  const { voided } = result.value;
  return voided ? done("amendment.editedVoided", undefined, { count: voided }) : done("amendment.edited");
}
