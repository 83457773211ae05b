/**
 * Live minutes beside their peers, in one run: the shared harness (`../shared/bench/realtime-peer.mjs`)
 * measures a bare y-websocket relay and Hocuspocus, and this script points its `target` at
 * Samråd's production server (fresh DATA_DIR, demo data, a throwaway meeting, one session). Then it
 * points the harness at the bare relay storing each batch in Samråd's PostgreSQL before relaying it
 * (realtime-bare-relay.ts): the least a server that stores first can show, measured whole.
 *
 * The harness needs its own packages (Hocuspocus is not Samråd's dependency): install them in a
 * folder as its README says, copy the harness there, and name the folder in PEER_DIR:
 *
 *   PEER_DIR=/tmp/peer npx tsx test/bench/realtime-peer.ts [harness options, e.g. --editors 50 --seconds 20]
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { formatSummary, runBench, type Summary } from "./lib";
import { durableCommitFloor, insertMeetings, loginSessions, startBareRelay, stockholmSteeringGroup } from "./realtime-lib";

const peerDir = process.env.PEER_DIR;
if (!peerDir || !existsSync(path.join(peerDir, "realtime-peer.mjs"))) {
  console.error("Set PEER_DIR to a folder holding realtime-peer.mjs and its packages (see ../shared/bench/README.md).");
  process.exit(2);
}

/** One run of the harness over `servers`; its output goes to ours (and to `onOutput`), its results to `json`. */
function runHarness(servers: string, target: Record<string, string>, json: string, onOutput: (text: string) => void = () => {}) {
  const harness = spawn(process.execPath, ["realtime-peer.mjs", "--servers", servers, ...process.argv.slice(2), "--json", json], {
    cwd: peerDir,
    stdio: ["inherit", "pipe", "inherit"],
    env: { ...process.env, ...target },
  });
  harness.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    onOutput(chunk.toString());
  });
  return new Promise<number>((resolve) => harness.on("exit", (c) => resolve(c ?? 1)));
}

/**
 * Samråd stores each edit before relaying it; Hocuspocus and the bare relay do not. One durable
 * commit on the same PostgreSQL is the least that costs: timed during the harness's `target` run
 * (one every 50 ms, a fifth of its rate of edits), from its "run target" line to that line's end.
 */
function commitProbe(sql: postgres.Sql) {
  let timed: Promise<Summary> | undefined;
  let targetDone = () => {};
  return {
    onOutput(text: string) {
      const start = text.indexOf("run target");
      if (!timed && start >= 0)
        timed = durableCommitFloor(sql, { everyMs: 50, until: new Promise<void>((resolve) => (targetDone = resolve)) });
      if (timed && text.indexOf("\n", Math.max(start, 0)) >= 0) targetDone();
    },
    result() {
      targetDone();
      return timed;
    },
  };
}

const resultsIn = (json: string): PeerResult[] => (existsSync(json) ? JSON.parse(readFileSync(json, "utf8")).results : []);

/** PEER_ROUNDS=n repeats the whole comparison n times on one server, each round in a fresh meeting. */
const rounds = Math.max(1, Number(process.env.PEER_ROUNDS ?? 1) || 1);

await runBench(rounds * 30 * 60_000, async (server, defer) => {
  const sql = postgres(server.databaseUrl, { max: 2, onnotice: () => {} });
  defer(() => sql.end());
  const group = await stockholmSteeringGroup(sql);
  const [cookie] = await loginSessions(server, [group.writers[0].email], 1);
  const json = path.join(tmpdir(), `samrad-peer-${process.pid}.json`);
  const floorJson = path.join(tmpdir(), `samrad-peer-${process.pid}-floor.json`);
  defer(() => [json, floorJson].forEach((f) => rmSync(f, { force: true })));
  const tally: RoundVerdict[] = [];
  let failed = false;
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) console.log(`\n=== round ${round} of ${rounds}`);
    const [meetingId] = await insertMeetings(sql, group, 1, `Jämförelse med andra servrar ${round}`);
    const probe = commitProbe(sql);
    const code = await runHarness(
      "bare,hocuspocus,target",
      {
        TARGET_URL: `${server.url.replace(/^http/, "ws")}/realtime`,
        TARGET_ROOM: `minutes-${meetingId}`,
        TARGET_COOKIE: cookie,
        TARGET_ORIGIN: server.url,
        TARGET_PID: String(server.child.pid),
      },
      json,
      probe.onOutput,
    );
    const loaded = await probe.result();
    const floor = await durableCommitFloor(sql);
    console.log(`\nfloor of storing before relaying (one durable commit of a small row, Samråd's PostgreSQL): ${formatSummary(floor)}`);
    if (loaded) console.log(`the same during Samråd's run, one every 50 ms: ${formatSummary(loaded)}`);

    // The same floor measured whole: the bare relay storing each batch in Samråd's PostgreSQL before
    // relaying it, one INSERT in flight, nothing else (realtime-bare-relay.ts with storeFirstIn).
    // The same commits run beside it as beside Samråd, so both share PostgreSQL alike.
    console.log("\nthe bare relay storing first, as the least a server storing before relaying can show:");
    const storing = await startBareRelay({ storeFirstIn: server.socketUrl });
    const storingTarget = { TARGET_URL: `${storing.url.replace(/^http/, "ws")}/store-first`, TARGET_PID: String(storing.child.pid) };
    const storingProbe = commitProbe(sql);
    const floorCode = await runHarness("target", storingTarget, floorJson, storingProbe.onOutput);
    await storingProbe.result();
    await storing.stop();
    tally.push(...verdicts(resultsIn(json), resultsIn(floorJson), floor.p50, loaded?.p50));
    failed ||= code !== 0 || floorCode !== 0;
  }
  if (rounds > 1) summarizeRounds(tally);
  return failed;
});

interface PeerResult {
  kind: "bare" | "hocuspocus" | "target";
  editors: number;
  latency?: { p50: number; p99: number };
}

/** One round's figures at one number of editors, for the tally over rounds. */
interface RoundVerdict {
  editors: number;
  samrad: { p50: number; p99: number };
  bare: { p50: number; p99: number };
  hocuspocus: { p50: number; p99: number };
  storingFirst?: { p50: number; p99: number };
}

/**
 * The targets per number of editors: p50 ≤ Hocuspocus's and p99 ≤ 2 × the bare relay's. A server
 * that stores each edit durably before relaying it cannot beat the bare relay plus one commit, so
 * that sum is printed beside Hocuspocus's p50, and so is the bare relay storing first: when they are
 * higher, the target is out of reach for any server that stores first.
 */
function verdicts(results: PeerResult[], storingFirst: PeerResult[], commitP50: number, loadedCommitP50 = commitP50): RoundVerdict[] {
  const round: RoundVerdict[] = [];
  for (const editors of [...new Set(results.map((r) => r.editors))]) {
    const of = (kind: PeerResult["kind"]) => results.find((r) => r.kind === kind && r.editors === editors)?.latency;
    const [bare, hocuspocus, samrad] = [of("bare"), of("hocuspocus"), of("target")];
    if (!bare || !hocuspocus || !samrad) continue;
    const ms = (n: number) => `${n.toFixed(2)} ms`;
    const least = (commit: number, when: string) =>
      `bare ${ms(bare.p50)} + commit ${when} ${ms(commit)} = ${ms(bare.p50 + commit)}` +
      (bare.p50 + commit > hocuspocus.p50 ? " (above Hocuspocus's p50)" : "");
    console.log(
      `N=${editors}: p50 ${ms(samrad.p50)} ≤ Hocuspocus ${ms(hocuspocus.p50)}: ${samrad.p50 <= hocuspocus.p50 ? "MET" : "NOT MET"}; ` +
        `least possible storing first: ${least(commitP50, "alone")}; ${least(loadedCommitP50, "under the run's load")}`,
    );
    console.log(`N=${editors}: p99 ${ms(samrad.p99)} ≤ 2 × bare ${ms(2 * bare.p99)}: ${samrad.p99 <= 2 * bare.p99 ? "MET" : "NOT MET"}`);
    const floor = storingFirst.find((r) => r.editors === editors)?.latency;
    round.push({ editors, samrad, bare, hocuspocus, storingFirst: floor });
    if (!floor) continue;
    const p50 = `p50 ${ms(floor.p50)}${floor.p50 > hocuspocus.p50 ? " (above Hocuspocus's p50)" : ""}`;
    const p99 = `p99 ${ms(floor.p99)}${floor.p99 > 2 * bare.p99 ? " (above 2 × bare)" : ""}`;
    const ratios = `Samråd p50 ×${(samrad.p50 / floor.p50).toFixed(2)}, p99 ×${(samrad.p99 / floor.p99).toFixed(2)} of it`;
    console.log(`N=${editors}: the bare relay storing first: ${p50}, ${p99}; ${ratios}`);
  }
  return round;
}

/**
 * Over several rounds: how often each target was met by Samråd and by the bare relay storing
 * first. A target the least storing server misses as often as Samråd does is the machine's, not
 * Samråd's; the ratios to that relay say how far Samråd stays from it.
 */
function summarizeRounds(tally: RoundVerdict[]) {
  for (const editors of [...new Set(tally.map((t) => t.editors))]) {
    const runs = tally.filter((t) => t.editors === editors);
    const floored = runs.filter((t): t is Required<RoundVerdict> => Boolean(t.storingFirst));
    const met = (rows: RoundVerdict[], fig: (t: RoundVerdict) => { p50: number; p99: number } | undefined, p: "p50" | "p99") =>
      rows.filter((t) => (p === "p50" ? fig(t)!.p50 <= t.hocuspocus.p50 : fig(t)!.p99 <= 2 * t.bare.p99)).length;
    const range = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `×${sorted[0].toFixed(2)}–${sorted.at(-1)!.toFixed(2)} (median ×${sorted[Math.floor((sorted.length - 1) / 2)].toFixed(2)})`;
    };
    console.log(`\nN=${editors}, ${runs.length} rounds:`);
    for (const p of ["p50", "p99"] as const) {
      const target = p === "p50" ? "≤ Hocuspocus's p50" : "≤ 2 × bare p99";
      const floorMet = floored.length
        ? `; the bare relay storing first ${met(floored, (t) => t.storingFirst, p)} of ${floored.length}`
        : "";
      console.log(`  ${p} ${target}: Samråd met it in ${met(runs, (t) => t.samrad, p)} of ${runs.length}${floorMet}`);
    }
    if (floored.length) {
      console.log(
        `  Samråd against the bare relay storing first: p50 ${range(floored.map((t) => t.samrad.p50 / t.storingFirst.p50))}, p99 ${range(
          floored.map((t) => t.samrad.p99 / t.storingFirst.p99),
        )}`,
      );
    }
  }
}
