import type { Db } from "../db/client";
import type { LiveMinutes } from "./live-minutes";
import type { Locale } from "../db/schema";
import type { Session, SessionUser } from "./auth/session.server";
import type { Config } from "./config.server";

/** What server.ts hands every loader and action: the request's user is already validated. */
export interface RequestContext {
  db: Db;
  config: Config;
  /** Live minutes documents, for changes the server makes to them (e.g. a new agenda item's section). */
  minutes: LiveMinutes;
  user: SessionUser | null;
  /** The user's unread notifications, for the header. */
  unread: number;
  session: Session | null;
  locale: Locale;
  clientIp: string;
  /** This site's origin for links that leave the page (e-mail, calendars): see baseUrl. */
  siteUrl: string;
}

declare module "@remix-run/node" {
  interface AppLoadContext extends RequestContext {
    /** This response's Content-Security-Policy nonce; none in development (Vite). */
    cspNonce?: string;
  }
}
