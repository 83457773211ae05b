import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { skipTurnVerdict } from "~/domain/capabilities";
import { turnIndexField } from "~/forms/input";
import { parseForm } from "~/forms/parse";
import { answer, badForm, failed, groupAction, refusal } from "~/http/result.server";
import { addOverride } from "~/services/groups.server";

const skipSchema = z.object({ turnIndex: turnIndexField, reason: z.string().trim().min(1, "form.required").max(1000, "form.tooLong") });

/** The party holding the turn in force or the next one passes it over, with its reason, or a coordinator records it. */
export async function action(args: ActionFunctionArgs) {
  const { access, user, form, facts, rotation, today, refused } = await groupAction(args, "skipTurn");
  if (refused) return failed(refused);
  const parsed = parseForm(skipSchema, form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  const refusedTurn = refusal(skipTurnVerdict(facts, rotation, today, parsed.data.turnIndex));
  if (refusedTurn) return failed({ ...refusedTurn, field: "turnIndex" });
  return answer(await addOverride(args.context.db, access.group.id, parsed.data, user), () => "rotation.skipped");
}
