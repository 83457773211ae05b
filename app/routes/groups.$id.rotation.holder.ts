import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { turnIndexField } from "~/forms/input";
import { parseForm } from "~/forms/parse";
import { answer, badForm, failed, groupAction } from "~/http/result.server";
import { nameHolder } from "~/services/groups.server";

const holderSchema = z.object({ turnIndex: turnIndexField, userId: z.uuid({ error: "form.required" }) });

/** The party holding the turn in force names the person who holds it for the party (or a coordinator does). */
export async function action(args: ActionFunctionArgs) {
  const { access, user, form, rotation, refused } = await groupAction(args, "nameHolder");
  if (refused) return failed(refused);
  const parsed = parseForm(holderSchema, form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  // Allowed only while a turn is in force.
  const turn = rotation!.holder!.turn;
  return answer(await nameHolder(args.context.db, access.group.id, turn, parsed.data, user), () => "rotation.personNamed");
}
