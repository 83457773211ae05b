/**
 * PostgreSQL stops, freezes or is killed under a running app: the app stays up, /healthz says so
 * within 3 s, pages answer the Swedish 503 page and the API a JSON 503, no request hangs, and
 * everything answers again once the database does, without restarting the app.
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { createDatabaseIfMissing } from "../../db/database";
import { startEmbeddedPostgres } from "../../db/embedded";
import { spawnServer, type ChildServer } from "../support/child-server";
import { freePort } from "../support/ports";
import { healthBecomes, tempDirs } from "../support/outage";
import { client } from "../support/server";

const MEMBER = "boras.stad@samrad.test";
const tempDir = tempDirs("samrad-outage-");

/** A member's session cookie and API token, both kept in the database. */
async function memberWithToken(app: ChildServer) {
  const http = client(app.url);
  const cookie = await http.login(MEMBER);
  const settings = await http.post("/settings", { intent: "create-token", name: "Ärendesystem" }, { cookie });
  const token = (await settings.text()).match(/<code class="secret">([a-z2-7]{32})<\/code>/)![1];
  return { cookie, token };
}

async function expectUnavailable(app: ChildServer, cookie: string, token: string) {
  const anonymousPage = fetch(`${app.url}/invite/${randomBytes(20).toString("hex")}`); // its loader reads the database
  const viaToken = fetch(`${app.url}/api/partnerships`, { headers: { authorization: `Bearer ${token}` } });
  for (const res of [await anonymousPage, await fetch(app.url + "/", { headers: { cookie } }), await fetch(app.url + "/login")]) {
    expect(res.status, res.url).toBe(503);
    const html = await res.text();
    expect(html, res.url).toContain('<html lang="sv"');
    expect(html, res.url).toContain("Tjänsten är tillfälligt otillgänglig");
  }
  for (const res of [await viaToken, await fetch(app.url + "/api/partnerships", { headers: { cookie } })]) {
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ error: "service unavailable" });
  }
}

async function expectServing(app: ChildServer, cookie: string, token: string) {
  const page = await fetch(app.url + "/", { headers: { cookie } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Välkommen, Per Nyström.");
  expect((await fetch(app.url + "/api/partnerships", { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
}

/** Once /healthz is 200 again, pages follow within a few seconds: every pooled connection is tried first. */
async function expectServingAgain(app: ChildServer, cookie: string, token: string) {
  const deadline = Date.now() + 5000;
  while ((await fetch(app.url + "/", { headers: { cookie } })).status !== 200) {
    if (Date.now() > deadline) throw new Error(`pages still 503 5 s after /healthz was 200:\n${app.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await expectServing(app, cookie, token);
}

/** The postmaster named in the data directory and its children (backends, checkpointer …). */
async function postgresProcesses(dataDir: string): Promise<number[]> {
  const postmaster = Number((await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
  const children = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === postmaster;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

it("answers 503 while PostgreSQL is stopped or frozen, and serves again when it is back", { timeout: 180_000 }, async () => {
  const pgDir = path.join(await tempDir(), "pg");
  const port = await freePort();
  let pg = await startEmbeddedPostgres(pgDir, port);
  await createDatabaseIfMissing(pg.url("postgres"), "samrad");
  const app = await spawnServer(pg.url("samrad"));
  try {
    const { cookie, token } = await memberWithToken(app);
    await expectServing(app, cookie, token);

    await pg.stop();
    await expectUnavailable(app, cookie, token);
    await healthBecomes(app, 503, 0);

    pg = await startEmbeddedPostgres(pgDir, port);
    await healthBecomes(app, 200, 10_000);
    await expectServingAgain(app, cookie, token);

    // Frozen: connections stay open and nothing answers. A request is cut off, not held.
    const frozen = await postgresProcesses(pgDir);
    for (const pid of frozen) process.kill(pid, "SIGSTOP");
    try {
      const started = Date.now();
      const res = await fetch(app.url + "/", { headers: { cookie } });
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(12_000);
      await healthBecomes(app, 503, 0);
      await expectUnavailable(app, cookie, token);
    } finally {
      for (const pid of frozen) process.kill(pid, "SIGCONT");
    }
    await healthBecomes(app, 200, 15_000);
    await expectServingAgain(app, cookie, token);
    expect(app.process.exitCode).toBeNull();
  } finally {
    await app.stop();
    await pg.stop();
  }
});

it("starts its embedded PostgreSQL again after a kill -9", { timeout: 120_000 }, async () => {
  const dataDir = path.join(await tempDir(), ".data");
  const app = await spawnServer("", { DATABASE_URL: "", DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) });
  try {
    const { cookie, token } = await memberWithToken(app);
    const [postmaster] = await postgresProcesses(path.join(dataDir, "pg"));
    process.kill(postmaster, "SIGKILL");
    await healthBecomes(app, 503, 5_000);
    await healthBecomes(app, 200, 30_000);
    expect(app.output()).toContain(`[postgres] Den inbäddade PostgreSQL-servern (pid ${postmaster}) har stannat; startar om den.`);
    const [again] = await postgresProcesses(path.join(dataDir, "pg"));
    expect(again).not.toBe(postmaster);
    await expectServingAgain(app, cookie, token); // the session and token written before the kill are still there
    expect(app.process.exitCode).toBeNull();
  } finally {
    await app.stop();
  }
});
