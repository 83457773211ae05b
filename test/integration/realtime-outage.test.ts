/**
 * PostgreSQL goes away while two members write the minutes: the app stays up, /healthz says so
 * within 3 s, the edit written meanwhile stays in its browser and arrives when the database is
 * back, and nothing either member saw is missing from what is stored.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";
import { expect, it } from "vitest";
import { createDatabaseIfMissing } from "../../db/database";
import { startEmbeddedPostgres } from "../../db/embedded";
import { spawnServer, type ChildServer } from "../support/child-server";
import { stockholmSteeringMeetings } from "../support/demo";
import { freePort } from "../support/ports";
import { healthBecomes, tempDirs } from "../support/outage";
import { client } from "../support/server";
import { eventually, minutesClient, typeInto } from "../support/yclient";

const tempDir = tempDirs("samrad-outage-");

/** Two members write; the database goes down and comes back; returns the app that ran throughout. */
async function editThroughOutage(
  start: () => Promise<ChildServer>,
  databaseUrl: string,
  outage: { down: () => Promise<void>; up: () => Promise<void>; restartsItself?: boolean },
) {
  let app = await start();
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const [meetingId] = await stockholmSteeringMeetings(sql);
  await sql.end();
  const http = client(app.url);
  const a = minutesClient(app.url, meetingId, await http.login("stockholm.bo-gotland@samrad.test"));
  const b = minutesClient(app.url, meetingId, await http.login("stockholm.bo-sodra@samrad.test"));
  try {
    await Promise.all([a.synced, b.synced]);
    typeInto(a, "Före avbrottet. ");
    await eventually(() => b.text().includes("Före avbrottet."), "the first edit");

    await outage.down();
    await healthBecomes(app, 503, 5000);
    const page = await fetch(app.url + "/login");
    expect(page.status).toBe(503);
    expect(await page.text()).toContain("tillfälligt");
    typeInto(a, "Under avbrottet. ");
    if (!outage.restartsItself) {
      // Held down by the test: the edit cannot be stored, so it must not reach B either.
      await new Promise((r) => setTimeout(r, 1000));
      expect(b.text()).not.toContain("Under avbrottet.");
    }
    expect(app.process.exitCode).toBeNull();

    await outage.up();
    await healthBecomes(app, 200, 60_000);
    // A's client kept the edit and sends it when its socket is let in again.
    await eventually(() => b.text().includes("Under avbrottet."), "the edit made during the outage", 30_000);
    typeInto(b, "Efter avbrottet. ");
    await eventually(() => a.text().includes("Efter avbrottet."), "an edit after the outage", 10_000);
    expect(app.process.exitCode).toBeNull();
    const seen = b.text();

    a.destroy();
    b.destroy();
    await app.stop();
    app = await start();
    const reloaded = minutesClient(app.url, meetingId, await client(app.url).login("stockholm.bo-vasterort@samrad.test"));
    await reloaded.synced;
    expect(reloaded.text()).toBe(seen);
    reloaded.destroy();
  } finally {
    a.destroy();
    b.destroy();
    await app.stop();
  }
}

it("keeps live minutes through a PostgreSQL server that stops and starts again", { timeout: 180_000 }, async () => {
  const dir = await tempDir();
  const port = await freePort();
  let pg = await startEmbeddedPostgres(path.join(dir, "pg"), port);
  await createDatabaseIfMissing(pg.url("postgres"), "samrad");
  try {
    await editThroughOutage(() => spawnServer(pg.url("samrad")), pg.url("samrad"), {
      down: () => pg.stop(),
      up: async () => {
        pg = await startEmbeddedPostgres(path.join(dir, "pg"), port);
      },
    });
  } finally {
    await pg.stop();
  }
});

it("keeps live minutes when its own embedded PostgreSQL is killed, starting it again", { timeout: 180_000 }, async () => {
  const dataDir = path.join(await tempDir(), ".data");
  const port = await freePort();
  const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) };
  const databaseUrl = `postgres://samrad:samrad@127.0.0.1:${port}/samrad`;
  const postmaster = async () => Number((await readFile(path.join(dataDir, "pg", "postmaster.pid"), "utf8")).split("\n")[0]);
  await editThroughOutage(() => spawnServer("", env), databaseUrl, {
    down: async () => void process.kill(await postmaster(), "SIGKILL"),
    up: async () => {}, // the app notices and starts it again by itself
    restartsItself: true,
  });
});
