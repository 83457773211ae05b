import { redirect } from "@remix-run/node";
import type { RequestContext } from "../context";
import type { SessionUser } from "./session.server";

/** Every protected loader and action starts here; anonymous visitors go to the login page and come back. */
export function requireUser(context: RequestContext, request: Request): SessionUser {
  if (context.user) return context.user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

/** Coordinator-only pages answer 404 to everyone else: they do not even learn the page exists. */
export function requireAdmin(context: RequestContext, request: Request): SessionUser {
  const user = requireUser(context, request);
  if (!user.isAdmin) throw notFound();
  return user;
}

export function notFound() {
  return new Response("Not Found", { status: 404 });
}

/**
 * A member asking for what their capability record refuses them. Page routes render it with their
 * error boundary; a resource route's answer is this body, so it says the same in Swedish.
 */
export function accessDenied() {
  return new Response("Åtkomst nekad.", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
