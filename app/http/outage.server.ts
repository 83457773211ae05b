import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import { isDocumentUpload, refuse } from "./guards.server";

/**
 * Codes that mean the database is not there (down, restarting, frozen, overloaded), as opposed to
 * a query that is wrong: the driver's and the socket's, and PostgreSQL's SQLSTATEs for shutdown,
 * start-up, too many connections, connection failure and statement timeout.
 */
const UNAVAILABLE = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE",
  "CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECTION_ENDED", "CONNECT_TIMEOUT",
  "57P01", "57P02", "57P03", "57014", "53300", "08000", "08001", "08003", "08004", "08006",
]);

/** The code in `error`, or in what it wraps (drizzle puts the driver's error in `cause`), that says the database is unavailable. */
function unavailableCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = String((e as { code?: unknown }).code);
    if (UNAVAILABLE.has(code)) return code;
  }
  return undefined;
}

export const isDatabaseUnavailable = (error: unknown) => unavailableCode(error) !== undefined;

/** `promise`, or an ETIMEDOUT error after `ms`: a frozen database never answers at all. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: "ETIMEDOUT" })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Longest a request may wait for its answer: a frozen database must not hold pages for minutes. */
const REQUEST_TIMEOUT_MS = 10_000;
const UPLOAD_TIMEOUT_MS = 10 * 60_000;
const PROBE_EVERY_MS = 1000;
const PROBE_TIMEOUT_MS = 2000;
const RETRY_AFTER_SECONDS = "5";
const UNAVAILABLE_TEXT = "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.";

export type DatabaseWatch = ReturnType<typeof watchDatabase>;

/**
 * Whether the database answers, as the last query found. Once one finds it unavailable, pages and
 * the API answer 503 at once instead of each waiting for a connection, and `probe` asks every
 * second until the database answers again. /healthz always asks the database itself.
 */
export function watchDatabase(probe: () => Promise<unknown>) {
  let down = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const later = () => {
    if (!stopped) timer = setTimeout(check, PROBE_EVERY_MS).unref();
  };
  const check = () =>
    withTimeout(probe(), PROBE_TIMEOUT_MS).then(() => {
      down = false;
      console.log("[db] Databasen svarar igen.");
    }, later);
  return {
    /** Notes a failure; returns the unavailability code when it is one. */
    failed(error: unknown): string | undefined {
      const code = unavailableCode(error);
      if (code && !down) {
        down = true;
        console.warn(`[db] Databasen svarar inte (${code}): sidor och API svarar 503 tills den svarar igen.`);
        later();
      }
      return code;
    },
    /** Middleware: 503 while the database is known to be away. */
    refuseWhileDown: (req: Request, res: Response, next: NextFunction) => (down ? answerUnavailable(req, res) : next()),
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** The 503 from Express: JSON for the API, otherwise a short Swedish page. */
export function answerUnavailable(req: Request, res: Response) {
  res.setHeader("Retry-After", RETRY_AFTER_SECONDS);
  if (req.path.startsWith("/api/")) res.status(503).json({ error: "service unavailable" });
  else refuse(res, 503, UNAVAILABLE_TEXT);
}

/** Answers 503 to a request still unanswered after REQUEST_TIMEOUT_MS (its late result is dropped), and has the database checked. */
export function requestTimeout(watch: DatabaseWatch) {
  return (req: Request, res: Response, next: NextFunction) => {
    // An upload of up to 25 MB may take minutes on a slow line before the database is even asked.
    const limit = isDocumentUpload(req) ? UPLOAD_TIMEOUT_MS : REQUEST_TIMEOUT_MS;
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      console.warn(`[http] ${req.method} ${req.path}: inget svar inom ${limit / 1000} s, svarar 503`);
      watch.failed(Object.assign(new Error("request timed out"), { code: "ETIMEDOUT" }));
      answerUnavailable(req, res);
    }, limit);
    res.once("close", () => clearTimeout(timer));
    next();
  };
}

/**
 * The build with every loader and action answering a database outage with a thrown 503: Remix
 * sets the status and the error boundary says what happened (also after a client-side
 * navigation); resource routes under /api/ answer JSON.
 */
export function answerOutages(build: ServerBuild, watch: DatabaseWatch): ServerBuild {
  const guard = <A extends { request: globalThis.Request }, R>(handler: (args: A) => R) =>
    async (args: A): Promise<Awaited<R>> => {
      try {
        return await handler(args);
      } catch (error) {
        if (!watch.failed(error)) throw error;
        const headers = { "Retry-After": RETRY_AFTER_SECONDS };
        throw new URL(args.request.url).pathname.startsWith("/api/")
          ? Response.json({ error: "service unavailable" }, { status: 503, headers })
          : new Response(UNAVAILABLE_TEXT, { status: 503, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
      }
    };
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      if (!route) return [id, route];
      const { loader, action } = route.module;
      return [id, { ...route, module: { ...route.module, ...(loader && { loader: guard(loader) }), ...(action && { action: guard(action) }) } }];
    }),
  );
  return { ...build, routes };
}
