import type { ActionFunctionArgs } from "@remix-run/node";
import { positionSchema } from "~/forms/decision";
import { parseForm } from "~/forms/parse";
import { answer, badForm, capabilityAction, failed } from "~/http/result.server";
import { requireDecisionCapabilities, statePosition } from "~/services/decisions.server";

/** Whoever speaks for a party states its position: agree, object or abstain, with a reservation. */
export async function action(args: ActionFunctionArgs) {
  const { decision, speaksFor, user, form, refused } = await capabilityAction(args, requireDecisionCapabilities, "statePosition");
  if (refused) return failed(refused);
  const parsed = parseForm(positionSchema, form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  return answer(await statePosition(args.context.db, decision, speaksFor!.partyId, user, parsed.data), () => "decision.stated");
}
