import cluster from "node:cluster";
import { ConfigError, readConfig, type Config } from "./app/config.server";
import { ensureFreshBuild } from "./app/http/build.server";
import { reportToPrimary, startCluster } from "./app/http/cluster.server";
import { assertPortFree } from "./app/http/port.server";
import { startSamrad } from "./app/http/server.server";
import { DEMO_PASSWORD } from "./db/seed/agreements";
import { demoLogins } from "./db/seed/demo";

// A stray rejection is a bug to log, not a reason to take every meeting's minutes down with it.
process.on("unhandledRejection", (reason) => console.error("[samråd] unhandled rejection", reason));

/** Past this a stop that hangs (a socket, the database) ends the process anyway. */
const STOP_DEADLINE_MS = 30_000;

/** A setting Samråd cannot start with ends the process with what to change, not a stack trace. */
function refuseToStart(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Samråd startar inte: ${error.message}`);
  process.exit(1);
}

let config: Config;
try {
  config = readConfig();
} catch (error) {
  refuseToStart(error);
}

if (cluster.isWorker) {
  // One of the primary's processes: it has prepared the database and prints the banner.
  const samrad = await startSamrad(config, { databaseReady: true });
  const stop = () => samrad.close().then(() => process.exit(0), exitWithError);
  reportToPrimary(samrad.url, stop);
  stopOnSignals(stop);
} else {
  // Before anything starts: a second `npm start` on a taken port must not touch the database.
  await assertPortFree(config.host, config.port, "PORT").catch(refuseToStart);
  // Tests build once for the whole run (npm test); production builds here when the sources changed.
  if (config.isProduction) ensureFreshBuild();
  const started = Date.now();
  const samrad = await (config.workers > 1 ? startCluster(config) : startSamrad(config)).catch(refuseToStart);
  const processes = config.workers > 1 ? ` med ${config.workers} processer` : "";
  console.log(`Samråd är igång på ${samrad.url}${processes} (${Date.now() - started} ms)`);
  if (samrad.seeded) console.log("Demodata från de fyra överenskommelserna har lagts in.");
  if (config.seedDemo) {
    console.log(`Demokonton (lösenord ${DEMO_PASSWORD}): ${demoLogins().join(", ")}`);
  }
  stopOnSignals((signal) => {
    console.log(`${signal}: stänger ner…`);
    samrad.close().then(() => process.exit(0), exitWithError);
  });
}

function stopOnSignals(stop: (signal: NodeJS.Signals) => void) {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    // Kept after the first: one Ctrl-C often arrives twice (the terminal signals the whole group and
    // tsx relays it), and a signal nobody handles would end the process before it stopped its database.
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      setTimeout(() => exitWithError(new Error(`${signal}: still stopping after ${STOP_DEADLINE_MS / 1000} s; exiting`)), STOP_DEADLINE_MS).unref();
      stop(signal);
    });
  }
}

function exitWithError(error: unknown) {
  console.error(error);
  process.exit(1);
}
