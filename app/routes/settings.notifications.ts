import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { isDuty, NOTIFICATION_KINDS, type NotificationKind } from "~/domain/notifications";
import { parseForm } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { badForm, done } from "~/http/result.server";
import { savePreferences } from "~/services/notify.server";

// Duties with a deadline have no choice: they are not in the form and not accepted from it.
const choosable = NOTIFICATION_KINDS.filter((k) => !isDuty(k));
const schema = z.object(Object.fromEntries(choosable.map((k) => [k, z.enum(["immediately", "digest", "off"], { error: "notify.modeInvalid" }).optional()])));

/** The user's own choice of how each kind of notification reaches them by e-mail. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const parsed = parseForm(schema, await readForm(request));
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  await savePreferences(context.db, user.id, parsed.data as Partial<Record<NotificationKind, "immediately" | "digest" | "off">>);
  return done("notify.preferencesSaved");
}
