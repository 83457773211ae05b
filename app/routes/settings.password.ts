import type { ActionFunctionArgs } from "@remix-run/node";
import { changePassword } from "~/auth/account.server";
import { requireUser } from "~/auth/guards.server";
import { changePasswordSchema } from "~/forms/auth";
import { parseForm } from "~/forms/parse";
import { baseUrl } from "~/http/base-url.server";
import { readForm } from "~/http/form.server";
import { answer, badForm } from "~/http/result.server";

/** The user changes their own password with the current one; their other sessions end, this one stays. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const parsed = parseForm(changePasswordSchema, await readForm(request));
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  const { current, password } = parsed.data;
  const result = await changePassword(context.db, { user, sessionId: context.session!.id, current, password, ip: context.clientIp, baseUrl: baseUrl(context) });
  return answer(result, () => "account.changed");
}
