import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../app/auth/password.server";
import { checkPassword, reserveAttempt, type AttemptKey } from "../../app/auth/throttle.server";
import type { RunningServer } from "../../app/http/server.server";
import { shownAt } from "../support/answers";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, postFromAddress, sessionCookieFrom, startTestServer } from "../support/server";

describe("login you cannot race or weaponise", () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await freshDatabase();
  });
  afterAll(() => t.drop());

  describe("the throttle, on a pinned clock", () => {
    const start = new Date("2026-11-25T09:00:00Z").getTime();
    const at = (seconds: number) => new Date(start + seconds * 1000);
    const reserve = (key: AttemptKey, seconds: number) => reserveAttempt(t.db, key, at(seconds));
    const refused = (retryAfter: number) => ({ ok: false, reason: "throttled", retryAfter });
    const allowed = { ok: true, id: expect.any(Number) };

    /** Three free failures, then one after each wait; returns the time of the last. */
    async function failuresWithWaits(key: AttemptKey, waits: number[], from = 0) {
      for (let i = 0; i < 3; i++) expect(await reserve(key, from)).toEqual(allowed);
      let clock = from;
      for (const wait of waits) {
        expect(await reserve(key, clock)).toEqual(refused(wait));
        expect(await reserve(key, clock + wait - 1)).toEqual(refused(1));
        clock += wait;
        expect(await reserve(key, clock)).toEqual(allowed);
      }
      return clock;
    }

    it("lets three failures through, then waits 30 s after the latest, doubling up to 15 minutes", async () => {
      const key = { email: "klocka@samrad.test", ip: "10.1.0.1" };
      const last = await failuresWithWaits(key, [30, 60, 120, 240, 480, 900, 900]);
      expect(await reserve(key, last)).toEqual(refused(900));
      // The same address in other letter case is the same account.
      expect(await reserve({ ...key, email: "KLOCKA@samrad.test" }, last)).toEqual(refused(900));
      // Another IP address has its own count: the owner is not locked out.
      expect(await reserve({ ...key, ip: "10.1.0.2" }, last)).toEqual(allowed);
    });

    it("starts a fresh run after a right password, and after 24 hours without one", async () => {
      const key = { email: "rätt@samrad.test", ip: "10.1.1.1" };
      const hash = await hashPassword("rätt lösenord!");
      const last = await failuresWithWaits(key, [30, 60]);
      expect(await checkPassword(t.db, key, hash, "rätt lösenord!", at(last))).toEqual(refused(120));
      expect(await checkPassword(t.db, key, hash, "rätt lösenord!", at(last + 120))).toEqual({ ok: true });
      await failuresWithWaits(key, [30], last + 120);

      const forgetful = { email: "glomsk@samrad.test", ip: "10.1.1.1" };
      const end = await failuresWithWaits(forgetful, [30, 60, 120, 240, 480, 900]);
      expect(await reserve(forgetful, end + 900)).toEqual(allowed);
      expect(await reserve(forgetful, end + 900)).toEqual(refused(900));
      // A day after the latest failures the run is forgotten: three free failures again.
      await failuresWithWaits(forgetful, [30], end + 900 + 24 * 3600);
    });

    it("blocks an IP address after 100 failures in 15 minutes over any e-mail addresses, until the oldest is 15 minutes old", async () => {
      const ip = "10.2.0.1";
      for (let i = 0; i < 100; i++) expect(await reserve({ email: `kontor${i}@kommun.se`, ip }, i)).toEqual(allowed);
      expect(await reserve({ email: "ny@kommun.se", ip }, 100)).toEqual(refused(800));
      expect(await reserve({ email: "ny@kommun.se", ip: "10.2.0.2" }, 100)).toEqual(allowed);
      expect(await reserve({ email: "ny@kommun.se", ip }, 899)).toEqual(refused(1));
      expect(await reserve({ email: "ny@kommun.se", ip }, 900)).toEqual(allowed);
      // Refusals are recorded but do not count as failures.
      const rows = await t.sql<{ outcome: string; n: number }[]>`
        select outcome, count(*)::int as n from login_attempts where ip = ${ip} group by outcome order by outcome`;
      expect(rows).toEqual([
        { outcome: "failure", n: 101 },
        { outcome: "throttled", n: 2 },
      ]);
    });
  });

  describe("over HTTP", () => {
    let app: RunningServer;
    let web: ReturnType<typeof client>;

    beforeAll(async () => {
      app = await startTestServer(t.url);
      web = client(app.url);
    });
    afterAll(() => app.close());

    /** A login form post from another loopback address, and the session cookie it was given, if any. */
    async function postFrom(localAddress: string, path: string, form: Record<string, string>) {
      const res = await postFromAddress(app.url, localAddress, path, form);
      return { status: res.status, cookie: res.headers["set-cookie"]?.find((c) => /^samrad_session=[^;]/.test(c)) };
    }

    const outcomes = async (email: string) =>
      Object.fromEntries(
        (await t.sql<{ ip: string; outcome: string; n: number }[]>`
          select ip, outcome, count(*)::int as n from login_attempts where email = ${email} group by ip, outcome`).map((r) => [`${r.ip} ${r.outcome}`, r.n]),
      );

    /** Resolves once `count` attempts for `email` other than logins have been reserved. */
    async function reserved(email: string, count: number) {
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 5))) {
        const [{ n }] = await t.sql<{ n: number }[]>`select count(*)::int as n from login_attempts where email = ${email} and outcome <> 'success'`;
        if (n >= count) return;
      }
      throw new Error(`fewer than ${count} attempts reserved for ${email}`);
    }

    const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

    it("evaluates only three of a parallel burst, and the right password sent after them does not log in", async () => {
      const email = "stockholm.bo-vasterort@samrad.test";
      const guesses = Array.from({ length: 19 }, (_, i) => web.post("/login", { email, password: `gissning-${i}` }));
      // The right password joins the burst once three guesses hold their reservations.
      await reserved(email, 3);
      const right = await web.post("/login", { email, password: "samrad-demo" });
      const answers = await Promise.all(guesses);

      expect(right.status).toBe(429);
      expect(sessionCookieFrom(right)).toBeUndefined();
      expect(await right.text()).toMatch(/För många misslyckade inloggningsförsök\. Försök igen om \d+ sekunder\./);
      expect(tally(answers.map((r) => r.status))).toEqual({ 401: 3, 429: 16 });
      expect(answers.map(sessionCookieFrom).filter(Boolean)).toEqual([]);
      expect(await outcomes(email)).toEqual({ "127.0.0.1 failure": 3, "127.0.0.1 throttled": 17 });
    });

    it("wrong passwords from another address do not lock the owner out", async () => {
      const email = "linkoping.jouren@samrad.test";
      const guesses = await Promise.all(Array.from({ length: 10 }, (_, i) => postFrom("127.0.0.2", "/login", { email, password: `gissning-${i}` })));
      expect(tally(guesses.map((r) => r.status))).toEqual({ 401: 3, 429: 7 });
      // From there even the right password now waits…
      expect(await postFrom("127.0.0.2", "/login", { email, password: "samrad-demo" })).toEqual({ status: 429, cookie: undefined });
      // …while the owner, elsewhere, signs in.
      const owner = await web.post("/login", { email, password: "samrad-demo" });
      expect(owner.status).toBe(302);
      expect(sessionCookieFrom(owner)).toBeDefined();
      expect(await outcomes(email)).toEqual({ "127.0.0.2 failure": 3, "127.0.0.2 throttled": 8, "127.0.0.1 success": 1 });
    });

    it("makes each wait after the third failure longer, and says how long on the login page", async () => {
      const email = "boras.jouren@samrad.test";
      const attempt = () => web.post("/login", { email, password: "fel-lösenord" });
      // Moves this account's attempts back in time instead of waiting.
      const wait = (seconds: number) => t.sql`update login_attempts set at = at - make_interval(secs => ${seconds}) where email = ${email}`;

      for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
      for (const [seconds, text] of [
        [30, /För många misslyckade inloggningsförsök\. Försök igen om (30|29) sekunder\./],
        [60, /Försök igen om 1 minut\./],
        [120, /Försök igen om 2 minuter\./],
      ] as const) {
        const refused = await attempt();
        expect(refused.status).toBe(429);
        expect(await refused.text()).toMatch(text);
        await wait(seconds);
        expect((await attempt()).status).toBe(401);
      }
    });

    it("throttles password re-entry for signing an amendment the same way, and together with logins", async () => {
      const email = "osteraker.kommun@samrad.test";
      const karin = await web.login(email);
      const [{ id: osteraker }] = await t.sql<{ id: string }[]>`select id from partnerships where name like 'IOP Österåkers%'`;
      const created = await web.post(`/partnerships/${osteraker}/amendments`, { title: "Ny bilaga", text: "Text." }, { cookie: karin });
      const id = created.headers.get("location")!.split("/").pop()!;
      const [{ h }] = await t.sql<{ h: string }[]>`select text_sha256 as h from amendments where id = ${id}`;
      const sign = (password: string) => web.post(`/amendments/${id}/signatures`, { password, textSha256: h }, { cookie: karin });

      const guesses = Array.from({ length: 9 }, (_, i) => sign(`gissning-${i}`));
      await reserved(email, 3);
      const right = await sign("samrad-demo");
      const answers = await Promise.all(guesses);

      expect(right.status).toBe(429);
      expect(await shownAt(right, "password")).toMatch(/För många felaktiga lösenord\. Försök igen om \d+ sekunder\./);
      expect(tally(answers.map((r) => r.status))).toEqual({ 400: 3, 429: 6 });
      expect(await t.sql`select 1 from amendment_signatures where amendment_id = ${id}`).toHaveLength(0);
      // The guesses count against logging in from the same address too.
      expect((await web.post("/login", { email, password: "samrad-demo" })).status).toBe(429);
    });
  });
});
