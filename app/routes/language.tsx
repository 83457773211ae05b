import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { langCookie } from "~/auth/cookie";
import { localPath } from "~/forms/auth";
import { parseForm } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { LOCALES } from "~/i18n";

const schema = z.object({
  locale: z.enum(LOCALES),
  redirectTo: localPath,
});

/** Stores the chosen language on the account (or in a cookie before login) and goes back. */
export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(schema, await readForm(request));
  if (!parsed.ok) throw new Response("Bad Request", { status: 400 });
  const { locale, redirectTo } = parsed.data;
  if (context.user) await context.db.update(users).set({ locale }).where(eq(users.id, context.user.id));
  return redirect(redirectTo, { headers: { "Set-Cookie": langCookie(locale, context.config.isProduction) } });
}

export function loader() {
  return redirect("/");
}
