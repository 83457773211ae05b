import type { NextFunction, Request, Response } from "express";

export const MAX_BODY_BYTES = 1024 * 1024;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A small Swedish page for refusals that happen before Remix sees the request. */
export function refuse(res: Response, status: number, message: string) {
  res
    .status(status)
    .type("html")
    .send(`<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${message}</title></head><body><main><h1>${message}</h1><p><a href="/">Till Samråd</a></p></main></body></html>`);
}

/** Refuses bodies over 1 MB by their declared length, and streamed bodies once they pass it. */
export function bodyLimit(req: Request, res: Response, next: NextFunction) {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    res.setHeader("Connection", "close");
    return refuse(res, 413, "Förfrågan är för stor (högst 1 MB).");
  }
  if (req.headers["transfer-encoding"] && !req.headers["content-length"]) {
    return refuse(res, 411, "Förfrågan saknar längduppgift.");
  }
  next();
}

/**
 * CSRF defence from the Lucia guide: a state-changing request must carry an Origin
 * header naming this very host. SameSite=Lax cookies are the second layer.
 */
export function originCheck(trustProxy: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (!sameOrigin(req.headers.origin, hostOf(req, trustProxy))) {
      return refuse(res, 403, "Förfrågan kom från en annan webbplats och har stoppats.");
    }
    next();
  };
}

export function hostOf(req: { headers: Record<string, string | string[] | undefined> }, trustProxy: boolean) {
  const forwarded = trustProxy ? req.headers["x-forwarded-host"] : undefined;
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? req.headers.host;
  return typeof host === "string" ? host : undefined;
}

export function sameOrigin(origin: string | string[] | undefined, host: string | undefined): boolean {
  if (typeof origin !== "string" || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
