/**
 * The floor of the page benchmark: a bare Remix app (this folder) with Samråd's versions,
 * future flags, document (root layout, header, stylesheet, entry.server) and security headers,
 * whose page loads 20 items and nothing else, and again after n trips to PostgreSQL
 * (/rounds/:n). Built at bench time into test/bench/floor/build and served by its own process
 * like Samråd's (express + @remix-run/express, production build), so a page's throughput
 * divided by the floor's in the same run is what Samråd's own work costs.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { REPO_ROOT, spawnServer } from "../lib";

const FLOOR_DIR = path.join(REPO_ROOT, "test/bench/floor");

/** Builds the floor app and starts its server; its /rounds/:n page queries databaseUrl. Stop it with stopServer. */
export async function startFloor(databaseUrl: string) {
  execFileSync(process.execPath, [path.join(REPO_ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build", FLOOR_DIR], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return spawnServer(path.join(FLOOR_DIR, "server.ts"), { env: { NODE_ENV: "production", DATABASE_URL: databaseUrl } });
}
