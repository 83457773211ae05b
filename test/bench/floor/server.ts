/**
 * Serves the floor app's production build (test/bench/floor/build) the way Samråd serves its
 * own (app/http/server.server.ts): express, the same security headers and static files, and
 * @remix-run/express, but no database, session or guards. PORT and HOST from the environment.
 * Run by test/bench/floor.ts, not by hand.
 */
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext } from "@remix-run/node";
import express from "express";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { securityHeaders } from "../../../app/http/security-headers.server";

const BUILD_DIR = fileURLToPath(new URL("build", import.meta.url));
const site = { publicUrl: undefined, trustProxy: false };

const app = express();
app.disable("x-powered-by");
app.get("/healthz", (_req, res) => void res.json({ status: "ok" }));
app.use(securityHeaders(site));
app.use("/assets", express.static(path.join(BUILD_DIR, "client/assets"), { immutable: true, maxAge: "1y" }));
app.all(
  "*",
  createRequestHandler({
    build: await import(path.join(BUILD_DIR, "server/index.js")),
    mode: "production",
    // The floor's loaders read nothing from the context; entry.server reads the nonce.
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce } as AppLoadContext),
  })
);
app.listen(Number(process.env.PORT), process.env.HOST ?? "127.0.0.1");
// An orderly exit, so that BENCH_CPU_PROF writes this process's profile too.
process.once("SIGTERM", () => process.exit(0));
