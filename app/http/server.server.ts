import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { sql as raw } from "drizzle-orm";
import { createDb } from "../../db/client";
import { locateDatabase } from "../../db/database";
import { runMigrations } from "../../db/migrate";
import { seedDemoIfEmpty } from "../../db/seed/demo";
import { DocumentRegistry } from "../../realtime/registry";
import { createRealtimeEndpoint } from "../../realtime/upgrade";
import { httpUrl, type Config } from "../config.server";
import { realtimeAccess } from "../services/realtime-access.server";
import { bodyLimit, originCheck, refuse, sameOrigin } from "./guards.server";
import { securityHeaders } from "./security-headers.server";
import { resolveRequestContext, sessionContext, type AppDeps } from "./session.server";
import { browserModulesOnly, startViteDev } from "./vite-dev.server";

export interface RunningServer {
  url: string;
  seeded: boolean;
  server: Server;
  close: () => Promise<void>;
  /** How many minutes documents are in memory (they unload when their last editor leaves). */
  minutesLoaded: () => number;
}

const BUILD_DIR = path.resolve("build");

/** Database, migrations, demo data, then one HTTP server for pages, health and realtime. */
export async function startSamrad(config: Config, hooks: { onQuery?: (query: string) => void } = {}): Promise<RunningServer> {
  const database = await locateDatabase(config);
  const { db, sql } = createDb(database.url, { onQuery: hooks.onQuery });
  await runMigrations(db);
  const seeded = config.seedDemo ? await seedDemoIfEmpty(db) : false;

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  const server = createServer(app);

  const vite = config.useBuild ? undefined : await startViteDev(server);

  app.get("/healthz", async (_req, res) => {
    try {
      await Promise.race([db.execute(raw`select 1`), timeout(2000)]);
      res.json({ status: "ok", db: "ok" });
    } catch {
      res.status(503).json({ status: "error", db: "unreachable" });
    }
  });

  if (vite) {
    app.use(browserModulesOnly(vite));
  } else {
    app.use(securityHeaders(config));
    app.use("/assets", express.static(path.join(BUILD_DIR, "client/assets"), { immutable: true, maxAge: "1y" }));
    // Only paths that look like files reach the disk; pages skip the stat() calls.
    const files = express.static(path.join(BUILD_DIR, "client"), { maxAge: "1h", index: false });
    app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? files(req, res, next) : next()));
  }

  const deps: AppDeps = { db, config, minutes: new DocumentRegistry(db) };
  app.use(bodyLimit, originCheck(config), sessionContext(deps));
  const build = vite
    ? () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
    : ((await import(path.join(BUILD_DIR, "server/index.js"))) as ServerBuild);
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: config.isProduction ? "production" : "development",
      getLoadContext: (_req, res) => ({ ...res.locals.context, cspNonce: res.locals.cspNonce }),
    }),
  );
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error(error);
    if (!res.headersSent) refuse(res, 500, "Något gick fel. Försök igen om en stund.");
  });

  const realtime = createRealtimeEndpoint({
    registry: deps.minutes,
    access: realtimeAccess(
      db,
      (req) => resolveRequestContext(deps, req),
      (req) => sameOrigin(req, config),
    ),
  });
  server.on("upgrade", (req, socket, head) => {
    if (req.url?.startsWith("/realtime/")) return realtime.handleUpgrade(req, socket, head);
    if (!vite) socket.destroy(); // in development Vite's HMR listener takes its own upgrades
  });

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5000).unref();
      });
      await realtime.close();
      await vite?.close();
      await sql.end({ timeout: 5 });
      await database.stop();
    })());

  return { url: httpUrl(config.host, port), seeded, server, close, minutesLoaded: () => deps.minutes.loadedCount };
}

function timeout(ms: number) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms).unref());
}
