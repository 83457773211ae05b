import type { NextFunction, Request, Response } from "express";
import { randomBytes } from "node:crypto";
import type { Config } from "../config.server";
import { siteOrigin } from "./guards.server";

/**
 * Headers for the built app (production and test; Vite's development pages inject scripts of their
 * own). Scripts run only from this site or inline with this response's nonce, which Remix's
 * <Scripts> and <ScrollRestoration> carry (entry.server, root). Styles may be inline: the editor
 * (Tiptap) and React's style props set style attributes. The live minutes' socket is same-origin;
 * it is named explicitly for browsers whose 'self' does not cover ws(s).
 */
export function securityHeaders(config: Pick<Config, "publicUrl" | "trustProxy">) {
  const hsts = config.publicUrl?.startsWith("https:");
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const origin = siteOrigin(req, config);
    // The origin may come from the Host header: only a well-formed one goes into the policy.
    const socket = origin && /^https?:\/\/[\w.:[\]-]+$/.test(origin) ? origin.replace(/^http/, "ws") : undefined;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        `connect-src 'self'${socket ? ` ${socket}` : ""}`,
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    if (hsts) res.setHeader("Strict-Transport-Security", "max-age=31536000");
    next();
  };
}
