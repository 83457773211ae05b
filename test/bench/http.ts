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
import { DEMO_ADMIN, DEMO_PASSWORD } from "../../db/seed/agreements";
import {
  budget,
  Failures,
  fmtMs,
  formatSummary,
  loadPage,
  login,
  reportLoad,
  runBench,
  runPool,
  sessionFrom,
  summarize,
  type BenchServer,
} from "./lib";

const LOGINS = 200;
const LOGIN_CONCURRENCY = 4;
const LOGIN_P95_BUDGET_MS = 150;

const PAGE_CLIENTS = 20;
const PAGE_WARMUP = 200;
const PAGE_REQUESTS = 4000;
const PAGE_MAX_MS = 10_000;
const PAGE_P95_BUDGET_MS = 30;
const PAGE_SOLO = 200;

async function benchLogin(server: BenchServer): Promise<boolean> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: LOGIN_CONCURRENCY });
  const failures = new Failures();
  const samples: number[] = [];
  const { wallMs } = await runPool(LOGIN_CONCURRENCY, LOGINS, async (i) => {
    try {
      const res = await login(server, agent, DEMO_ADMIN.email, DEMO_PASSWORD);
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
  const first = await login(server, false, DEMO_ADMIN.email, DEMO_PASSWORD);
  const cookie = sessionFrom(first);
  if (first.status !== 302 || !cookie) {
    console.log(`\noverview: could not log in (HTTP ${first.status}); skipped`);
    return false;
  }
  const load = await loadPage({
    url: server.url,
    cookie,
    path: () => "/",
    clients: PAGE_CLIENTS,
    warmup: PAGE_WARMUP,
    solo: PAGE_SOLO,
    requests: PAGE_REQUESTS,
    maxMs: PAGE_MAX_MS,
  });
  reportLoad(`GET / authenticated (${PAGE_CLIENTS} keep-alive clients, ${PAGE_WARMUP} warm-up requests)`, load);
  budget("GET / p95", load.concurrent.p95, PAGE_P95_BUDGET_MS);
  return load.failures.count === 0;
}

// Start-up (≤ 60 s) + ~200 logins + ≤ 10 s of page load + stop: far below this unless hung.
await runBench(3 * 60_000, async (server) => {
  console.log(`HTTP benchmark against ${server.url} (NODE_ENV=production, ready in ${fmtMs(server.readyMs)})`);
  const loginOk = await benchLogin(server);
  const pageOk = await benchOverview(server);
  return !loginOk || !pageOk;
});
