import type { RequestContext } from "../context";

/** The address links in e-mail and calendars point to: PUBLIC_URL, or the origin the request came to. */
export function baseUrl(context: RequestContext, request: Request): string {
  return (context.config.publicUrl ?? new URL(request.url).origin).replace(/\/$/, "");
}
