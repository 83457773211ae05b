import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { sql as raw } from "drizzle-orm";
import { createDb, POOL_SIZE, type Db } from "../../db/client";
import { locateDatabase } from "../../db/database";
import { runMigrations } from "../../db/migrate";
import { seedDemoIfEmpty } from "../../db/seed/demo";
import { DocumentRegistry } from "../../realtime/registry";
import { postgresRelay, redisRelay } from "../../realtime/relay";
import { postgresMinutesStore } from "../../realtime/store";
import { createRealtimeEndpoint } from "../../realtime/upgrade";
import { httpUrl, type Config } from "../config.server";
import { startJobs } from "../jobs/runner.server";
import { realtimeAccess } from "../services/realtime-access.server";
import { bodyLimit, decodablePath, originCheck, refuse, sameOrigin } from "./guards.server";
import { answerOutages, answerUnavailable, requestTimeout, watchDatabase, withTimeout } from "./outage.server";
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
/** Connections appending live minutes' updates; each document writes one batch at a time. */
const MINUTES_LOG_POOL = 2;
/** How long stopping waits for requests being answered before it cuts them off. */
const DRAIN_MS = 5000;

/** Migrations, then demo data into an empty database when the configuration asks; true when seeded. */
export async function prepareDatabase(db: Db, config: Config): Promise<boolean> {
  await runMigrations(db);
  return config.seedDemo ? await seedDemoIfEmpty(db) : false;
}

export interface StartOptions {
  onQuery?: (query: string) => void;
  /** A worker of a cluster: the primary has already migrated and seeded the database. */
  databaseReady?: boolean;
}

/** Database, migrations, demo data, then one HTTP server for pages, health and realtime. */
export async function startSamrad(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const database = await locateDatabase(config);
  const { db, sql } = createDb(database.url, { onQuery: options.onQuery });
  const seeded = options.databaseReady ? false : await prepareDatabase(db, config);

  const app = express();
  app.disable("x-powered-by");
  // Requests being answered: stopping waits for them, not for the live minutes' sockets, which the
  // server also counts as its connections and which only the realtime endpoint closes.
  let answering = 0;
  app.use((_req, res, next) => {
    answering++;
    res.once("close", () => answering--);
    next();
  });
  app.set("trust proxy", config.trustProxy);
  const server = createServer(app);

  const vite = config.useBuild ? undefined : await startViteDev(server);

  const selectOne = () => db.execute(raw`select 1`);
  // After an outage every pooled connection must answer (one left to a killed server fails on its
  // next query) before pages are served again: a dead one then fails here, not on a visitor.
  const availability = watchDatabase(() => Promise.all(Array.from({ length: POOL_SIZE }, selectOne)));
  // Asks the database every time (the statement timeout and this bound keep it under 3 s).
  app.get("/healthz", async (_req, res) => {
    try {
      await withTimeout(selectOne(), 2000);
      res.json({ status: "ok", db: "ok" });
    } catch (error) {
      availability.failed(error);
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

  const relay = config.redisUrl ? redisRelay(config.redisUrl) : postgresRelay(sql);
  const minutesLog = createDb(database.url, { max: MINUTES_LOG_POOL, onQuery: options.onQuery });
  const registry = new DocumentRegistry(postgresMinutesStore(db, minutesLog.db), relay);
  await registry.start();
  const deps: AppDeps = { db, config, minutes: registry };
  app.use(decodablePath, requestTimeout(availability), availability.refuseWhileDown, bodyLimit, originCheck(config), sessionContext(deps));
  const build = vite
    ? () => (vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>).then((build) => answerOutages(build, availability))
    : answerOutages(await import(path.join(BUILD_DIR, "server/index.js")), availability);
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: config.isProduction ? "production" : "development",
      getLoadContext: (_req, res) => ({ ...res.locals.context, cspNonce: res.locals.cspNonce }),
    }),
  );
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.writableEnded) return; // already answered, e.g. with 503 when it took too long
    if (res.headersSent) {
      console.error(error);
      return void res.destroy(); // half an answer: the client must not take it for a whole one
    }
    if (availability.failed(error)) return answerUnavailable(req, res);
    console.error(error);
    refuse(res, 500, "Något gick fel. Försök igen om en stund.");
  });

  const realtime = createRealtimeEndpoint({
    registry,
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
  const jobs = config.jobs ? await startJobs({ db, sql, databaseUrl: database.url, config, publicUrl: config.publicUrl ?? httpUrl(config.host, port) }) : undefined;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const deadline = Date.now() + DRAIN_MS; answering > 0 && Date.now() < deadline; ) await sleep(20);
      server.closeAllConnections();
      availability.stop();
      await jobs?.stop();
      await realtime.close();
      await stopped;
      await vite?.close();
      await Promise.all([sql.end({ timeout: 5 }), minutesLog.sql.end({ timeout: 5 })]);
      await database.stop();
    })());

  return { url: httpUrl(config.host, port), seeded, server, close, minutesLoaded: () => deps.minutes.loadedCount };
}
