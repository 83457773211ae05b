/**
 * HTTP benchmark against the production server (fresh temporary DATA_DIR, demo data):
 *
 *   login:    200 POST /login as the demo admin, 4 at a time. Each one hashes with
 *             argon2id on purpose, so this measures that cost. Budget p95 < 150 ms.
 *   overview: GET / with one session cookie from 20 keep-alive clients, after 200
 *             warm-up requests, for 4000 requests or 10 s, whichever comes first.
 *             Budget p95 < 30 ms. (Also, for reference, 200 requests from 1 client.)
 *
 * Every response must have the expected status (302 + session cookie for a login, 200
 * for the page); any other makes the run fail. A missed budget is only reported, unless
 * BENCH_STRICT=1.
 * Run: npx tsx test/bench/http.ts
 */
import http from "node:http";
import { availableParallelism } from "node:os";
import { DEMO_ADMIN, DEMO_PASSWORD } from "../../db/seed/agreements";
import {
  budget,
  ensureBuild,
  exitCode,
  fmtMs,
  formatSummary,
  installWatchdog,
  isAborting,
  makeDataDir,
  removeDataDir,
  request,
  runPool,
  startServer,
  stopServer,
  summarize,
  type BenchServer,
  type HttpResult,
} from "./lib";

const SESSION_COOKIE = "samrad_session";

const LOGINS = 200;
const LOGIN_CONCURRENCY = 4;
const LOGIN_P95_BUDGET_MS = 150;

const PAGE_CLIENTS = 20;
const PAGE_WARMUP = 200;
const PAGE_REQUESTS = 4000;
const PAGE_MAX_MS = 10_000;
const PAGE_P95_BUDGET_MS = 30;
const PAGE_SOLO = 200;

/** Unexpected answers, counted by status and with the first few shown. */
class Failures {
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

/** The session token from a successful login's Set-Cookie, if there is one. */
function sessionFrom(res: HttpResult): string | undefined {
  for (const line of res.headers["set-cookie"] ?? []) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    if (pair.slice(0, eq).trim() === SESSION_COOKIE && pair.slice(eq + 1)) return pair.trim();
  }
  return undefined;
}

function login(server: BenchServer, agent: http.Agent): Promise<HttpResult> {
  const body = new URLSearchParams({ email: DEMO_ADMIN.email, password: DEMO_PASSWORD }).toString();
  return request(`${server.url}/login`, {
    method: "POST",
    agent,
    body,
    // The server refuses a state-changing request whose Origin is not its own host.
    headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
  });
}

async function benchLogin(server: BenchServer): Promise<boolean> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: LOGIN_CONCURRENCY });
  const failures = new Failures();
  const samples: number[] = [];
  const { wallMs } = await runPool(LOGIN_CONCURRENCY, LOGINS, async (i) => {
    try {
      const res = await login(server, agent);
      samples.push(res.ms);
      if (res.status !== 302 || !sessionFrom(res)) failures.add(`login #${i}`, res);
    } catch (error) {
      failures.add(`login #${i}`, error as Error);
    }
  });
  agent.destroy();

  console.log(`\nlogin POST (${LOGINS} requests, concurrency ${LOGIN_CONCURRENCY})`);
  const s = summarize(samples);
  console.log(`  ${formatSummary(s)}`);
  console.log(`  ${(samples.length / (wallMs / 1000)).toFixed(1)} logins/s over ${fmtMs(wallMs)}`);
  failures.report("  status");
  budget("login p95", s.p95, LOGIN_P95_BUDGET_MS);
  return failures.count === 0;
}

async function benchOverview(server: BenchServer): Promise<boolean> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: PAGE_CLIENTS });
  const first = await login(server, agent);
  const cookie = sessionFrom(first);
  if (first.status !== 302 || !cookie) {
    console.log(`\noverview: could not log in (HTTP ${first.status}); skipped`);
    agent.destroy();
    return false;
  }

  const failures = new Failures();
  const get = async (samples: number[] | undefined, i: number) => {
    try {
      const res = await request(`${server.url}/`, { agent, headers: { Cookie: cookie } });
      samples?.push(res.ms);
      if (res.status !== 200) failures.add(`GET / #${i}`, res);
    } catch (error) {
      failures.add(`GET / #${i}`, error as Error);
    }
  };

  // Warm-up: open the keep-alive connections and let V8 optimise the render path.
  await runPool(PAGE_CLIENTS, PAGE_WARMUP, (i) => get(undefined, i));
  // One client alone shows the cost of a render without queueing; with 20 clients in a
  // closed loop, latency is about 20 / throughput (Little's law) once the CPU is saturated.
  const alone: number[] = [];
  await runPool(1, PAGE_SOLO, (i) => get(alone, i));
  const samples: number[] = [];
  // The load generator shares the machine's CPUs with the server: show what it took.
  const cpuBefore = process.cpuUsage();
  const { count, wallMs } = await runPool(PAGE_CLIENTS, PAGE_REQUESTS, (i) => get(samples, i), PAGE_MAX_MS);
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();

  console.log(`\nGET / authenticated (${PAGE_CLIENTS} keep-alive clients, ${PAGE_WARMUP} warm-up requests)`);
  const s = summarize(samples);
  console.log(`  ${formatSummary(s)}`);
  console.log(`  ${(count / (wallMs / 1000)).toFixed(0)} requests/s (${count} requests in ${fmtMs(wallMs)})`);
  const clientCpu = (cpu.user + cpu.system) / 1000 / wallMs;
  console.log(`  load generator used ${(clientCpu * 100).toFixed(0)}% of one CPU (machine has ${availableParallelism()})`);
  console.log(`  for reference, 1 client alone: ${formatSummary(summarize(alone))}`);
  failures.report("  status (incl. warm-up)");
  budget("GET / p95", s.p95, PAGE_P95_BUDGET_MS);
  return failures.count === 0;
}

// Start-up (≤ 60 s) + ~200 logins + ≤ 10 s of page load + stop: far below this unless hung.
installWatchdog(3 * 60_000);
ensureBuild();

const dataDir = await makeDataDir();
let failed = false;
let server: BenchServer | undefined;
try {
  server = await startServer(dataDir);
  console.log(`HTTP benchmark against ${server.url} (NODE_ENV=production, ready in ${fmtMs(server.readyMs)})`);
  const loginOk = await benchLogin(server);
  const pageOk = await benchOverview(server);
  failed = !loginOk || !pageOk;
} catch (error) {
  failed = true;
  if (!isAborting()) {
    console.error(error);
    if (server) console.error(server.output());
  }
} finally {
  if (server) await stopServer(server);
  await removeDataDir(dataDir);
}

process.exit(exitCode(failed));
