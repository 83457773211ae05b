import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { loginAttempts, sessions } from "../../db/schema";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, sessionCookieFrom, startTestServer } from "../support/server";

describe("HTTP edge of the foundation", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  const ADMIN = { email: "admin@samrad.test", password: "samrad-demo" };
  const countRows = async (table: typeof sessions | typeof loginAttempts) => (await t.db.select({ n: count() }).from(table))[0].n;

  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it("reports health", async () => {
    const res = await http.get("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("seeds the demo partnerships from the real agreements", async () => {
    const rows = await t.sql<{ name: string; org_number: string | null }[]>`select name, org_number from organisations order by name`;
    expect(rows.filter((r) => r.org_number).map((r) => r.org_number).sort()).toEqual(
      ["212000-0142", "802015-4822", "802476-1044", "802490-7720", "864501-5200"],
    );
    expect((await t.sql`select name from partnerships`).length).toBe(4);
  });

  it("sends an anonymous visitor to the login page", async () => {
    const res = await http.get("/admin/invitations");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fadmin%2Finvitations");
  });

  it("refuses a cross-origin POST with 403 and changes nothing", async () => {
    const before = { sessions: await countRows(sessions), attempts: await countRows(loginAttempts) };
    for (const origin of ["https://evil.example", null]) {
      const res = await http.post("/login", ADMIN, { origin });
      expect(res.status).toBe(403);
      expect(sessionCookieFrom(res)).toBeUndefined();
      expect(await res.text()).toContain("annan webbplats");
    }
    expect({ sessions: await countRows(sessions), attempts: await countRows(loginAttempts) }).toEqual(before);
  });

  it("refuses bodies over 1 MB before reading them", async () => {
    const res = await http.post("/login", { email: "a@b.se", password: "x".repeat(1024 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("för stor");
  });

  it("answers a body that is not a form with 400 and a Swedish message", async () => {
    const res = await fetch(app.url + "/login", {
      method: "POST",
      headers: { origin: app.url, "content-type": "multipart/form-data; boundary=nope" },
      body: "not multipart at all",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Formuläret kunde inte läsas");
  });

  it("logs in, keeps the session, and logs out by revoking it", async () => {
    const login = await http.post("/login", { ...ADMIN, redirectTo: "/admin/invitations" });
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toBe("/admin/invitations");
    const cookie = sessionCookieFrom(login)!;
    expect(login.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Lax/);

    const page = await http.get("/admin/invitations", cookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Bjud in en ny användare");

    const logout = await http.post("/logout", {}, { cookie });
    expect(logout.headers.get("location")).toBe("/login?loggedOut=1");
    expect((await http.get("/admin/invitations", cookie)).status).toBe(302);
  });

  it("treats a forged session cookie as logged out and clears it", async () => {
    const res = await http.get("/", "samrad_session=forgedforgedforgedforgedforgedfo");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login");
    expect(res.headers.get("set-cookie")).toMatch(/^samrad_session=; Max-Age=0/);
  });

  it("hides coordinator pages from members with a 404", async () => {
    const login = await http.post("/login", { email: "boras.jouren@samrad.test", password: "samrad-demo" });
    const cookie = sessionCookieFrom(login)!;
    const res = await http.get("/admin/invitations", cookie);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Sidan finns inte");
    const post = await http.post("/admin/invitations", { email: "x@y.se" }, { cookie });
    expect(post.status).toBe(404);
    expect((await t.sql`select 1 from invitations where email = 'x@y.se'`).length).toBe(0);
  });

  it("shows a Swedish 404 page for unknown routes", async () => {
    const res = await http.get("/finns/inte");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<html lang="sv"');
    expect(html).toContain("Sidan finns inte");
    expect(html).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it("answers in English when the browser prefers it", async () => {
    const res = await fetch(app.url + "/login", { headers: { "accept-language": "en-GB,en;q=0.9" } });
    expect(await res.text()).toContain('<html lang="en"');
  });

  it("makes the 4th attempt after 3 failures wait, even with the right password, and records it", async () => {
    const email = "stockholm.bo-sodra@samrad.test";
    for (let i = 0; i < 3; i++) {
      const res = await http.post("/login", { email, password: `fel-${i}` });
      expect(res.status).toBe(401);
      expect(await res.text()).toContain("Fel e-postadress eller lösenord.");
    }
    const fourth = await http.post("/login", { email, password: "samrad-demo" });
    expect(fourth.status).toBe(429);
    expect(sessionCookieFrom(fourth)).toBeUndefined();
    expect(await fourth.text()).toContain("För många misslyckade inloggningsförsök. Försök igen om");

    const rows = await t.db.select({ outcome: loginAttempts.outcome }).from(loginAttempts).where(eq(loginAttempts.email, email));
    expect(rows.map((r) => r.outcome)).toEqual(["failure", "failure", "failure", "throttled"]);
  });
});
