/**
 * Realtime capacity benchmark: 2,000 open y-websocket sockets on 500 meetings in one server
 * process, against the production server (fresh temporary DATA_DIR, demo data).
 *
 *   setup:    500 new meetings (7-item template agenda each) for the demo Stockholm steering
 *             group (2021/630), inserted straight into PostgreSQL; its 4 writing members log in
 *             once each. Meeting m gets 4 sockets, one per member, so every document is shared.
 *   connect:  the 2,000 sockets in batches of 100 (25 meetings), each batch all synced before the
 *             next starts; the first socket of a meeting makes its minutes. Reports time to
 *             connect all and connect + sync latency per socket.
 *   edits:    one edit per meeting (a key in a Y.Map "bench"), 100 meetings per second; each must
 *             reach the meeting's 3 other sockets within 15 s. A missing delivery, a refused or
 *             dropped socket fails the run.
 *   memory:   the SERVER process's RSS (/proc/<pid>/status VmRSS; its embedded PostgreSQL is not
 *             in it) before, with all sockets open, after the edits, and after all closed and
 *             the 500 documents unloaded (each leaves a draft version). Budget: < 1 GiB open.
 *
 * The 2,000 clients run in this process. Both processes need 2,000+ file descriptors: the
 * bench checks the limits and raises them with prlimit when it can, or says what to do.
 * Run: npx tsx test/bench/realtime-sockets.ts
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import type * as Y from "yjs";
import type { MinutesClient } from "../support/yclient";
import {
  budget,
  fmtMs,
  fmtS,
  formatSummary,
  runBench,
  sleep,
  summarize,
} from "./lib";
import {
  settledTransactions,
  connectSynced,
  cpuMeter,
  cpuShare,
  destroyAll,
  ensureNofile,
  fmtMiB,
  insertMeetings,
  loginSessions,
  rssOf,
  stockholmSteeringGroup,
  waitFor,
} from "./realtime-lib";

const MEETINGS = 500;
const PER_MEETING = 4;
const SOCKETS = MEETINGS * PER_MEETING;
const BATCH = 100;
const EDITS_PER_SECOND = 100;
const DELIVERY_TIMEOUT_MS = 15_000;
const RSS_BUDGET_BYTES = 1024 * 1024 * 1024;
/** Sockets plus what Node, PostgreSQL connections and files take besides. */
const FDS_NEEDED = SOCKETS + 512;

// Start-up + 500 meetings + 2,000 sockets + 5 s of edits + unloading 500 documents: ~1.5 min unless hung.
let benchFds = 0;
const clients: MinutesClient[] = [];
await runBench(3 * 60_000, async (server, defer) => {
  let failed = false;
  const pid = server.child.pid!;
  const serverFds = ensureNofile(pid, FDS_NEEDED, "the server");
  console.log(
    `Realtime sockets benchmark against ${server.url} (NODE_ENV=production, ready in ${fmtMs(server.readyMs)}, server pid ${pid}); ` +
      `open-file limits: bench ${benchFds}, server ${serverFds}; load1 ${loadavg()[0].toFixed(2)}`,
  );

  const sql = postgres(server.databaseUrl, { max: 2, onnotice: () => {} });
  defer(() => sql.end());
  defer(() => destroyAll(clients.filter(Boolean)));
  const group = await stockholmSteeringGroup(sql);
  let started = performance.now();
  const meetingIds = await insertMeetings(sql, group, MEETINGS, "Socketbänk");
  console.log(`added ${meetingIds.length} meetings with agendas to the steering group in ${fmtMs(performance.now() - started)}`);
  const cookies = await loginSessions(server, group.writers.map((w) => w.email), PER_MEETING);
  console.log(`${PER_MEETING} sessions, one per member: ${group.writers.map((w) => w.email).join(", ")}`);

  const xacts = await settledTransactions(sql); // also lets the server settle
  const before = rssOf(pid);
  console.log(`\nserver RSS before any socket: ${fmtMiB(before.rss)}`);

  // Connect in batches; socket s is member s % 4 on meeting floor(s / 4).
  const cpu = cpuMeter(pid);
  const benchCpu = process.cpuUsage();
  cpu.start();
  const syncMs: number[] = [];
  let refused = 0;
  let dropped = 0;
  const firstErrors: string[] = [];
  started = performance.now();
  for (let from = 0; from < SOCKETS; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, SOCKETS - from) }, (_, k) => from + k);
    const results = await Promise.allSettled(
      batch.map((s) => connectSynced(server.url, meetingIds[Math.floor(s / PER_MEETING)], cookies[s % PER_MEETING], 30_000)),
    );
    for (const [k, r] of results.entries()) {
      if (r.status === "fulfilled") {
        syncMs.push(r.value.syncMs);
        clients[batch[k]] = r.value.client;
        r.value.client.provider.on("status", (e: { status: string }) => void (e.status === "disconnected" && dropped++));
      } else {
        refused++;
        if (firstErrors.length < 3) firstErrors.push(String(r.reason));
      }
    }
  }
  const connectAllMs = performance.now() - started;
  const connectCpu = cpu.stop();
  const benchCpuShare = cpuShare(process.cpuUsage(benchCpu), connectAllMs);
  const open = clients.filter((c) => c?.provider.wsconnected).length;
  console.log(`connected ${open}/${SOCKETS} sockets on ${MEETINGS} meetings in ${fmtS(connectAllMs)} (batches of ${BATCH}, ${(open / (connectAllMs / 1000)).toFixed(0)} sockets/s)`);
  console.log(`  connect + sync per socket: ${formatSummary(summarize(syncMs))}`);
  console.log(
    `  CPU while connecting (share of one core): server ${(connectCpu.own * 100).toFixed(0)}%, its PostgreSQL ${(connectCpu.below * 100).toFixed(0)}%, ` +
      `this bench's clients ${(benchCpuShare * 100).toFixed(0)}%`,
  );
  if (refused) {
    failed = true;
    console.log(`  ${refused} socket(s) refused or not synced, e.g.:\n    ${firstErrors.join("\n    ")}`);
  }

  const connectXacts = (await settledTransactions(sql)) - xacts;
  console.log(`  database transactions while connecting: ${connectXacts} (${(connectXacts / MEETINGS).toFixed(1)} per meeting, ${(connectXacts / open).toFixed(1)} per socket)`);
  const connected = rssOf(pid);
  console.log(`server RSS with ${open} sockets open: ${fmtMiB(connected.rss)} (+${fmtMiB(connected.rss - before.rss)}, ≈${((connected.rss - before.rss) / open / 1024).toFixed(0)} KiB per socket)`);

  // One edit per meeting from its first socket, paced; the other three must all get it.
  const sentAt = new Array<number>(MEETINGS).fill(NaN);
  const receivedBy = new Array<number>(MEETINGS).fill(0);
  const latencies: number[] = [];
  for (const [s, client] of clients.entries()) {
    if (!client || s % PER_MEETING === 0) continue;
    const m = Math.floor(s / PER_MEETING);
    client.doc.getMap<number>("bench").observe((event: Y.YMapEvent<number>) => {
      if (event.transaction.local || !event.keysChanged.has("edit")) return;
      latencies.push(performance.now() - sentAt[m]);
      receivedBy[m]++;
    });
  }
  const editXacts = connectXacts + xacts;
  const editBenchCpu = process.cpuUsage();
  cpu.start();
  started = performance.now();
  for (let m = 0; m < MEETINGS; m++) {
    const due = started + (m * 1000) / EDITS_PER_SECOND;
    if (due > performance.now()) await sleep(due - performance.now());
    const sender = clients[m * PER_MEETING];
    if (!sender) continue;
    sentAt[m] = performance.now();
    sender.doc.getMap<number>("bench").set("edit", m);
  }
  const expected = clients.filter((c, s) => c && s % PER_MEETING !== 0 && clients[s - (s % PER_MEETING)]).length;
  await waitFor(() => latencies.length >= expected, DELIVERY_TIMEOUT_MS);
  const editCpu = cpu.stop();
  const editBenchShare = cpuShare(process.cpuUsage(editBenchCpu), performance.now() - started);
  const lostMeetings = receivedBy.filter((n, m) => clients[m * PER_MEETING] && n < PER_MEETING - 1).length;
  console.log(`\n${MEETINGS} edits, one per meeting at ${EDITS_PER_SECOND}/s: ${latencies.length}/${expected} deliveries to the other sockets`);
  console.log(`  delivery latency: ${formatSummary(summarize(latencies))}`);
  console.log(
    `  CPU while editing: server ${(editCpu.own * 100).toFixed(0)}%, its PostgreSQL ${(editCpu.below * 100).toFixed(0)}%, this bench's clients ${(editBenchShare * 100).toFixed(0)}%`,
  );
  const stillOpen = clients.filter((c) => c?.provider.wsconnected).length;
  console.log(
    `  lost: ${lostMeetings === 0 ? "none" : `${lostMeetings} meeting(s) where an edit did not reach every other socket`}; ` +
      `sockets still open ${stillOpen}/${open}, disconnects seen ${dropped}`,
  );
  if (lostMeetings > 0 || stillOpen < open || dropped > 0) failed = true;

  console.log(`  database transactions while editing: ${(await settledTransactions(sql)) - editXacts} for ${MEETINGS} edits`);
  const edited = rssOf(pid);
  console.log(`server RSS after the edits: ${fmtMiB(edited.rss)} (peak so far ${fmtMiB(edited.peak)})`);

  // Close everything; each document is compacted, saved as a draft version and unloaded.
  started = performance.now();
  await destroyAll(clients.splice(0));
  const unloaded = await waitFor(async () => {
    const [row] = await sql<{ n: number }[]>`select count(distinct meeting_id)::int as n from minutes_versions where meeting_id = any(${meetingIds}::uuid[])`;
    return row.n >= MEETINGS;
  }, 60_000, 250);
  const unloadMs = performance.now() - started;
  await sleep(1_000);
  const closed = rssOf(pid);
  console.log(
    `closed all sockets: ${unloaded ? `all ${MEETINGS} documents saved and unloaded in ${fmtS(unloadMs)}` : `documents still not all saved after ${fmtS(unloadMs)}`}; ` +
      `server RSS ${fmtMiB(closed.rss)} (peak ${fmtMiB(closed.peak)}); load1 ${loadavg()[0].toFixed(2)}`,
  );
  if (!unloaded) failed = true;

  console.log("");
  budget(`server RSS with ${open} sockets on ${MEETINGS} meetings`, Math.max(connected.rss, edited.rss), RSS_BUDGET_BYTES, fmtMiB);
  if (failed) console.log("FAILED: sockets refused or dropped, or edits lost (see above)");
  return failed;
}, () => {
  benchFds = ensureNofile(process.pid, FDS_NEEDED, "this bench process");
});
