import type { ActionFunctionArgs } from "@remix-run/node";
import { mayCompleteFollowUp } from "~/domain/partnership-capabilities";
import { followUpOutcomeSchema, outcomeValues } from "~/forms/follow-up";
import { parseForm } from "~/forms/parse";
import { badForm, done, failed, partnershipAction, refusal } from "~/http/result.server";
import { findFollowUp, recordOutcome } from "~/services/follow-ups.server";
import { isUuid } from "~/services/access.server";
import { invalid } from "~/services/result";

/** What a follow-up found, recorded by whoever plans follow-ups or by its lead; a yearly one is planned again. */
export async function action(args: ActionFunctionArgs) {
  const { db } = args.context;
  const p = await partnershipAction(args, () => true);
  if (p.refused) return failed(p.refused);
  const id = String(p.form.get("followUpId") ?? "");
  const followUp = isUuid(id) ? await findFollowUp(db, p.id, id) : null;
  if (!followUp) return failed(invalid("followUp.choiceInvalid", "followUpId"));
  const refused = refusal(mayCompleteFollowUp(p.can, p.user.id, followUp));
  if (refused) return failed(refused);
  const parsed = parseForm(followUpOutcomeSchema, outcomeValues(p.form));
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  const result = await recordOutcome(db, p.id, parsed.data, p.user);
  if (!result.ok) return failed(result);
  return result.value.next ? done("followUp.savedOutcomeNext", undefined, { date: result.value.next }) : done("followUp.savedOutcome");
}
