import type { ActionFunctionArgs } from "@remix-run/node";
import { accusableParties, speakingParties } from "~/domain/case-capabilities";
import { shortcomingSchema } from "~/forms/case";
import { parseForm } from "~/forms/parse";
import { opened, openingAction } from "~/http/case-action.server";
import { badForm, failed } from "~/http/result.server";

/** A party reports another party's shortcoming (004 §5.4); the coordinator reports any party's. */
export async function action(args: ActionFunctionArgs) {
  const opening = await openingAction(args, (can) => can.reportShortcoming);
  const { facts, today, form, refused } = opening;
  if (refused) return failed(refused);
  const parsed = parseForm(shortcomingSchema, form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  const { concernsParty, commitment, description, evidence } = parsed.data;
  if (!accusableParties(facts, today).includes(concernsParty)) return badForm({ concernsParty: "case.partyRequired" });
  const raisedByParty = speakingParties(facts, today)[0] ?? null;
  return opened(opening, { kind: "shortcoming", title: commitment, description, raisedByParty, concernsParty, commitment, evidence });
}
