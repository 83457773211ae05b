import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { parseForm } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { badForm, done } from "~/http/result.server";
import { markRead } from "~/services/notify.server";

const schema = z.object({
  id: z.coerce.number({ error: "form.numberInvalid" }).int("form.numberInvalid").positive("form.numberInvalid").max(Number.MAX_SAFE_INTEGER, "form.numberInvalid").optional(),
  all: z.literal("1").optional(),
});

/** Marks one of the user's own notifications read, or all of them; another user's id changes nothing. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const parsed = parseForm(schema, await readForm(request));
  if (!parsed.ok || (!parsed.data.id && !parsed.data.all)) return badForm(parsed.ok ? { id: "form.required" } : parsed.fieldErrors);
  await markRead(context.db, user.id, parsed.data.all ? "all" : [parsed.data.id!]);
  return done("todo.marked");
}
