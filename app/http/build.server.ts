import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** What the built app is made from: the code Vite bundles, its configuration and the installed dependencies. */
const SOURCES = ["app", "db", "realtime", "vite.config.ts", "tsconfig.json", "package.json", "package-lock.json", "node_modules/.package-lock.json", "patches"];
const BUILT = path.join("build", "server", "index.js");

/** Newest modification time under `p` (0 when absent); a few hundred stat() calls. */
function newest(p: string): number {
  let stats;
  try {
    stats = statSync(p);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let max = stats.mtimeMs; // a deleted file shows only as its folder's change
  for (const entry of readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

/** Why `build/` must be (re)built, or undefined when it is newer than everything it is made from. */
export function buildOutdated(root: string): string | undefined {
  const built = newest(path.join(root, BUILT));
  if (!built) return "build/ saknas";
  const changed = SOURCES.find((source) => newest(path.join(root, source)) > built);
  return changed && `${changed} är nyare än build/`;
}

/** Runs `remix vite:build` when build/ is missing or older than its sources (production start, benchmarks). */
export function ensureFreshBuild(root = process.cwd()): void {
  const reason = buildOutdated(root);
  if (!reason) return;
  console.log(`${reason}: bygger appen (remix vite:build) …`);
  const started = Date.now();
  const result = spawnSync(path.join(root, "node_modules", ".bin", "remix"), ["vite:build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`remix vite:build misslyckades (${result.error?.message ?? `exit ${result.status}`})`);
  console.log(`Bygget klart på ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
