import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { dateField } from "~/forms/input";
import { parseForm } from "~/forms/parse";
import { answer, badForm, failed, groupAction } from "~/http/result.server";
import { setRotation } from "~/services/groups.server";

const rotationSchema = z.object({
  startsOn: dateField,
  unit: z.enum(["months", "meetings"]),
  length: z.coerce.number().int("form.numberInvalid").min(1, "form.numberInvalid").max(60, "form.numberInvalid"),
});

/** A coordinator sets the rotation, as decided at the group's first meeting: the order of the parties and each turn's length. */
export async function action(args: ActionFunctionArgs) {
  const { access, user, form, refused } = await groupAction(args, "setRotation");
  if (refused) return failed(refused);
  const parsed = parseForm(rotationSchema, form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  const order = form.getAll("order").map(String);
  return answer(await setRotation(args.context.db, access.group.id, { ...parsed.data, order }, user), () => "rotation.saved");
}
