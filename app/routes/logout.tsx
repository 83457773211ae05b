import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearedSessionCookie } from "~/auth/cookie";
import { invalidateSession } from "~/auth/session.server";
import { audit } from "~/services/audit.server";

export async function action({ context }: ActionFunctionArgs) {
  if (context.session) {
    await invalidateSession(context.db, context.session.id);
    await audit(context.db, { actorId: context.session.userId, action: "auth.logout", subject: `user:${context.session.userId}` });
  }
  return redirect("/login?loggedOut=1", {
    headers: { "Set-Cookie": clearedSessionCookie(context.config.isProduction) },
  });
}

export function loader() {
  return redirect("/");
}
