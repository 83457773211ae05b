import type { NextFunction, Request, Response } from "express";
import Negotiator from "negotiator";
import type { Db } from "../../db/client";
import type { LiveMinutes } from "../live-minutes";
import { clearedSessionCookie, LANG_COOKIE, readCookie, SESSION_COOKIE, sessionCookie } from "../auth/cookie";
import { validateSessionToken } from "../auth/session.server";
import { httpUrl, type Config } from "../config.server";
import type { RequestContext } from "../context";
import { isLocale, LOCALES } from "../i18n";

/**
 * Validates the session cookie once per request and builds the context every loader,
 * action and socket reads. An unknown, forged or expired cookie means "logged out"
 * and is cleared; a session in its last half is extended and its cookie refreshed.
 */
export function sessionContext(deps: AppDeps) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.context = await resolveRequestContext(deps, req, res);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The process-wide parts every request context carries. */
export interface AppDeps {
  db: Db;
  config: Config;
  minutes: LiveMinutes;
}

export async function resolveRequestContext(
  { db, config, minutes }: AppDeps,
  req: Pick<Request, "headers" | "socket">,
  res?: Pick<Response, "append">,
): Promise<RequestContext> {
  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  const found = token ? await validateSessionToken(db, token) : null;
  if (token && !found) res?.append("Set-Cookie", clearedSessionCookie(config.isProduction));
  if (token && found?.renewed) res?.append("Set-Cookie", sessionCookie(token, found.session.expiresAt, config.isProduction));
  const langCookie = readCookie(req.headers.cookie, LANG_COOKIE);
  const preferred = new Negotiator({ headers: req.headers }).language([...LOCALES]);
  const locale = found?.user.locale ?? (isLocale(langCookie) ? langCookie : isLocale(preferred) ? preferred : "sv");
  return {
    db,
    config,
    minutes,
    user: found?.user ?? null,
    unread: found?.unread ?? 0,
    session: found?.session ?? null,
    locale,
    clientIp: clientIp(req, config.trustProxy),
    // Without PUBLIC_URL the server listens on loopback only (readConfig), so its own address is the site's.
    siteUrl: config.publicUrl ?? httpUrl(config.host, req.socket.localPort ?? config.port),
  };
}

function clientIp(req: Pick<Request, "headers" | "socket">, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers["x-forwarded-for"] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first || req.socket.remoteAddress || "unknown";
}
