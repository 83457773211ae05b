import cluster, { type Worker } from "node:cluster";
import { createDb } from "../../db/client";
import { locateDatabase } from "../../db/database";
import type { Config } from "../config.server";
import { prepareDatabase } from "./server.server";

/** What a worker tells the primary once it listens. */
interface Listening {
  samrad: "listening";
  url: string;
}

const isListening = (message: unknown): message is Listening =>
  typeof message === "object" && message !== null && (message as Listening).samrad === "listening";

export interface RunningCluster {
  url: string;
  seeded: boolean;
  close: () => Promise<void>;
}

/** How long a worker may take to finish its requests and sockets before it is killed. */
const STOP_GRACE_MS = 15_000;
/** A worker that dies on its own is replaced after this pause, so a crash loop does not spin. */
const RESTART_DELAY_MS = 1000;

/**
 * The primary of `config.workers` processes sharing one port (node's cluster module hands each
 * connection to a worker in turn). It alone starts the embedded database, migrates and seeds, so
 * workers never race on a migration; worker 0 alone runs the job runner (the queue would keep
 * jobs single anyway, but one poller is enough). Live minutes need no help here: every worker is
 * an instance that relays through Redis or PostgreSQL (decision 025).
 */
export async function startCluster(config: Config): Promise<RunningCluster> {
  const database = await locateDatabase(config);
  const { db, sql } = createDb(database.url);
  const seeded = await prepareDatabase(db, config).finally(() => sql.end());

  let closing = false;
  const workers = new Map<number, Worker>();
  const fork = (index: number): Promise<string> => {
    const worker = cluster.fork({
      DATABASE_URL: database.url,
      JOBS: index === 0 && config.jobs ? "on" : "off",
    });
    workers.set(index, worker);
    worker.on("exit", (code, signal) => {
      if (closing || workers.get(index) !== worker) return;
      console.error(`[samråd] process ${index + 1} stopped (${signal ?? `exit ${code}`}); starting a new one`);
      setTimeout(() => {
        if (!closing) fork(index).catch((error) => console.error("[samråd] could not restart a process", error));
      }, RESTART_DELAY_MS);
    });
    return new Promise((resolve, reject) => {
      worker.on("message", (message) => isListening(message) && resolve(message.url));
      worker.once("exit", (code) => reject(new Error(`process ${index + 1} exited (${code}) before it listened`)));
    });
  };

  const stopWorker = (worker: Worker) =>
    new Promise<void>((resolve) => {
      if (worker.isDead()) return resolve();
      const kill = setTimeout(() => worker.process.kill("SIGKILL"), STOP_GRACE_MS);
      worker.once("exit", () => (clearTimeout(kill), resolve()));
      worker.process.kill("SIGTERM");
    });
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      closing = true;
      await Promise.all([...workers.values()].map(stopWorker));
      await database.stop();
    })());

  try {
    const [url] = await Promise.all(Array.from({ length: config.workers }, (_, index) => fork(index)));
    return { url, seeded, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** In a worker: tell the primary where we listen, and stop when the primary is gone. */
export function reportToPrimary(url: string, stop: () => void) {
  process.send?.({ samrad: "listening", url } satisfies Listening);
  process.once("disconnect", stop);
}
