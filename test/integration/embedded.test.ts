import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, expect, it } from "vitest";
import { spawnServer } from "../support/child-server";
import { freePort } from "../support/ports";
import { client, sessionCookieFrom } from "../support/server";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

it("starts on an embedded PostgreSQL, survives kill -9 and keeps its data", { timeout: 120_000 }, async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), "samrad-embedded-"));
  dirs.push(dataDir);
  // A data directory below a private (0700) folder, as in a checkout made with mktemp -d: as
  // root, the postgres system user needs search permission on every folder on the way.
  const env = { DATABASE_URL: "", DATA_DIR: path.join(dataDir, "checkout", ".data"), EMBEDDED_PG_PORT: String(await freePort()) };

  const first = await spawnServer("", env);
  expect(first.output()).toContain("Demodata från de fyra överenskommelserna har lagts in.");
  if (process.getuid?.() === 0) expect(first.output()).toContain(`sökrätt (o+x) till ${dataDir} `);
  const login = await client(first.url).post("/login", { email: "admin@samrad.test", password: "samrad-demo" });
  const cookie = sessionCookieFrom(login);
  expect(cookie).toBeDefined();
  // The server dies without cleaning up: its PostgreSQL is left running, holding postmaster.pid.
  await first.stop("SIGKILL");

  const second = await spawnServer("", env);
  try {
    const page = await client(second.url).get("/", cookie);
    expect(page.status).toBe(200); // the session written before the crash is still there
    expect(await page.text()).toContain("Välkommen, Samordnare Admin.");
    expect(second.output()).not.toContain("Demodata"); // not seeded twice
    // Samråd talks to its own server over the Unix socket in the data directory (no client address), not TCP.
    const sql = postgres(`postgres://samrad:samrad@127.0.0.1:${env.EMBEDDED_PG_PORT}/samrad`, { max: 1 });
    const backends = await sql<{ socket: boolean }[]>`select client_addr is null as socket from pg_stat_activity
      where datname = 'samrad' and backend_type = 'client backend' and pid <> pg_backend_pid()`;
    await sql.end();
    expect(backends.length).toBeGreaterThan(0);
    expect(backends.every((b) => b.socket)).toBe(true);
  } finally {
    await second.stop();
  }
});
