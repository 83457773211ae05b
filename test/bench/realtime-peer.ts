/**
 * Live minutes beside their peers, in one run: the shared harness (`../shared/bench/realtime-peer.mjs`)
 * measures a bare y-websocket relay and Hocuspocus, and this script points its `target` at
 * Samråd's production server (fresh DATA_DIR, demo data, a throwaway meeting, one session).
 *
 * The harness needs its own packages (Hocuspocus is not Samråd's dependency): install them in a
 * folder as its README says, copy the harness there, and name the folder in PEER_DIR:
 *
 *   PEER_DIR=/tmp/peer npx tsx test/bench/realtime-peer.ts [harness options, e.g. --editors 50 --seconds 20]
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { formatSummary, runBench } from "./lib";
import { durableCommitFloor, insertMeetings, loginSessions, stockholmSteeringGroup } from "./realtime-lib";

const peerDir = process.env.PEER_DIR;
if (!peerDir || !existsSync(path.join(peerDir, "realtime-peer.mjs"))) {
  console.error("Set PEER_DIR to a folder holding realtime-peer.mjs and its packages (see ../shared/bench/README.md).");
  process.exit(2);
}

await runBench(30 * 60_000, async (server, defer) => {
  const sql = postgres(server.databaseUrl, { max: 2, onnotice: () => {} });
  defer(() => sql.end());
  const group = await stockholmSteeringGroup(sql);
  const [meetingId] = await insertMeetings(sql, group, 1, "Jämförelse med andra servrar");
  const [cookie] = await loginSessions(server, [group.writers[0].email], 1);
  const args = process.argv.slice(2);
  const harness = spawn(process.execPath, ["realtime-peer.mjs", "--servers", "bare,hocuspocus,target", ...args], {
    cwd: peerDir,
    stdio: "inherit",
    env: {
      ...process.env,
      TARGET_URL: `${server.url.replace(/^http/, "ws")}/realtime`,
      TARGET_ROOM: `minutes-${meetingId}`,
      TARGET_COOKIE: cookie,
      TARGET_ORIGIN: server.url,
      TARGET_PID: String(server.child.pid),
    },
  });
  const code = await new Promise<number>((resolve) => harness.on("exit", (c) => resolve(c ?? 1)));
  // Samråd stores each edit before relaying it; Hocuspocus and the bare relay do not. One durable
  // commit on the same PostgreSQL, measured after the harness, is the least that costs.
  const floor = await durableCommitFloor(sql);
  console.log(`\nfloor of storing before relaying (one durable commit of a small row, Samråd's PostgreSQL): ${formatSummary(floor)}`);
  return code !== 0;
});
