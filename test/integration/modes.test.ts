import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { once } from "node:events";
import { request } from "node:http";
import { createServer, type AddressInfo, type Server } from "node:net";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { spawnServer, type ChildServer } from "../support/child-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startTestServer } from "../support/server";

/** Runs server.ts until it exits on its own; for settings it must refuse. */
function runServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(killer);
      resolve({ code, output });
    }),
  );
}

describe("settings the server refuses to start with", () => {
  it("production on a non-loopback address without PUBLIC_URL", async () => {
    const { code, output } = await runServer({ NODE_ENV: "production", HOST: "0.0.0.0", PUBLIC_URL: "", PORT: "0" });
    expect(code).toBe(1);
    expect(output).toContain("Samråd startar inte: HOST=0.0.0.0 kräver PUBLIC_URL");
  });

  it("development on a non-loopback address, PUBLIC_URL or not", async () => {
    const { code, output } = await runServer({ NODE_ENV: "development", HOST: "0.0.0.0", PUBLIC_URL: "https://samrad.kommun.se", PORT: "0" });
    expect(code).toBe(1);
    expect(output).toContain("Samråd startar inte: HOST=0.0.0.0: utvecklings- och testläget lyssnar bara på loopback");
  });

  // A second start in the same checkout, or another program on the port: a sentence saying which setting
  // to change, and no embedded PostgreSQL started (nor one left running) for a server that cannot listen.
  describe.each(["PORT", "EMBEDDED_PG_PORT"] as const)("%s already taken", (setting) => {
    let taken: Server;
    let port: number;
    const dataDir = path.resolve(`.data/test-taken-${randomBytes(6).toString("hex")}`);
    beforeAll(async () => {
      taken = createServer().listen(0, "127.0.0.1");
      await once(taken, "listening");
      port = (taken.address() as AddressInfo).port;
    });
    afterAll(async () => {
      taken.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it("refuses in a sentence and starts no database", async () => {
      const ports: Record<string, string> = setting === "PORT" ? { PORT: String(port) } : { PORT: "0", EMBEDDED_PG_PORT: String(port) };
      const { code, output } = await runServer({ NODE_ENV: "test", DATABASE_URL: "", DATA_DIR: dataDir, ...ports });
      expect(code).toBe(1);
      expect(output).toContain(`Samråd startar inte: ${setting}=${port}: porten används redan på 127.0.0.1.`);
      expect(output).toContain(`${setting}=${port + 1}`);
      expect(output).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(path.join(dataDir, "pg/postmaster.pid"))).toBe(false);
    });
  });
});

/** A GET sent exactly as written (no normalising of `..`), with the answer's status and text. */
function get(base: string, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(base, { path: urlPath }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

// A file in the data directory's place that must never be served.
const probe = `.data/probe-${randomBytes(6).toString("hex")}.txt`;
const secret = `hemligt ${randomBytes(12).toString("hex")}`;

/** Request path → the file whose text must not come back; `module`: the browser loads it in development (transformed). */
const FILES: { url: string; file: string; module?: true }[] = [
  { url: "/package.json", file: "package.json" },
  { url: "/package-lock.json", file: "package-lock.json" },
  { url: "/node_modules/.package-lock.json", file: "node_modules/.package-lock.json" },
  { url: "/node_modules/react/package.json", file: "node_modules/react/package.json" },
  { url: "/.data/pg/PG_VERSION", file: ".data/pg/PG_VERSION" },
  { url: `/${probe}`, file: probe },
  { url: `/@fs${path.resolve(probe)}`, file: probe },
  { url: "/app/root.tsx", file: "app/root.tsx", module: true },
  { url: "/app/root.tsx?raw", file: "app/root.tsx" },
  { url: "/app/root.tsx?import&raw", file: "app/root.tsx" },
  { url: "/app/routes/settings.tsx?raw", file: "app/routes/settings.tsx" },
  { url: "/app/auth/session.server.ts", file: "app/auth/session.server.ts" },
  { url: "/app/auth/session.server.ts?import", file: "app/auth/session.server.ts" },
  { url: "/app/auth/session%2Eserver.ts", file: "app/auth/session.server.ts" },
  { url: "/app/config.server.ts", file: "app/config.server.ts" },
  { url: "/@fs/etc/passwd", file: "/etc/passwd" },
  { url: `/@fs${path.resolve("package.json")}`, file: "package.json" },
  { url: "/app/../package.json", file: "package.json" },
  { url: "/node_modules/../server.ts", file: "server.ts" },
  { url: "/server.ts", file: "server.ts" },
  { url: "/db/schema.ts", file: "db/schema.ts" },
  { url: "/realtime/store.ts", file: "realtime/store.ts" },
  { url: "/test/support/db.ts", file: "test/support/db.ts" },
  { url: "/vite.config.ts", file: "vite.config.ts" },
  { url: "/tsconfig.json", file: "tsconfig.json" },
  { url: "/.git/config", file: ".git/config" },
  { url: "/build/server/index.js", file: "build/server/index.js" },
  { url: "/.vite/manifest.json", file: "build/client/.vite/manifest.json" },
];

async function expectNoProjectFiles(base: string, development: boolean) {
  for (const { url, file, module } of FILES) {
    if (!existsSync(file)) continue; // e.g. .data/pg when the embedded database never ran here
    const text = readFileSync(file, "utf8").trim();
    const res = await get(base, url);
    if (!(module && development)) expect([403, 404], url).toContain(res.status);
    // A file too short to recognise inside a page (PG_VERSION holds "17", which an asset's hash may
    // contain) must not be the whole answer; any longer one must not appear in it at all.
    const leaked = text.length < 16 ? res.body.trim() === text : res.body.includes(text);
    expect(leaked, `${url} returned ${file}`).toBe(false);
  }
}

beforeAll(async () => {
  await mkdir(".data", { recursive: true });
  await writeFile(probe, secret);
});
afterAll(() => rm(probe, { force: true }));

describe("no project file over HTTP", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase();
  });
  afterAll(() => t?.drop());

  it("from the built app (production and test)", async () => {
    const app: RunningServer = await startTestServer(t.url);
    try {
      await expectNoProjectFiles(app.url, false);
      expect((await get(app.url, "/login")).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("from Vite in development, which still serves the browser's modules", { timeout: 90_000 }, async () => {
    const dev: ChildServer = await spawnServer(t.url, { NODE_ENV: "development" });
    try {
      await expectNoProjectFiles(dev.url, true);
      const page = await get(dev.url, "/login");
      expect(page.status).toBe(200);
      // Module preloads and the inline scripts' imports: Remix's client entry, HMR runtime and route modules.
      const modules = [...new Set([...page.body.matchAll(/"(\/(?:@id|app|node_modules)\/[^"]+)"/g)].map((m) => m[1]))];
      expect(modules).toEqual(expect.arrayContaining(["/app/root.tsx", "/app/routes/login.tsx", "/@id/__x00__virtual:remix/inject-hmr-runtime"]));
      for (const url of modules) expect((await get(dev.url, url)).status, url).toBe(200);
    } finally {
      await dev.stop();
    }
  });
});
