import type { RequestContext } from "../context";

/** The address links in e-mail and calendars point to: PUBLIC_URL, or the loopback address the server listens on; never the request's Host header. */
export function baseUrl(context: Pick<RequestContext, "siteUrl">): string {
  return context.siteUrl;
}
