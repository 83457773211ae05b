import { desc } from "drizzle-orm";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../app/config.server";
import { startSamrad, type RunningServer } from "../../app/http/server.server";
import { outbox } from "../../db/schema";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";

let t: TestDatabase;
let app: RunningServer;
let http: ReturnType<typeof client>;
beforeAll(async () => {
  t = await freshDatabase();
  app = await startTestServer(t.url);
  http = client(app.url);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const ADMIN = "admin@samrad.test";
const MEMBER = "osteraker.kommun@samrad.test";

function directives(res: Response): Map<string, string> {
  const csp = res.headers.get("content-security-policy") ?? "";
  return new Map(csp.split(";").map((d) => d.trim().split(/\s+(.*)/s).slice(0, 2) as [string, string]));
}

describe("security headers of the built app", () => {
  it("puts this response's CSP nonce on every script, and a fresh one on the next response", async () => {
    const res = await http.get("/login");
    const scriptSrc = directives(res).get("script-src") ?? "";
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1];
    expect(nonce).toBeDefined();
    expect(scriptSrc).not.toContain("unsafe-inline");
    const scripts = (await res.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(2); // Remix's context, route modules and scroll restoration
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    const next = await http.get("/login");
    expect(directives(next).get("script-src")).not.toContain(nonce);
  });

  it("forbids framing, sniffing, foreign connections and cross-site referrers; no HSTS without an https PUBLIC_URL", async () => {
    for (const path of ["/login", "/no/such/page", "/assets/no-such-file.js"]) {
      const res = await http.get(path);
      const csp = directives(res);
      expect(csp.get("frame-ancestors"), path).toBe("'none'");
      expect(csp.get("default-src"), path).toBe("'self'");
      expect(csp.get("object-src"), path).toBe("'none'");
      expect(csp.get("connect-src"), path).toBe(`'self' ${app.url.replace(/^http/, "ws")}`);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(res.headers.get("strict-transport-security"), path).toBeNull();
    }
  });
});

describe("with an https PUBLIC_URL", () => {
  let site: RunningServer;
  beforeAll(async () => {
    site = await startSamrad({ ...readConfig({ NODE_ENV: "test", PUBLIC_URL: "https://samrad.kommun.se" }), databaseUrl: t.url, port: 0 });
  });
  afterAll(() => site?.close());

  it("sends HSTS and allows the socket to the public origin", async () => {
    const res = await fetch(site.url + "/login");
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect(directives(res).get("connect-src")).toBe("'self' wss://samrad.kommun.se");
  });

  it("takes only PUBLIC_URL's origin as this site's", async () => {
    // As behind a TLS proxy that passes the Host header on.
    const login = (origin: string) => post(site.url, "/login", { host: "samrad.kommun.se", origin }, { email: ADMIN, password: "samrad-demo" });
    expect(await login("https://samrad.kommun.se")).toBe(302);
    for (const origin of ["http://samrad.kommun.se", "https://samrad.kommun.se:8443", new URL(site.url).origin]) {
      expect(await login(origin), origin).toBe(403);
    }
  });
});

describe("the Origin check", () => {
  it("compares scheme, host and port", async () => {
    const { port, hostname } = new URL(app.url);
    const form = { email: ADMIN, password: "samrad-demo" };
    expect((await http.post("/login", form)).status).toBe(302);
    for (const origin of [`https://${hostname}:${port}`, `http://${hostname}:${Number(port) + 1}`, `http://localhost:${port}`, "null"]) {
      expect((await http.post("/login", form, { origin })).status, origin).toBe(403);
    }
  });
});

describe("the outbox", () => {
  it("is an admin page: 404 for anonymous visitors and members, the queued mail for the administrator", async () => {
    await http.post("/admin/invitations", { email: "ny.ledamot@jouren.se" }, { cookie: await http.login(ADMIN) });
    expect((await http.get("/admin/outbox")).status).toBe(404);
    expect((await http.get("/admin/outbox", await http.login(MEMBER))).status).toBe(404);
    const page = await http.get("/admin/outbox", await http.login(ADMIN));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<h1>Utkorg</h1>");
    expect(html).toMatch(new RegExp(`${app.url}/invite/[a-z2-7]{32}`));
  });

  it("is no longer at /dev/mail, for anyone", async () => {
    expect((await http.get("/dev/mail")).status).toBe(404);
    expect((await http.get("/dev/mail", await http.login(ADMIN))).status).toBe(404);
  });
});

/** A form post with Host and Origin headers of the caller's choosing (fetch sends its own Host). */
function post(url: string, path: string, headers: { host: string; origin: string; cookie?: string }, form: Record<string, string>) {
  const body = new URLSearchParams(form).toString();
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(url + path, {
      method: "POST",
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("links in e-mail", () => {
  it("point to the server's own address without PUBLIC_URL, never to the request's Host header", async () => {
    const cookie = await http.login(ADMIN);
    const status = await post(app.url, "/admin/invitations", { host: "evil.example", origin: "http://evil.example", cookie }, { email: "host.test@jouren.se" });
    expect(status).toBe(200);
    const [mail] = await t.db.select().from(outbox).orderBy(desc(outbox.id)).limit(1);
    expect(mail.to).toBe("host.test@jouren.se");
    expect(mail.body).not.toContain("evil.example");
    expect(mail.body).toMatch(new RegExp(`${app.url}/invite/[a-z2-7]{32}`));
  });
});
