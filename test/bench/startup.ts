/**
 * Start-up benchmark: how long from spawning the production server until /healthz is 200.
 *
 *   cold: an empty DATA_DIR, so the time includes initdb of the embedded PostgreSQL,
 *         migrations and demo seeding (one argon2 hash);
 *   warm: the same DATA_DIR again, 3 times: PostgreSQL start and a no-op migrate/seed.
 *
 * Budgets: cold < 15 s, warm < 5 s (each run, so the max counts).
 * Run: npx tsx test/bench/startup.ts   (BENCH_STRICT=1 makes a missed budget exit 1)
 */
import {
  budget,
  type BenchServer,
  ensureBuild,
  exitCode,
  fmtS,
  installWatchdog,
  isAborting,
  makeDataDir,
  removeDataDir,
  startServer,
  stopServer,
} from "./lib";

const WARM_RUNS = 3;
const COLD_BUDGET_MS = 15_000;
const WARM_BUDGET_MS = 5_000;

// 1 cold + 3 warm starts of up to 60 s each, plus stops: anything longer is a hang.
installWatchdog(5 * 60_000);
ensureBuild();

/** "5.47 s (server itself 3.10 s, Node + tsx + imports 2.37 s)" */
function timing(server: BenchServer): string {
  const own = server.selfReportedMs;
  if (own === undefined) return fmtS(server.readyMs);
  return `${fmtS(server.readyMs)}  (server itself ${fmtS(own)}, Node + tsx + imports ${fmtS(server.readyMs - own)})`;
}

const dataDir = await makeDataDir();
console.log(`Startup benchmark (NODE_ENV=production, SEED_DEMO=1, DATA_DIR=${dataDir})`);

let failed = false;
try {
  const cold = await startServer(dataDir);
  console.log(`cold start:     ${timing(cold)}`);
  console.log(`  stopped in    ${fmtS(await stopServer(cold))}`);

  const warm: number[] = [];
  for (let i = 1; i <= WARM_RUNS; i++) {
    const server = await startServer(dataDir);
    warm.push(server.readyMs);
    console.log(`warm restart ${i}: ${timing(server)}`);
    console.log(`  stopped in    ${fmtS(await stopServer(server))}`);
  }
  const warmMax = Math.max(...warm);
  console.log(`warm restart max: ${fmtS(warmMax)}`);

  console.log("");
  budget("cold start", cold.readyMs, COLD_BUDGET_MS, fmtS);
  budget("warm restart (max)", warmMax, WARM_BUDGET_MS, fmtS);
} catch (error) {
  failed = true;
  if (!isAborting()) console.error(error);
} finally {
  await removeDataDir(dataDir);
}

process.exit(exitCode(failed));
