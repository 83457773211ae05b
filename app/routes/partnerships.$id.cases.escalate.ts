import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { escalatingParty, verdictFor } from "~/domain/case-capabilities";
import { escalationSchema } from "~/forms/case";
import { parseForm } from "~/forms/parse";
import { openingAction } from "~/http/case-action.server";
import { badForm, failed } from "~/http/result.server";
import { openCase } from "~/services/cases.server";

/**
 * 004 §5.8: one action takes a disagreement in a cooperation group to the steering group, raised by
 * the party the member has a say for in that group; the cases page then says it was escalated.
 */
export async function action(args: ActionFunctionArgs) {
  const opening = await openingAction(args, (can, form) => verdictFor(can.escalate, String(form.get("groupId") ?? "")));
  const { partnershipId, facts, today, user, form, refused, deps, locale } = opening;
  if (refused) return failed(refused);
  const parsed = parseForm(escalationSchema, form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  const { groupId, title, description } = parsed.data;
  const input = { kind: "dispute" as const, stage: "steering", fromGroupId: groupId, raisedByParty: escalatingParty(facts, groupId, today), title, description };
  const created = await openCase(deps, partnershipId, input, user, locale);
  if (!created.ok) return failed(created);
  return redirect(`/partnerships/${partnershipId}/cases?escalated=${created.value.id}`);
}
