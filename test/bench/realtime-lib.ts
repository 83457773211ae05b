/**
 * Shared helpers for the realtime benchmarks (realtime-fanout.ts, realtime-sockets.ts,
 * realtime-load.ts), on top of lib.ts: the demo Stockholm steering group and its members,
 * bulk-inserted meetings, sessions, connecting y-websocket clients with a deadline, proving
 * that a document was loaded from PostgreSQL (a probe row), per-process RSS, CPU and
 * file-descriptor limits, and the bare relay baseline process (realtime-bare-relay.ts).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import * as Y from "yjs";
import { DEMO_ADMIN, DEMO_PASSWORD } from "../../db/seed/agreements";
import { minutesClient, type MinutesClient } from "../support/yclient";
import { insertTemplateAgendas, login, REPO_ROOT, sessionFrom, sleep, summarize, type BenchServer, type Summary } from "./lib";

export const STOCKHOLM_REFERENCE = "2021/630";

// Every y-websocket provider adds a process "exit" listener: thousands of clients are intended here.
process.setMaxListeners(0);

export interface SteeringGroup {
  groupId: string;
  /** Who creates the bench meetings (the demo admin). */
  adminId: string;
  /** Members who may write draft minutes (representatives and deputies). */
  writers: { id: string; email: string }[];
}

/** The demo Stockholm steering group (partnership 2021/630) and its writing members. */
export async function stockholmSteeringGroup(sql: postgres.Sql): Promise<SteeringGroup> {
  const [group] = await sql<{ id: string }[]>`
    select g.id from groups g join partnerships p on p.id = g.partnership_id
    where p.reference_number = ${STOCKHOLM_REFERENCE} and g.kind = 'steering'`;
  if (!group) throw new Error(`demo data lacks the steering group of ${STOCKHOLM_REFERENCE}`);
  const writers = await sql<{ id: string; email: string }[]>`
    select u.id, lower(u.email) as email from group_members gm join users u on u.id = gm.user_id
    where gm.group_id = ${group.id} and gm.role in ('representative', 'deputy')
    order by u.email`;
  const [admin] = await sql<{ id: string }[]>`select id from users where lower(email) = ${DEMO_ADMIN.email}`;
  if (!writers.length || !admin) throw new Error("demo steering group has no writing members, or there is no admin");
  return { groupId: group.id, adminId: admin.id, writers };
}

/**
 * Inserts `count` noticed meetings for the group, each with the 7-item template agenda, in
 * two statements (as pages.ts does). Their minutes do not exist yet: the first socket makes them.
 */
export async function insertMeetings(sql: postgres.Sql, group: SteeringGroup, count: number, title: string): Promise<string[]> {
  return sql.begin(async (tx) => {
    const rows = await tx<{ id: string }[]>`
      insert into meetings (group_id, title, starts_at, ends_at, location, status, noticed_at, created_by)
      select ${group.groupId}, format('%s %s', ${title}::text, k), now() + k * interval '1 day', now() + k * interval '1 day' + interval '2 hours',
             'Bänkrummet', 'noticed', now(), ${group.adminId}
      from generate_series(1, ${count}) as k
      returning id`;
    await insertTemplateAgendas(tx, rows.map((r) => r.id), group.adminId);
    await tx`analyze meetings, agenda_items`;
    return rows.map((r) => r.id);
  });
}

/** `count` sessions, logging in the given users in turn (each login is a new session), `concurrency` at a time. */
export async function loginSessions(server: BenchServer, emails: string[], count: number, concurrency = 2): Promise<string[]> {
  const cookies: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const email = emails[i % emails.length];
      const res = await login(server, false, email, DEMO_PASSWORD);
      const cookie = sessionFrom(res);
      if (res.status !== 302 || !cookie) throw new Error(`could not log in as ${email} (HTTP ${res.status})`);
      cookies[i] = cookie;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return cookies;
}

export interface Connected {
  client: MinutesClient;
  /** From creating the provider until the first sync step 2 arrived. */
  syncMs: number;
  /** From creating the provider until the socket was open. */
  openMs: number;
}

/**
 * A y-websocket client (test/support/yclient.ts) that must be synced within `timeoutMs`;
 * a refusal (close code 44xx) or the deadline rejects, and the client is destroyed then.
 */
export async function connectSynced(baseUrl: string, meetingId: string, cookie: string | undefined, timeoutMs = 15_000): Promise<Connected> {
  const started = performance.now();
  const client = minutesClient(baseUrl, meetingId, cookie);
  let openMs = NaN;
  const onStatus = (e: { status: string }) => {
    if (e.status === "connected" && Number.isNaN(openMs)) openMs = performance.now() - started;
  };
  client.provider.on("status", onStatus);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.synced,
      client.closed.then((code) => Promise.reject(new Error(`socket for ${meetingId} refused with close code ${code}`))),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`socket for ${meetingId} not synced within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    client.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
    client.provider.off("status", onStatus);
  }
  return { client, syncMs: performance.now() - started, openMs };
}

export const PROBE_MAP = "bench-probe";

/**
 * Appends, straight to PostgreSQL, a tiny update (one key in the PROBE_MAP map, from a fresh
 * Yjs client) to the meeting's stored minutes. A client that then syncs and has the key got a
 * document loaded from the store; one without it got a copy the server still held in memory.
 */
export async function insertProbe(sql: postgres.Sql, meetingId: string, key: string): Promise<void> {
  const doc = new Y.Doc();
  doc.getMap(PROBE_MAP).set(key, Date.now());
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  await sql`insert into minutes_updates (meeting_id, update) values (${meetingId}, ${Buffer.from(update)})`;
}

export const hasProbe = (client: MinutesClient, key: string) => client.doc.getMap(PROBE_MAP).has(key);

/**
 * PostgreSQL publishes a backend's statistics at most once a second while it is busy, and an
 * idle backend's pending ones within 10 s (PGSTAT_IDLE_INTERVAL): wait that long for exact counts.
 */
export const STATS_SETTLE_MS = 11_000;

/**
 * Transactions committed in the database so far (each statement outside a transaction is one),
 * read after STATS_SETTLE_MS so that everything before the call is counted: the difference of
 * two readings counts the server's queries in between (plus the one reading query).
 */
export async function settledTransactions(sql: postgres.Sql): Promise<number> {
  await sleep(STATS_SETTLE_MS);
  await sql`select pg_stat_clear_snapshot()`;
  const [row] = await sql<{ n: string }[]>`select xact_commit as n from pg_stat_database where datname = current_database()`;
  return Number(row.n);
}

/** Resident set size and its peak of a process, in bytes, from /proc/<pid>/status. */
export function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib("VmRSS"), peak: kib("VmHWM") };
}

export const fmtMiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
export const fmtKiB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"]).stdout?.toString().trim()) || 100;

/** CPU time (user + system) a process has used so far, in ms; 0 when it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from 3 (state) on
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS; // utime, stime
  } catch {
    return 0;
  }
}

/** Pids of every process below `pid` (the embedded PostgreSQL below the server). */
export function descendantsOf(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // exited meanwhile
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent) if (pp === p) found.push(child), walk(child);
  };
  walk(pid);
  return found;
}

/**
 * Measures the CPU a process (and, separately, the processes below it) uses between
 * `start()` and `stop()`, as a fraction of one CPU.
 */
export function cpuMeter(pid: number) {
  let started = 0;
  let own = 0;
  let below = new Map<number, number>();
  const belowNow = () => new Map(descendantsOf(pid).map((p) => [p, cpuMsOf(p)]));
  return {
    start() {
      started = performance.now();
      own = cpuMsOf(pid);
      below = belowNow();
    },
    stop(): { own: number; below: number } {
      const wall = performance.now() - started;
      let used = 0;
      for (const [p, ms] of belowNow()) used += ms - (below.get(p) ?? 0);
      return { own: (cpuMsOf(pid) - own) / wall, below: used / wall };
    },
  };
}

/** A process.cpuUsage() difference as a share of one CPU over `wallMs`. */
export const cpuShare = (usage: NodeJS.CpuUsage, wallMs: number) => (usage.user + usage.system) / 1000 / wallMs;

/** The soft limit on open files of a process. */
export function nofileOf(pid: number | "self"): number {
  const limits = readFileSync(`/proc/${pid}/limits`, "utf8");
  const soft = /^Max open files\s+(\S+)/m.exec(limits)?.[1];
  return soft === "unlimited" ? Infinity : Number(soft);
}

/**
 * Makes sure process `pid` may open `needed` files: if its soft limit is lower, raises it with
 * prlimit(1) (a process can be raised from outside; root may also raise the hard limit).
 * Returns the limit now in force; throws with a clear message when it stays too low.
 */
export function ensureNofile(pid: number, needed: number, what: string): number {
  const before = nofileOf(pid);
  if (before >= needed) return before;
  const target = Math.max(needed, 65_536);
  const result = spawnSync("prlimit", ["--pid", String(pid), `--nofile=${target}:${target}`]);
  const after = nofileOf(pid);
  if (after >= needed) {
    console.log(`raised the open-file limit of ${what} (pid ${pid}) from ${before} to ${after} with prlimit`);
    return after;
  }
  throw new Error(
    `${what} (pid ${pid}) may open only ${before} files but this bench needs ${needed}` +
      (result.error ? ` (prlimit unavailable: ${result.error.message})` : ` (prlimit failed: ${result.stderr?.toString().trim()})`) +
      `. Raise it first, e.g. \`ulimit -n ${target}\` in the shell that runs the bench, or run it as root.`,
  );
}

export interface BareRelay {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * Starts realtime-bare-relay.ts in its own Node process on a free port, as the server runs in
 * its own: a relay with an in-memory Y.Doc per room, no persistence and no authentication; with
 * `storeFirstIn` (a database URL) each batch of updates is committed there before it is relayed.
 * It exits on SIGTERM, or when this process goes away (its stdin closes).
 */
export async function startBareRelay(options: { storeFirstIn?: string } = {}): Promise<BareRelay> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "test/bench/realtime-bare-relay.ts")], {
    cwd: REPO_ROOT,
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, ...(options.storeFirstIn && { STORE_FIRST_DATABASE_URL: options.storeFirstIn }) },
  });
  const killOnExit = () => child.kill("SIGTERM");
  process.on("exit", killOnExit);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`bare relay did not start: ${out}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`bare relay exited with ${code}: ${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stop: async () => {
      process.off("exit", killOnExit);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await Promise.race([exited, sleep(5_000)]);
    },
  };
}

/** Destroys clients in batches, so thousands of close frames do not all go out at once. */
export async function destroyAll(clients: MinutesClient[], batch = 200): Promise<void> {
  for (let i = 0; i < clients.length; i += batch) {
    for (const c of clients.slice(i, i + batch)) c.destroy();
    await sleep(10);
  }
}

/** Polls `check` every `everyMs` until it holds or `ms` passed; returns whether it held. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms: number, everyMs = 20): Promise<boolean> {
  const deadline = performance.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (performance.now() > deadline) return false;
    await sleep(everyMs);
  }
}

/**
 * The floor of storing before relaying: one durable commit of a small row, one at a time, on the
 * server's own PostgreSQL (a scratch table, dropped after). Nothing that stores an edit before
 * relaying it can deliver it sooner than this. With `until`, it commits once every `everyMs` until
 * that settles instead: what a commit costs while something else loads the machine.
 */
export async function durableCommitFloor(
  sql: postgres.Sql,
  options: { commits?: number; everyMs?: number; until?: Promise<unknown> } = {},
): Promise<Summary> {
  const { commits = 300, everyMs = 0, until } = options;
  let stopped = false;
  until?.then(() => (stopped = true));
  const table = sql(`bench_commit_floor_${process.pid}_${everyMs}`);
  await sql`create table if not exists ${table} (id bigserial primary key, update bytea not null)`;
  const times: number[] = [];
  try {
    const row = Buffer.alloc(40);
    for (let i = 0; until ? !stopped : i < commits; i++) {
      const started = performance.now();
      await sql`insert into ${table} (update) values (${row}) returning id`;
      times.push(performance.now() - started);
      if (everyMs) await sleep(everyMs);
    }
  } finally {
    await sql`drop table ${table}`;
  }
  return summarize(times);
}
