import type { NextFunction, Request, Response } from "express";
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import type { Config } from "../config.server";
import { MAX_DOCUMENT_BYTES } from "../domain/document-type";

export const MAX_BODY_BYTES = 1024 * 1024;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A small Swedish page for refusals that happen before Remix sees the request. */
export function refuse(res: Response, status: number, message: string) {
  res
    .status(status)
    .type("html")
    .send(`<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${message}</title></head><body><main><h1>${message}</h1><p><a href="/">Till Samråd</a></p></main></body></html>`);
}

/** A path that does not percent-decode (e.g. `/%E0%A4%A`) is a bad request, not a failure of ours. */
export function decodablePath(req: Request, res: Response, next: NextFunction) {
  try {
    decodeURIComponent(req.path);
  } catch {
    if (req.path.startsWith("/api/")) return void res.status(400).json({ error: "Ogiltig adress." });
    return refuse(res, 400, "Ogiltig adress.");
  }
  next();
}

const DOCUMENT_UPLOAD = /^\/meetings\/[^/]+\/documents\/?$/;
/** Room in an upload's body for the multipart framing and its text fields, besides the file. */
const UPLOAD_FRAMING_BYTES = 64 * 1024;

/** A meeting document's upload: the one body allowed past 1 MB (its route caps the file as it reads it). */
export const isDocumentUpload = (req: Pick<Request, "method" | "path">) => req.method === "POST" && DOCUMENT_UPLOAD.test(req.path);

/** Refuses bodies over 1 MB (a document's upload: over its limit) by their declared length, and streamed bodies once they pass it. */
export function bodyLimit(req: Request, res: Response, next: NextFunction) {
  const declared = Number(req.headers["content-length"] ?? 0);
  const upload = isDocumentUpload(req);
  if (declared > (upload ? MAX_DOCUMENT_BYTES + UPLOAD_FRAMING_BYTES : MAX_BODY_BYTES)) {
    res.setHeader("Connection", "close");
    return refuse(res, 413, upload ? `Filen är för stor (högst ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MB).` : "Förfrågan är för stor (högst 1 MB).");
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
export function originCheck(site: Site) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (!sameOrigin(req, site)) {
      return refuse(res, 403, "Förfrågan kom från en annan webbplats och har stoppats.");
    }
    next();
  };
}

/** What decides this site's origin: PUBLIC_URL, or the request and whether a proxy in front is trusted. */
export type Site = Pick<Config, "publicUrl" | "trustProxy">;

/**
 * The origin this site is reached at: PUBLIC_URL's when set; otherwise the request's scheme (a TLS
 * socket, or X-Forwarded-Proto from a trusted proxy) and host (X-Forwarded-Host likewise, or Host).
 */
export function siteOrigin(req: Pick<IncomingMessage, "headers" | "socket">, site: Site): string | undefined {
  if (site.publicUrl) return site.publicUrl;
  const host = forwarded(req, "x-forwarded-host", site.trustProxy) ?? req.headers.host;
  if (!host) return undefined;
  const scheme = forwarded(req, "x-forwarded-proto", site.trustProxy) ?? ((req.socket as TLSSocket).encrypted ? "https" : "http");
  return `${scheme}://${host}`;
}

/** Whether the request's Origin header names this very site: scheme, host and port. */
export function sameOrigin(req: Pick<IncomingMessage, "headers" | "socket">, site: Site): boolean {
  const { origin } = req.headers;
  const expected = siteOrigin(req, site);
  if (typeof origin !== "string" || !expected) return false;
  try {
    return new URL(origin).origin === new URL(expected).origin;
  } catch {
    return false;
  }
}

/** The first value of a X-Forwarded-* header, only when the proxy that sets it is trusted. */
function forwarded(req: Pick<IncomingMessage, "headers">, name: string, trustProxy: boolean): string | undefined {
  const value = trustProxy ? req.headers[name] : undefined;
  return (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim() || undefined;
}
