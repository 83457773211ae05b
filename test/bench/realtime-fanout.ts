/**
 * Realtime fan-out benchmark: 50 editors in one meeting's minutes, against the production
 * server (fresh temporary DATA_DIR, demo data), then against a bare relay for comparison.
 *
 *   setup:    a new meeting for the demo Stockholm steering group (2021/630); 50 sessions by
 *             logging its 4 writing members in again and again (each login is a new session);
 *             50 y-websocket clients (test/support/yclient.ts) on that meeting, all synced.
 *   workload: each editor sets a key of its own ("<editor>:<seq>") in a Y.Map "bench" at
 *             5 edits/s, the 50 staggered evenly over the 200 ms period (250 edits/s in all):
 *             10 warm-up edits each (2 s, warming the JIT in server and clients), then 10 s
 *             measured (2500 edits). The server does not care what an update holds: each one is
 *             stored in PostgreSQL, then relayed. Before the clock starts the clients idle 11 s
 *             (see runFanout), so the run also carries their 15-second awareness renewals.
 *   measures: for every edit and every OTHER client, the time from the local map.set until that
 *             client applied it (map observer), i.e. 49 deliveries per edit. Budget: p95 < 30 ms,
 *             p99 < 100 ms. Also the time until all 49 had it, per edit, and per second of the
 *             run (the server compacts the stored log every 500 updates, in the same pipeline).
 *   checks:   at the end every client has every key; and after all have left, a fresh client
 *             gets every key from a document loaded from PostgreSQL (a probe row written
 *             straight to the database proves it was not a copy still held in memory). A lost
 *             key fails the run.
 *   two instances: the same workload on a second server with WEB_CONCURRENCY=2, the editors
 *             split between its two workers, which relay each other's stored updates; budget:
 *             p95 at most twice one instance's.
 *   baseline: the same workload against realtime-bare-relay.ts (ws + y-protocols: an in-memory
 *             Y.Doc and Awareness per room, no auth, no persistence) in its own process, with the
 *             Samråd server stopped; prints the same figures and Samråd p95 / bare p95.
 *
 * The clients all run in this process and share the machine with the server: the CPU each
 * side used is printed next to the latencies. Run: npx tsx test/bench/realtime-fanout.ts
 */
import { loadavg } from "node:os";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import postgres from "postgres";
import type * as Y from "yjs";
import type { MinutesClient } from "../support/yclient";
import {
  budget,
  fmtMs,
  formatSummary,
  makeDataDir,
  removeDataDir,
  runBench,
  startServer,
  sleep,
  stopServer,
  summarize,
  type BenchServer,
  type Summary,
} from "./lib";
import {
  settledTransactions,
  STATS_SETTLE_MS,
  connectSynced,
  cpuMeter,
  durableCommitFloor,
  destroyAll,
  hasProbe,
  insertMeetings,
  insertProbe,
  loginSessions,
  startBareRelay,
  stockholmSteeringGroup,
  waitFor,
  type BareRelay,
} from "./realtime-lib";

const EDITORS = 50;
const EDITS_PER_SECOND = 5;
const WARMUP_EDITS = 10;
const MEASURED_SECONDS = 10;
const EDITS_PER_EDITOR = WARMUP_EDITS + EDITS_PER_SECOND * MEASURED_SECONDS;
const DRAIN_MS = 15_000;
const P95_BUDGET_MS = 30;
const P99_BUDGET_MS = 100;
const TWO_INSTANCES_MAX_RATIO = 2;
const MAP = "bench";
const LOOP_RESOLUTION_MS = 10;

interface Sent {
  at: number;
  measured: boolean;
  received: number;
}

interface FanoutResult {
  connect: Summary;
  deliveries: Summary;
  /** Per measured edit: until the last of the other clients had it. */
  allReceived: Summary;
  /** Per second of the measured run (by send time): p95 and max delivery latency. */
  perSecond: { p95: number; max: number; n: number }[];
  edits: number;
  expectedDeliveries: number;
  deliveredTotal: number;
  /** Keys missing from clients after the drain: lost updates. */
  missing: number;
  sendMs: number;
  benchCpu: number;
  serverCpu: { own: number; below: number };
  /** This process's event-loop delay while sending and draining, in ms. */
  loopDelay: { p50: number; p99: number; max: number };
  saved: number;
  /** Database transactions while sending and draining (Samråd only). */
  transactions?: number;
  clients: MinutesClient[];
}

/**
 * Connects EDITORS clients to `meetingId` on `baseUrl` (client i with cookies[i]), runs the
 * edit workload and waits until every delivery arrived or DRAIN_MS passed. The clients are
 * returned still connected.
 */
async function runFanout(baseUrl: string, meetingId: string, cookies: (string | undefined)[], serverPid: number, sql?: postgres.Sql): Promise<FanoutResult> {
  const connected = await Promise.all(cookies.map((cookie) => connectSynced(baseUrl, meetingId, cookie, 30_000)));
  const clients = connected.map((c) => c.client);
  const connect = summarize(connected.map((c) => c.syncMs));
  // Both runs idle as long before the clock starts: PostgreSQL needs that long to publish the
  // logins' and connects' statistics, and so both measured runs also see the awareness renewals
  // every client sends every 15 s, relayed to all the others.
  const xacts = sql ? await settledTransactions(sql) : (await sleep(STATS_SETTLE_MS), 0);

  const sent = new Map<string, Sent>();
  const deliveries: number[] = [];
  const allReceived: number[] = [];
  const buckets: number[][] = Array.from({ length: MEASURED_SECONDS + 1 }, () => []);
  let measuredStart = Infinity;
  let deliveredTotal = 0;
  const others = clients.length - 1;

  const maps = clients.map((client) => {
    const map = client.doc.getMap<number>(MAP);
    map.observe((event: Y.YMapEvent<number>) => {
      if (event.transaction.local) return; // one's own edit
      const now = performance.now();
      for (const key of event.keysChanged) {
        const s = sent.get(key);
        if (!s) continue;
        deliveredTotal++;
        const ms = now - s.at;
        if (++s.received === others && s.measured) allReceived.push(ms);
        if (!s.measured) continue;
        deliveries.push(ms);
        buckets[Math.min(MEASURED_SECONDS, Math.floor((s.at - measuredStart) / 1000))].push(ms);
      }
    });
    return map;
  });

  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  const server = cpuMeter(serverPid);
  const period = 1000 / EDITS_PER_SECOND;
  const t0 = performance.now() + 50;
  const cpu0 = process.cpuUsage();
  loop.enable();
  server.start();
  const editor = (i: number) =>
    new Promise<void>((resolve) => {
      let seq = 0;
      const phase = (i * period) / clients.length; // evenly staggered: one edit every 4 ms overall
      const next = () => {
        if (seq === EDITS_PER_EDITOR) return resolve();
        const key = `${i}:${seq}`;
        const measured = seq >= WARMUP_EDITS;
        const at = performance.now();
        if (measured && at < measuredStart) measuredStart = at;
        sent.set(key, { at, measured, received: 0 });
        maps[i].set(key, seq);
        seq++;
        setTimeout(next, Math.max(0, t0 + phase + seq * period - performance.now()));
      };
      setTimeout(next, Math.max(0, t0 + phase - performance.now()));
    });
  await Promise.all(clients.map((_, i) => editor(i)));
  const sendMs = performance.now() - t0;
  const edits = sent.size;
  const expectedDeliveries = edits * others;
  await waitFor(() => deliveredTotal >= expectedDeliveries, DRAIN_MS);
  const cpu = process.cpuUsage(cpu0);
  const serverCpu = server.stop();
  loop.disable();
  const wall = performance.now() - t0;

  let transactions: number | undefined;
  if (sql) transactions = (await settledTransactions(sql)) - xacts;
  let missing = 0;
  for (const map of maps) missing += edits - [...sent.keys()].filter((k) => map.has(k)).length;
  return {
    connect,
    deliveries: summarize(deliveries),
    allReceived: summarize(allReceived),
    perSecond: buckets.filter((b) => b.length).map((b) => ({ ...pick(summarize(b)), n: b.length })),
    edits,
    expectedDeliveries,
    deliveredTotal,
    missing,
    sendMs,
    benchCpu: (cpu.user + cpu.system) / 1000 / wall,
    serverCpu,
    // The histogram's samples include its own 10 ms sampling interval: subtract it.
    loopDelay: { p50: lateMs(loop.percentile(50)), p99: lateMs(loop.percentile(99)), max: lateMs(loop.max) },
    saved: clients.reduce((n, c) => n + c.saved(), 0),
    transactions,
    clients,
  };
}

const lateMs = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
const pick = (s: Summary) => ({ p95: s.p95, max: s.max });

function report(title: string, r: FanoutResult, serverLabel: string) {
  console.log(`\n${title}`);
  console.log(`  connect + sync of ${r.clients.length} clients at once: ${formatSummary(r.connect)}`);
  console.log(`  ${r.edits} edits sent in ${fmtMs(r.sendMs)} (${(r.edits / (r.sendMs / 1000)).toFixed(0)}/s); deliveries ${r.deliveredTotal}/${r.expectedDeliveries}`);
  console.log(`  fan-out latency per delivery: ${formatSummary(r.deliveries)}`);
  console.log(`  until all ${r.clients.length - 1} others had an edit: ${formatSummary(r.allReceived)}`);
  console.log(`  per second of sending, p95/max ms: ${r.perSecond.map((b) => `${b.p95.toFixed(0)}/${b.max.toFixed(0)}`).join("  ")}`);
  console.log(
    `  CPU (share of one core): ${serverLabel} ${(r.serverCpu.own * 100).toFixed(0)}%` +
      (r.serverCpu.below > 0.005 ? `, its PostgreSQL ${(r.serverCpu.below * 100).toFixed(0)}%` : "") +
      `, this bench's 50 clients ${(r.benchCpu * 100).toFixed(0)}%  (load1 ${loadavg()[0].toFixed(2)})`,
  );
  console.log(`  bench event-loop delay (clients' process): p50 ${fmtMs(r.loopDelay.p50)}  p99 ${fmtMs(r.loopDelay.p99)}  max ${fmtMs(r.loopDelay.max)}`);
  if (r.saved) console.log(`  "saved" acknowledgements received: ${r.saved} for ${r.edits} edits + ${r.clients.length} sync replies (one per stored batch and sender)`);
  if (r.transactions !== undefined) console.log(`  database transactions while sending and draining: ${r.transactions} for ${r.edits} edits`);
  console.log(`  lost: ${r.missing === 0 ? "none, every client has every key" : `${r.missing} key(s) missing across clients`}`);
}

/**
 * After everyone has left, a fresh client must get every key from a document loaded from
 * PostgreSQL: a probe row written straight to the database shows it was. While the server
 * still holds the document (compacting and unloading), the probe is missing: retry.
 */
async function checkDurability(server: BenchServer, sql: postgres.Sql, meetingId: string, cookie: string, keys: string[]) {
  const started = performance.now();
  for (let attempt = 1; performance.now() - started < 30_000; attempt++) {
    await sleep(200);
    const probe = `durability-${attempt}`;
    await insertProbe(sql, meetingId, probe);
    const { client } = await connectSynced(server.url, meetingId, cookie);
    const fromStore = hasProbe(client, probe);
    const map = client.doc.getMap(MAP);
    const present = keys.filter((k) => map.has(k)).length;
    client.destroy();
    if (fromStore) return { present, attempts: attempt, ms: performance.now() - started };
  }
  throw new Error("the server still held the document in memory 30 s after every client had left");
}

// 2 start-ups (≤ 60 s each) + 100 logins + 3 × (connect + 11 s idle + 12 s + drain) + statistics + durability: ~2 min unless hung.
await runBench(5 * 60_000, async (server, defer) => {
  let failed = false;
  console.log(`Realtime fan-out benchmark against ${server.url} (NODE_ENV=production, ready in ${fmtMs(server.readyMs)}); load1 ${loadavg()[0].toFixed(2)}`);
  // Registered up front so that, run in reverse, clients go first, then the database, then the relay.
  let relay: BareRelay | undefined;
  defer(() => relay?.stop());
  let sql: postgres.Sql | undefined = postgres(server.databaseUrl, { max: 2, onnotice: () => {} });
  defer(() => sql?.end());
  let clients: MinutesClient[] = [];
  defer(() => destroyAll(clients));
  const group = await stockholmSteeringGroup(sql);
  const [meetingId] = await insertMeetings(sql, group, 1, "Fan-out-bänk");
  const loginStarted = performance.now();
  const cookies = await loginSessions(server, group.writers.map((w) => w.email), EDITORS);
  console.log(
    `meeting ${meetingId}; ${EDITORS} sessions for ${group.writers.length} members (${group.writers.map((w) => w.email).join(", ")}) in ${fmtMs(performance.now() - loginStarted)}`,
  );

  const floor = await durableCommitFloor(sql);
  console.log(`floor of storing before relaying, one durable commit of a small row on this PostgreSQL: ${formatSummary(floor)}`);
  const samrad = await runFanout(server.url, meetingId, cookies, server.child.pid!, sql);
  clients = samrad.clients;
  report(`Samråd (${EDITORS} editors × ${EDITS_PER_SECOND} edits/s, ${MEASURED_SECONDS} s measured after ${WARMUP_EDITS} warm-up edits each)`, samrad, "server");
  if (samrad.missing > 0 || samrad.deliveredTotal < samrad.expectedDeliveries) failed = true;

  await destroyAll(clients);
  clients = [];
  const keys = Array.from({ length: EDITORS }, (_, i) => Array.from({ length: EDITS_PER_EDITOR }, (_, s) => `${i}:${s}`)).flat();
  const durable = await checkDurability(server, sql, meetingId, cookies[0], keys);
  const [stored] = await sql<{ snapshotBytes: number; updates: number }[]>`
    select m.snapshot_bytes as "snapshotBytes", (select count(*)::int from minutes_updates u where u.meeting_id = m.meeting_id) as updates
    from minutes m where m.meeting_id = ${meetingId}`;
  console.log(
    `  durability: a fresh client on the document reloaded from PostgreSQL has ${durable.present}/${keys.length} keys ` +
      `(unloaded and reloaded ${fmtMs(durable.ms)} after the last client left, attempt ${durable.attempts}); ` +
      `stored: snapshot ${stored.snapshotBytes} bytes + ${stored.updates} update rows`,
  );
  if (durable.present !== keys.length) failed = true;

  await sql.end();
  sql = undefined;
  await stopServer(server);

  // Two instances: the same workload on WEB_CONCURRENCY=2, the primary handing the 50 sockets to
  // the two workers in turn, so each edit reaches half the editors through the relay (LISTEN/NOTIFY,
  // or Redis when REDIS_URL is set in this shell) after the other instance stored it.
  const twoDir = await makeDataDir();
  defer(() => removeDataDir(twoDir));
  const pair = await startServer(twoDir, { workers: 2 });
  defer(() => stopServer(pair));
  sql = postgres(pair.databaseUrl, { max: 2, onnotice: () => {} });
  const pairGroup = await stockholmSteeringGroup(sql);
  const [pairMeeting] = await insertMeetings(sql, pairGroup, 1, "Fan-out-bänk, två instanser");
  const pairCookies = await loginSessions(pair, pairGroup.writers.map((w) => w.email), EDITORS);
  const two = await runFanout(pair.url, pairMeeting, pairCookies, pair.child.pid!, sql);
  clients = two.clients;
  const relayedBy = process.env.REDIS_URL ? "Redis" : "PostgreSQL LISTEN/NOTIFY";
  report(`Samråd, two instances (WEB_CONCURRENCY=2, relayed by ${relayedBy}; same workload)`, two, "primary");
  console.log("  (the CPU of both workers is counted under \"its PostgreSQL\": they are the primary's children too)");
  if (two.missing > 0 || two.deliveredTotal < two.expectedDeliveries) failed = true;
  await destroyAll(clients);
  clients = [];
  await sql.end();
  sql = undefined;
  await stopServer(pair);

  relay = await startBareRelay();
  const bare = await runFanout(relay.url, "00000000-0000-4000-8000-000000000000", Array.from({ length: EDITORS }), relay.child.pid!);
  clients = bare.clients;
  report(`Bare relay baseline (ws + y-protocols, Y.Doc and Awareness in memory, no auth, no storage; same workload; Samråd server stopped)`, bare, "relay");
  if (bare.missing > 0) console.log("  (the bare relay lost updates: a flaw of the baseline, not of Samråd)");
  await destroyAll(clients);
  clients = [];

  console.log(`\nSummary (fan-out latency per delivery, ${EDITORS} clients, ${samrad.allReceived.count} measured edits × ${EDITORS - 1} receivers)`);
  console.log(`  Samråd:     p50 ${fmtMs(samrad.deliveries.p50)}  p95 ${fmtMs(samrad.deliveries.p95)}  p99 ${fmtMs(samrad.deliveries.p99)}  max ${fmtMs(samrad.deliveries.max)}`);
  console.log(`  bare relay: p50 ${fmtMs(bare.deliveries.p50)}  p95 ${fmtMs(bare.deliveries.p95)}  p99 ${fmtMs(bare.deliveries.p99)}  max ${fmtMs(bare.deliveries.max)}`);
  console.log(
    `  ratio Samråd / bare: p50 ×${(samrad.deliveries.p50 / bare.deliveries.p50).toFixed(2)}  p95 ×${(samrad.deliveries.p95 / bare.deliveries.p95).toFixed(2)}  p99 ×${(samrad.deliveries.p99 / bare.deliveries.p99).toFixed(2)}`,
  );
  console.log(`  durable commit floor: p50 ${fmtMs(floor.p50)}  p95 ${fmtMs(floor.p95)}  p99 ${fmtMs(floor.p99)}`);
  console.log(`  two instances: p50 ${fmtMs(two.deliveries.p50)}  p95 ${fmtMs(two.deliveries.p95)}  p99 ${fmtMs(two.deliveries.p99)}  max ${fmtMs(two.deliveries.max)}`);
  console.log(`  ratio two instances / one: p50 ×${(two.deliveries.p50 / samrad.deliveries.p50).toFixed(2)}  p95 ×${(two.deliveries.p95 / samrad.deliveries.p95).toFixed(2)}`);
  budget(`fan-out p95 at ${EDITORS} editors`, samrad.deliveries.p95, P95_BUDGET_MS);
  budget(`two instances' p95 over one instance's (×)`, two.deliveries.p95 / samrad.deliveries.p95, TWO_INSTANCES_MAX_RATIO, (n) => `×${n.toFixed(2)}`);
  budget(`fan-out p99 at ${EDITORS} editors`, samrad.deliveries.p99, P99_BUDGET_MS);
  if (failed) console.log("FAILED: updates were lost (see above)");
  return failed;
});
