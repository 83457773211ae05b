/**
 * Shared helpers for the benchmark scripts in test/bench: free ports, a temporary
 * DATA_DIR, spawning the production server and timing it to a healthy /healthz,
 * stopping it, the frame a server benchmark runs in (runBench), a keep-alive HTTP
 * client, latency statistics and template agendas for generated meetings.
 *
 * The server is spawned as `node --import tsx server.ts` rather than `npx tsx`, so the
 * timings hold no npx start-up cost and SIGTERM reaches the server process itself
 * instead of a wrapper that would have to relay it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { createServer } from "node:net";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type postgres from "postgres";
import { ensureFreshBuild } from "../../app/http/build.server";
import { templateAgenda } from "../../app/services/meetings.server";

export const REPO_ROOT = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
const HOST = "127.0.0.1";

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Production mode builds when build/ is missing or stale: do it before any timing starts. */
export function ensureBuild(): void {
  ensureFreshBuild(REPO_ROOT);
}

const dataDirs = new Set<string>();

export async function makeDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "samrad-bench-"));
  dataDirs.add(dir);
  return dir;
}

/**
 * Removes a temporary DATA_DIR. If a server was killed hard, its embedded PostgreSQL
 * may still run from that directory: stop it by the pid in postmaster.pid first.
 */
export async function removeDataDir(dir: string): Promise<void> {
  const pidFile = path.join(dir, "pg", "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      process.kill(pid, "SIGINT"); // PostgreSQL "fast" shutdown
      for (let waited = 0; isAlive(pid) && waited < 10_000; waited += 100) await sleep(100);
    }
  }
  await rm(dir, { recursive: true, force: true });
  dataDirs.delete(dir);
}

export interface BenchServer {
  url: string;
  /** The embedded PostgreSQL's database the server uses (EMBEDDED_PG_PORT), for benches that add data. */
  databaseUrl: string;
  /** The same over the embedded server's Unix socket, as Samråd connects to it (libpq's `?host=`). */
  socketUrl: string;
  /** Milliseconds from spawn until GET /healthz first answered 200. */
  readyMs: number;
  /**
   * The part of readyMs the server reports for itself ("Samråd är igång … (N ms)"):
   * database, migrations, seeding and listen. The rest is Node, tsx and module loading.
   */
  selfReportedMs?: number;
  child: ChildProcess;
  /** Last lines the server printed, for diagnosis when something fails. */
  output: () => string;
}

const running = new Set<ChildProcess>();

/**
 * Spawns the production server (in `cwd`, this checkout by default) on free ports with its data
 * in `dataDir` and polls /healthz every 25 ms until it answers 200. The clock starts just before
 * spawn, so readyMs covers Node + tsx start-up, a build if one is due, embedded PostgreSQL,
 * migrations and seeding.
 */
export async function startServer(dataDir: string, { timeoutMs = 60_000, cwd = REPO_ROOT, workers = 1 } = {}): Promise<BenchServer> {
  const pgPort = await freePort();
  const env = {
    NODE_ENV: "production",
    SEED_DEMO: "1",
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    DATABASE_URL: "", // always the embedded server, never one the caller's shell points at
    WEB_CONCURRENCY: String(workers), // one process unless a benchmark compares instances
  };
  const server = await spawnServer("server.ts", { env, cwd, timeoutMs });
  const databaseUrl = `postgres://samrad:samrad@${HOST}:${pgPort}/samrad`;
  const socketUrl = `${databaseUrl}?host=${encodeURIComponent(path.resolve(dataDir, "pg"))}`;
  return { ...server, databaseUrl, socketUrl, selfReportedMs: await selfReported(server.output) };
}

/**
 * Spawns `node --import tsx <script>` (relative to `cwd`) with `env` and a free PORT on HOST, and
 * polls its /healthz every 25 ms until it answers 200; readyMs counts from just before spawn.
 */
export async function spawnServer(
  script: string,
  { env = {}, cwd = REPO_ROOT, timeoutMs = 60_000 }: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<Omit<BenchServer, "databaseUrl" | "socketUrl">> {
  const port = await freePort();
  const started = performance.now();
  // BENCH_CPU_PROF=dir writes the server's V8 CPU profile there when it stops (open in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", script], {
    cwd,
    env: { ...process.env, ...env, HOST, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));

  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const output = () => log;

  const url = `http://${HOST}:${port}`;
  let exited: string | undefined;
  child.once("exit", (code, signal) => (exited = `exit code ${code}, signal ${signal}`));
  while (performance.now() - started < timeoutMs) {
    if (exited) throw new Error(`server stopped before it was healthy (${exited}):\n${output()}`);
    if ((await healthStatus(url)) === 200) return { url, readyMs: performance.now() - started, child, output };
    await sleep(25);
  }
  await stopServer({ child });
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${output()}`);
}

/** The start-up time the server printed; its stdout may trail the first healthy answer a little. */
async function selfReported(output: () => string): Promise<number | undefined> {
  for (let waited = 0; waited <= 1_000; waited += 20) {
    const match = /är igång på \S+ \((\d+) ms\)/.exec(output());
    if (match) return Number(match[1]);
    await sleep(20);
  }
  return undefined;
}

async function healthStatus(url: string): Promise<number | undefined> {
  try {
    const res = await request(`${url}/healthz`, { agent: false, timeoutMs: 2_000 });
    return res.status;
  } catch {
    return undefined; // not listening yet
  }
}

/** SIGTERM (graceful: the server stops its PostgreSQL), SIGKILL if it hangs. Resolves with ms to exit. */
export async function stopServer(server: Pick<BenchServer, "child">, timeoutMs = 20_000): Promise<number> {
  const { child } = server;
  const started = performance.now();
  if (child.exitCode !== null || child.signalCode !== null) return 0;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    console.error(`server pid ${child.pid} did not stop within ${timeoutMs} ms: SIGKILL`);
    child.kill("SIGKILL");
  }, timeoutMs);
  await exited;
  clearTimeout(timer);
  return performance.now() - started;
}

let bailing = false;

/** True once the watchdog or a signal has begun to stop everything: later errors are its echo. */
export const isAborting = () => bailing;

/**
 * Bounds the whole run: if the bench hangs, stop the servers it started and fail,
 * rather than leaving a process and a PostgreSQL behind. Also covers Ctrl-C.
 */
export function installWatchdog(limitMs: number): void {
  const bail = async (reason: string) => {
    if (bailing) return; // `npx tsx` may relay one Ctrl-C twice
    bailing = true;
    console.error(`\n${reason}: stopping servers and giving up`);
    await Promise.all([...running].map((child) => stopServer({ child }, 5_000)));
    for (const dir of dataDirs) await removeDataDir(dir);
    process.exit(1);
  };
  setTimeout(() => void bail(`benchmark ran over ${limitMs / 1000} s`), limitMs).unref();
  // `on`, not `once`: with no listener left, a repeated signal would kill us mid-cleanup.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void bail(signal));
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** From sending the request until the whole body was read. */
  ms: number;
}

export interface RequestOptions {
  method?: string;
  headers?: http.OutgoingHttpHeaders;
  body?: string;
  /** A keep-alive agent to reuse connections; false for a one-off connection. */
  agent?: http.Agent | false;
  timeoutMs?: number;
}

/** One HTTP request with node:http (no redirects followed, so a login's 302 is seen as it is). */
export function request(url: string, options: RequestOptions = {}): Promise<HttpResult> {
  const { method = "GET", headers = {}, body, agent, timeoutMs = 10_000 } = options;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: body === undefined ? headers : { ...headers, "Content-Length": Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
            ms: performance.now() - started,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${url}: no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Runs `task` `total` times from `concurrency` workers, each starting its next call
 * when the previous one is done (a closed loop), optionally stopping after `maxMs`.
 * Returns how many calls ran and the wall time they took.
 */
export async function runPool(
  concurrency: number,
  total: number,
  task: (i: number) => Promise<void>,
  maxMs = Infinity,
): Promise<{ count: number; wallMs: number }> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < total && performance.now() - started < maxMs) await task(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { count: next, wallMs: performance.now() - started };
}

/** Nearest-rank percentile of an ascending-sorted list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
  };
}

export const fmtMs = (ms: number) => `${ms.toFixed(1)} ms`;
export const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export const formatSummary = (s: Summary) =>
  `n=${s.count}  p50 ${fmtMs(s.p50)}  p95 ${fmtMs(s.p95)}  p99 ${fmtMs(s.p99)}  max ${fmtMs(s.max)}  mean ${fmtMs(s.mean)}`;

/** Unexpected answers, counted by status and with the first few shown. */
export class Failures {
  private byStatus = new Map<string, number>();
  private examples: string[] = [];
  add(what: string, res: HttpResult | Error) {
    const key = res instanceof Error ? `error ${res.message}` : `HTTP ${res.status}`;
    this.byStatus.set(key, (this.byStatus.get(key) ?? 0) + 1);
    if (this.examples.length < 3) {
      const detail = res instanceof Error ? res.message : `${res.status} ${res.body.slice(0, 200).replace(/\s+/g, " ")}`;
      this.examples.push(`${what}: ${detail}`);
    }
  }
  get count() {
    return [...this.byStatus.values()].reduce((a, b) => a + b, 0);
  }
  report(label: string) {
    if (this.count === 0) return console.log(`${label}: all responses as expected`);
    console.log(`${label}: ${this.count} unexpected: ${[...this.byStatus].map(([k, n]) => `${k} ×${n}`).join(", ")}`);
    for (const e of this.examples) console.log(`  e.g. ${e}`);
  }
}

const SESSION_COOKIE = "samrad_session";

/** The session cookie pair ("samrad_session=…") from a successful login's Set-Cookie, if there is one. */
export function sessionFrom(res: HttpResult): string | undefined {
  for (const line of res.headers["set-cookie"] ?? []) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    if (pair.slice(0, eq).trim() === SESSION_COOKIE && pair.slice(eq + 1)) return pair.trim();
  }
  return undefined;
}

/** POST /login (a 302 with a session cookie when it succeeds). */
export function login(server: Pick<BenchServer, "url">, agent: http.Agent | false, email: string, password: string): Promise<HttpResult> {
  const body = new URLSearchParams({ email, password }).toString();
  return request(`${server.url}/login`, {
    method: "POST",
    agent,
    body,
    // The server refuses a state-changing request whose Origin is not its own host.
    headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
  });
}

export interface PageLoadOptions {
  /** The server's base URL. */
  url: string;
  /** The session cookie pair every request carries; none for a signed-out visitor. */
  cookie?: string;
  /** The path of the i-th request, e.g. to rotate over many ids. */
  path: (i: number) => string;
  clients: number;
  /** Requests from `clients` workers first, to open the connections and let V8 optimise the render path. */
  warmup: number;
  /** Requests from one client alone, after the warm-up. */
  solo: number;
  /** The measured run: `clients` workers until `requests` are done or `maxMs` has passed. */
  requests: number;
  maxMs: number;
}

export interface PageLoad {
  /** Latencies of the measured run with `clients` workers. */
  concurrent: Summary;
  count: number;
  wallMs: number;
  /** CPU the load generator (this process) used during the measured run, in CPUs. */
  clientCpu: number;
  /** Latencies of `solo` sequential requests: the cost of one render without queueing. */
  solo: Summary;
  /** Answers other than 200, and errors, over warm-up, solo and measured run. */
  failures: Failures;
  /** Mean body size of the 200 answers to the lone client, in bytes. */
  meanBytes: number;
}

/**
 * GETs a page with one session over keep-alive connections: warm-up, then `clients` in a
 * closed loop, then one client alone. With the CPU saturated, latency in the closed loop
 * is about clients / throughput (Little's law). The closed loop follows the warm-up
 * directly: connections left idle longer than the server's keep-alive timeout (5 s) can
 * be closed just as a client reuses them ("socket hang up").
 */
export async function loadPage(o: PageLoadOptions): Promise<PageLoad> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.clients });
  const failures = new Failures();
  const get = async (i: number, samples?: number[], sizes?: number[]) => {
    const p = o.path(i);
    try {
      const res = await request(`${o.url}${p}`, { agent, headers: o.cookie ? { Cookie: o.cookie } : {} });
      samples?.push(res.ms);
      if (res.status !== 200) failures.add(`GET ${p} #${i}`, res);
      else sizes?.push(Buffer.byteLength(res.body));
    } catch (error) {
      failures.add(`GET ${p} #${i}`, error as Error);
    }
  };
  try {
    await runPool(o.clients, o.warmup, (i) => get(i));
    const samples: number[] = [];
    // The load generator shares the machine's CPUs with the server: measure what it took.
    const cpuBefore = process.cpuUsage();
    const { count, wallMs } = await runPool(o.clients, o.requests, (i) => get(o.warmup + i, samples), o.maxMs);
    const cpu = process.cpuUsage(cpuBefore);
    const alone: number[] = [];
    const sizes: number[] = [];
    const offset = o.warmup + count;
    await runPool(1, o.solo, (i) => get(offset + i, alone, sizes));
    return {
      concurrent: summarize(samples),
      count,
      wallMs,
      clientCpu: (cpu.user + cpu.system) / 1000 / wallMs,
      solo: summarize(alone),
      failures,
      meanBytes: sizes.length ? sizes.reduce((a, b) => a + b, 0) / sizes.length : 0,
    };
  } finally {
    agent.destroy();
  }
}

/** Prints a loadPage result under `title`: latencies, throughput, load-generator CPU, 1-client figures, statuses. */
export function reportLoad(title: string, load: PageLoad): void {
  console.log(`\n${title}`);
  console.log(`  ${formatSummary(load.concurrent)}`);
  console.log(`  ${(load.count / (load.wallMs / 1000)).toFixed(0)} requests/s (${load.count} requests in ${fmtMs(load.wallMs)})`);
  console.log(`  load generator used ${(load.clientCpu * 100).toFixed(0)}% of one CPU (machine has ${availableParallelism()})`);
  console.log(`  for reference, 1 client alone: ${formatSummary(load.solo)}`);
  load.failures.report("  status (incl. warm-up)");
}

/**
 * Gives each of `meetingIds` the 7-item template agenda (Swedish), as made by `createdBy`,
 * in one statement inside the caller's transaction.
 */
export async function insertTemplateAgendas(tx: postgres.TransactionSql, meetingIds: string[], createdBy: string): Promise<void> {
  const agenda = templateAgenda("", createdBy, "sv");
  await tx`
    insert into agenda_items (meeting_id, position, title, type, created_by)
    select m.id, t.position, t.title, t.type::agenda_item_type, ${createdBy}
    from unnest(${meetingIds}::uuid[]) as m(id)
    cross join unnest(${agenda.map((a) => a.position)}::int[], ${agenda.map((a) => a.title)}::text[], ${agenda.map((a) => a.type)}::text[])
      as t(position, title, type)`;
}

/** Budget outcomes of this run; misses only fail the process when BENCH_STRICT=1. */
const budgetMisses: string[] = [];

/** Prints one budget line, e.g. "BUDGET cold start 9.20 s < 15.00 s  OK". */
export function budget(label: string, value: number, limit: number, fmt: (n: number) => string = fmtMs): boolean {
  const ok = value < limit;
  console.log(`BUDGET ${label}: ${fmt(value)} < ${fmt(limit)}  ${ok ? "OK" : "OVER BUDGET"}`);
  if (!ok) budgetMisses.push(label);
  return ok;
}

/** Like budget, for a figure that must reach `min`, e.g. "BUDGET … ratio to the floor: 0.64 ≥ 0.60  OK". */
export function budgetAtLeast(label: string, value: number, min: number, fmt: (n: number) => string = (n) => n.toFixed(2)): boolean {
  const ok = value >= min;
  console.log(`BUDGET ${label}: ${fmt(value)} ≥ ${fmt(min)}  ${ok ? "OK" : "BELOW TARGET"}`);
  if (!ok) budgetMisses.push(label);
  return ok;
}

/**
 * Exit code for the end of a run: 0 unless `failed`, or, with BENCH_STRICT=1, a budget
 * was missed. A benchmark measures; it is a gate only when asked to be one.
 */
export function exitCode(failed: boolean): number {
  if (failed) return 1;
  if (budgetMisses.length > 0 && process.env.BENCH_STRICT === "1") {
    console.log(`BENCH_STRICT=1 and over budget: ${budgetMisses.join(", ")}`);
    return 1;
  }
  return 0;
}

/** Registers a clean-up step for runBench; the steps run in reverse order of registration. */
export type Defer = (cleanup: () => unknown) => void;

/**
 * The frame every server benchmark runs in: the watchdog (limitMs; also Ctrl-C), a build if
 * there is none, a temporary DATA_DIR, the production server, then `body`. Whatever `body`
 * registers with `defer` is cleaned up in reverse order, then the server is stopped and the
 * DATA_DIR removed; the process exits with exitCode(failed). `body` returns whether the run
 * failed; if it throws, the run fails and the error and the server's last output are printed
 * (unless the watchdog or a signal is already stopping everything). `beforeStart` runs first,
 * inside the frame, for checks that must pass before the server is spawned.
 */
export async function runBench(
  limitMs: number,
  body: (server: BenchServer, defer: Defer) => Promise<boolean>,
  beforeStart?: () => void,
): Promise<never> {
  installWatchdog(limitMs);
  ensureBuild();

  const dataDir = await makeDataDir();
  const cleanups: (() => unknown)[] = [];
  let failed = false;
  let server: BenchServer | undefined;
  try {
    beforeStart?.();
    server = await startServer(dataDir);
    failed = await body(server, (cleanup) => void cleanups.push(cleanup));
  } catch (error) {
    failed = true;
    if (!isAborting()) {
      console.error(error);
      if (server) console.error(server.output());
    }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
    if (server) await stopServer(server);
    await removeDataDir(dataDir);
  }
  process.exit(exitCode(failed));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

