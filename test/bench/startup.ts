/**
 * Start-up benchmark, as a newcomer meets it: `npm start` in a fresh clone of this checkout's HEAD.
 *
 *   fresh: no build/ and an empty DATA_DIR, so the time holds the build (remix vite:build), initdb
 *          of the embedded PostgreSQL, migrations and demo seeding (one argon2 hash), until the
 *          login page is served;
 *   warm:  the same clone and DATA_DIR again, 3 times: PostgreSQL start and a no-op build check,
 *          migrate and seed.
 *
 * The clone links this checkout's node_modules, so `npm ci` is not in the figures.
 * Budgets: fresh < 60 s, warm < 5 s (each run, so the max counts).
 * Run: npx tsx test/bench/startup.ts   (BENCH_STRICT=1 makes a missed budget exit 1)
 */
import { spawnSync } from "node:child_process";
import { symlinkSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import {
  budget,
  type BenchServer,
  exitCode,
  fmtS,
  installWatchdog,
  isAborting,
  makeDataDir,
  REPO_ROOT,
  removeDataDir,
  startServer,
  stopServer,
} from "./lib";

const WARM_RUNS = 3;
const FRESH_BUDGET_MS = 60_000;
const WARM_BUDGET_MS = 5_000;

// 1 fresh start (with the build) and 3 warm starts, plus stops: anything longer is a hang.
installWatchdog(6 * 60_000);

/** "5.47 s  (build 3.10 s, server itself 1.20 s, the rest Node + tsx + imports and the page)" */
function timing(server: BenchServer, totalMs: number): string {
  const build = /Bygget klart på ([\d.]+) s/.exec(server.output())?.[1];
  const parts = [build && `build ${build} s`, server.selfReportedMs !== undefined && `server itself ${fmtS(server.selfReportedMs)}`];
  const known = parts.filter(Boolean);
  return known.length ? `${fmtS(totalMs)}  (${known.join(", ")}, the rest Node + tsx + imports and the page)` : fmtS(totalMs);
}

/** Milliseconds from spawn until the login page has been served (it is asked for once /healthz is 200). */
async function pageServed(server: BenchServer): Promise<number> {
  const asked = performance.now();
  const res = await fetch(server.url + "/login");
  if (res.status !== 200) throw new Error(`/login answered ${res.status}:\n${server.output()}`);
  await res.text();
  return server.readyMs + performance.now() - asked;
}

const checkout = await makeDataDir();
const dataDir = await makeDataDir();
const clone = path.join(checkout, "samrad");
const cloned = spawnSync("git", ["clone", "--quiet", REPO_ROOT, clone], { stdio: "inherit" });
if (cloned.status !== 0) throw new Error(`git clone failed (exit ${cloned.status})`);
symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(clone, "node_modules"));
console.log(`Startup benchmark (npm start in a fresh clone ${clone}, DATA_DIR=${dataDir})`);

let failed = false;
try {
  const fresh = await startServer(dataDir, { cwd: clone, timeoutMs: 2 * FRESH_BUDGET_MS });
  const freshMs = await pageServed(fresh);
  console.log(`fresh clone → page: ${timing(fresh, freshMs)}`);
  console.log(`  stopped in    ${fmtS(await stopServer(fresh))}`);

  const warm: number[] = [];
  for (let i = 1; i <= WARM_RUNS; i++) {
    const server = await startServer(dataDir, { cwd: clone });
    warm.push(await pageServed(server));
    console.log(`warm restart ${i}: ${timing(server, warm[i - 1])}`);
    console.log(`  stopped in    ${fmtS(await stopServer(server))}`);
  }
  const warmMax = Math.max(...warm);
  console.log(`warm restart max: ${fmtS(warmMax)}`);

  console.log("");
  budget("fresh clone to a served page, build included", freshMs, FRESH_BUDGET_MS, fmtS);
  budget("warm restart (max)", warmMax, WARM_BUDGET_MS, fmtS);
} catch (error) {
  failed = true;
  if (!isAborting()) console.error(error);
} finally {
  await removeDataDir(dataDir);
  await removeDataDir(checkout);
}

process.exit(exitCode(failed));
