import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { hashToken } from "../../app/auth/tokens";
import type { RunningServer } from "../../app/http/server.server";
import { doneShown, shownAt } from "../support/answers";
import { stockholmSteeringMeetings } from "../support/demo";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, postFromAddress, sessionCookieFrom, startTestServer } from "../support/server";
import { minutesClient, type MinutesClient } from "../support/yclient";

const NEUTRAL = "Om det finns ett konto med den e-postadressen får du strax ett e-postmeddelande med en länk för att välja ett nytt lösenord.";
const HOUR = 60 * 60 * 1000;

describe("your password: changed in settings, or reset through a mailed link", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let web: ReturnType<typeof client>;
  const sockets: MinutesClient[] = [];

  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url);
    web = client(app.url);
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    await app.close();
    await t.drop();
  });

  /** A form post from another loopback address: what a visitor there sees (status, where it leads, the body). */
  async function postFrom(localAddress: string, path: string, form: Record<string, string>) {
    const res = await postFromAddress(app.url, localAddress, path, form);
    return { status: res.status, location: res.headers.location, body: res.body };
  }

  const passwordHashOf = async (email: string) => (await t.sql<{ h: string }[]>`select password_hash as h from users where email = ${email}`)[0].h;
  const sessionsOf = async (email: string) =>
    (await t.sql<{ n: number }[]>`select count(*)::int as n from sessions where user_id = (select id from users where email = ${email})`)[0].n;
  const mailsTo = (email: string) => t.sql<{ subject: string; body: string }[]>`select subject, body from outbox where "to" = ${email} order by id`;
  const auditOf = (action: string, email: string) =>
    t.sql<
      { details: Record<string, unknown> }[]
    >`select details from audit_log where action = ${action} and subject = 'user:' || (select id from users where email = ${email})::text`;
  const resetLinks = async (email: string) => (await mailsTo(email)).flatMap((m) => [...m.body.matchAll(/(https?:\/\/\S+\/password\/reset\/[a-z2-7]+)/g)].map((x) => x[1]));
  const pathOf = (link: string) => new URL(link).pathname;
  const changeForm = (current: string, password: string, confirm = password) => ({ current, password, confirm });

  describe("changing it in settings", () => {
    it("refuses a wrong current password and changes nothing; repeats are throttled together with logins", async () => {
      const email = "linkoping.jouren@samrad.test";
      const [cookie, other] = [await web.login(email), await web.login(email)];
      const before = await passwordHashOf(email);
      const attempt = () => web.post("/settings/password", changeForm("fel lösenord", "ett helt nytt lösenord"), { cookie });

      for (let i = 0; i < 3; i++) {
        const res = await attempt();
        expect(res.status).toBe(400);
        expect(await shownAt(res, "current")).toBe("Fel lösenord. Lösenordet har inte bytts.");
      }
      const refused = await attempt();
      expect(refused.status).toBe(429);
      expect(await shownAt(refused, "current")).toMatch(/^För många felaktiga lösenord\. Försök igen om (30|29) sekunder\.$/);
      // Even the right password waits now, and so does logging in from this address.
      expect((await web.post("/settings/password", changeForm("samrad-demo", "ett helt nytt lösenord"), { cookie })).status).toBe(429);
      expect((await web.post("/login", { email, password: "samrad-demo" })).status).toBe(429);

      expect(await passwordHashOf(email)).toBe(before);
      expect(await sessionsOf(email)).toBe(2);
      expect((await web.get("/settings", other)).status).toBe(200);
      expect(await mailsTo(email)).toEqual([]);
      expect(await auditOf("auth.password.change", email)).toEqual([]);
    });

    it("refuses bad new passwords at their fields without checking or changing anything", async () => {
      const email = "boras.jouren@samrad.test";
      const cookie = await web.login(email);
      const before = await passwordHashOf(email);
      for (const [form, field, message] of [
        [changeForm("samrad-demo", "för kort"), "password", "Lösenordet måste ha minst 12 tecken."],
        [changeForm("samrad-demo", "ett helt nytt lösenord", "ett annat nytt lösenord"), "confirm", "Lösenorden stämmer inte överens."],
        [changeForm("ett långt lösenord", "ett långt lösenord"), "password", "Det nya lösenordet måste skilja sig från det nuvarande."],
        [changeForm("", "ett helt nytt lösenord"), "current", "Fyll i fältet."],
        [
          changeForm("samrad-demo", "ett helt\u0000nytt lösenord"),
          "password",
          "Fältet innehåller ett osynligt styrtecken (till exempel NUL) som inte kan sparas. Ta bort det och försök igen.",
        ],
      ] as const) {
        const res = await web.post("/settings/password", form, { cookie });
        expect(res.status).toBe(400);
        expect(await shownAt(res, field)).toBe(message);
      }
      expect(await passwordHashOf(email)).toBe(before);
      // None of them counted as a wrong password.
      expect(await t.sql`select 1 from login_attempts where email = ${email} and outcome <> 'success'`).toHaveLength(0);
      // Logged out, the form is not there to post to.
      expect((await web.post("/settings/password", changeForm("samrad-demo", "ett helt nytt lösenord"))).headers.get("location")).toMatch(/^\/login/);
    });

    it("with the right one: ends every other session (closing its live minutes), keeps this one, mails the owner in their language and audits", async () => {
      const email = "stockholm.bo-gotland@samrad.test";
      await t.sql`update users set locale = 'en' where email = ${email}`;
      const [meetingId] = await stockholmSteeringMeetings(t.sql);
      const [here, elsewhere, third] = [await web.login(email), await web.login(email), await web.login(email)];
      const [mine, theirs] = [minutesClient(app.url, meetingId, here), minutesClient(app.url, meetingId, elsewhere)];
      sockets.push(mine, theirs);
      await Promise.all([mine.synced, theirs.synced]);

      const res = await web.post("/settings/password", changeForm("samrad-demo", "gotlands nya lösenord"), { cookie: here });
      expect(res.status).toBe(200);
      expect(await doneShown(res)).toBe("Ditt lösenord är bytt. Du har loggats ut på alla andra enheter.");

      // The realtime re-check (every 2 s) finds the session gone.
      expect(await theirs.closed).toBe(4401);
      const stillOpen = await Promise.race([mine.closed, new Promise((r) => setTimeout(() => r("open"), 2500))]);
      expect(stillOpen).toBe("open");

      expect(await sessionsOf(email)).toBe(1);
      expect((await web.get("/settings", here)).status).toBe(200);
      for (const gone of [elsewhere, third]) expect((await web.get("/settings", gone)).headers.get("location")).toBe("/login?redirectTo=%2Fsettings");

      const [mail] = await mailsTo(email);
      expect(mail.subject).toBe("Your Samråd password has been changed");
      expect(mail.body).toContain("All other sign-ins have been ended.");
      expect(mail.body).toContain(`${app.url}/password/forgot`);
      expect(await auditOf("auth.password.change", email)).toEqual([{ details: { endedSessions: 2 } }]);

      expect((await web.post("/login", { email, password: "samrad-demo" })).status).toBe(401);
      expect(sessionCookieFrom(await web.post("/login", { email, password: "gotlands nya lösenord" }))).toBeDefined();
    });
  });

  describe("forgot password", () => {
    it("answers a known and an unknown address alike, and mails only the known one", async () => {
      const known = await postFrom("127.0.1.1", "/password/forgot", { email: "Stockholm.BO-Sodra@samrad.test" });
      const unknown = await postFrom("127.0.1.2", "/password/forgot", { email: "ingen.alls@samrad.test" });
      expect(known).toEqual(unknown);
      expect(known).toEqual({ status: 302, location: "/password/forgot?sent=1", body: "" });

      // So does a form sent by the page's script (Remix's single fetch), whose answer carries the redirect.
      const [scriptedKnown, scriptedUnknown] = await Promise.all(
        ["stockholm.bo-sodra@samrad.test", "ingen.alls@samrad.test"].map((email) => postFrom("127.0.1.4", "/password/forgot.data", { email })),
      );
      expect(scriptedKnown).toEqual(scriptedUnknown);
      expect(scriptedKnown.body).toContain("/password/forgot?sent=1");

      const page = await web.get(known.location!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(NEUTRAL);

      const links = await resetLinks("stockholm.bo-sodra@samrad.test");
      expect(links).toHaveLength(2);
      expect(links[0]).toMatch(new RegExp(`^${app.url}/password/reset/[a-z2-7]{52}$`));
      expect(await t.sql`select 1 from outbox where "to" ilike 'ingen.alls@samrad.test'`).toHaveLength(0);

      // Every request is recorded; only the link's hash is stored, and only for the account.
      const rows = await t.sql<{ email: string; ip: string; token_hash: string | null; user_id: string | null }[]>`
        select email, ip, token_hash, user_id from password_resets where ip in ('127.0.1.1', '127.0.1.2') order by id`;
      const token = links[0].split("/").pop()!;
      expect(rows).toEqual([
        { email: "stockholm.bo-sodra@samrad.test", ip: "127.0.1.1", token_hash: hashToken(token), user_id: expect.any(String) },
        { email: "ingen.alls@samrad.test", ip: "127.0.1.2", token_hash: null, user_id: null },
      ]);

      // A malformed address is the user's error at the field, and nothing is recorded.
      const bad = await postFrom("127.0.1.3", "/password/forgot", { email: "inte-en-adress" });
      expect(bad.status).toBe(400);
      expect(bad.body).toContain("Ange en giltig e-postadress");
      expect(await t.sql`select 1 from password_resets where ip = '127.0.1.3'`).toHaveLength(0);
    });

    it("mails at most three links per address an hour, from any IP address, answering every request the same", async () => {
      const now = new Date("2026-12-01T08:00:00Z");
      vi.useFakeTimers({ toFake: ["Date"], now, shouldAdvanceTime: true });
      const email = "stockholm.bo-vasterort@samrad.test";
      const ask = (ip: string) => postFrom(ip, "/password/forgot", { email });
      const answers = [await ask("127.0.2.1"), await ask("127.0.2.2"), await ask("127.0.2.3"), await ask("127.0.2.4")];
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(await resetLinks(email)).toHaveLength(3);

      vi.setSystemTime(now.getTime() + HOUR - 60_000);
      expect(await ask("127.0.2.5")).toEqual(answers[0]);
      expect(await resetLinks(email)).toHaveLength(3);
      // An hour after the first three, the address may ask again.
      vi.setSystemTime(now.getTime() + HOUR + 1000);
      expect(await ask("127.0.2.6")).toEqual(answers[0]);
      expect(await resetLinks(email)).toHaveLength(4);
    });

    it("takes at most ten requests an hour from one IP address, whichever addresses they name", async () => {
      const now = new Date("2026-12-01T10:00:00Z");
      vi.useFakeTimers({ toFake: ["Date"], now, shouldAdvanceTime: true });
      const ip = "127.0.3.1";
      for (let i = 0; i < 9; i++) await postFrom(ip, "/password/forgot", { email: `gissning${i}@kommun.se` });
      const tenth = await postFrom(ip, "/password/forgot", { email: "stockholm.socialforvaltningen@samrad.test" });
      const eleventh = await postFrom(ip, "/password/forgot", { email: "boras.stad@samrad.test" });
      expect(eleventh).toEqual(tenth);
      expect(await resetLinks("stockholm.socialforvaltningen@samrad.test")).toHaveLength(1);
      expect(await resetLinks("boras.stad@samrad.test")).toHaveLength(0);
      // Another address asking for the same account is not held back by this one.
      await postFrom("127.0.3.2", "/password/forgot", { email: "boras.stad@samrad.test" });
      expect(await resetLinks("boras.stad@samrad.test")).toHaveLength(1);
    });

    it("sets a new password through a link once, within its hour; voids the other links and ends every session", async () => {
      const now = new Date("2026-12-02T08:00:00Z");
      vi.useFakeTimers({ toFake: ["Date"], now, shouldAdvanceTime: true });
      const email = "osteraker.kvinnojouren@samrad.test";
      const sessions = [await web.login(email), await web.login(email)];
      await postFrom("127.0.4.1", "/password/forgot", { email });
      await postFrom("127.0.4.2", "/password/forgot", { email });
      const [first, second] = (await resetLinks(email)).map(pathOf);
      const before = await passwordHashOf(email);

      const page = await web.get(first);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`Välj ett nytt lösenord för ${email}.`);

      const mismatch = await web.post(first, { password: "farstas nya lösenord", confirm: "något annat" });
      expect(mismatch.status).toBe(400);
      expect(await shownAt(mismatch, "confirm")).toBe("Lösenorden stämmer inte överens.");
      expect(await passwordHashOf(email)).toBe(before);

      vi.setSystemTime(now.getTime() + HOUR - 60_000);
      const done = await web.post(first, { password: "farstas nya lösenord", confirm: "farstas nya lösenord" });
      expect(done.status).toBe(302);
      expect(done.headers.get("location")).toBe("/login?reset=1");
      expect(await (await web.get("/login?reset=1")).text()).toContain("Ditt lösenord är bytt och du har loggats ut överallt.");

      expect(await sessionsOf(email)).toBe(0);
      for (const cookie of sessions) expect((await web.get("/settings", cookie)).status).toBe(302);
      expect(await auditOf("auth.password.reset", email)).toEqual([{ details: { resetId: expect.any(Number), endedSessions: 2 } }]);
      expect((await mailsTo(email)).map((m) => m.subject)).toContain("Ditt lösenord i Samråd har bytts");

      // Used, and the other link with it.
      for (const link of [first, second]) {
        const again = await web.get(link);
        expect(again.status).toBe(410);
        expect(await again.text()).toContain("Länken har redan använts eller ersatts.");
        const post = await web.post(link, { password: "ett tredje lösenord", confirm: "ett tredje lösenord" });
        expect(post.status).toBe(410);
      }
      expect((await web.post("/login", { email, password: "samrad-demo" })).status).toBe(401);
      expect(sessionCookieFrom(await web.post("/login", { email, password: "farstas nya lösenord" }))).toBeDefined();
    });

    it("refuses a link after its hour, and a forged or hostile one, with a way to ask again and never a 500", async () => {
      const now = new Date("2026-12-03T08:00:00Z");
      vi.useFakeTimers({ toFake: ["Date"], now, shouldAdvanceTime: true });
      const email = "linkoping.kommun@samrad.test";
      await postFrom("127.0.5.1", "/password/forgot", { email });
      const [link] = (await resetLinks(email)).map(pathOf);
      const before = await passwordHashOf(email);

      vi.setSystemTime(now.getTime() + HOUR - 2000);
      expect((await web.get(link)).status).toBe(200);
      vi.setSystemTime(now.getTime() + HOUR);
      const expired = await web.get(link);
      expect(expired.status).toBe(410);
      const text = await expired.text();
      expect(text).toContain("Länken har gått ut; den gäller i en timme. Begär en ny länk.");
      expect(text).toContain('href="/password/forgot"');
      const late = await web.post(link, { password: "för sent lösenord", confirm: "för sent lösenord" });
      expect(late.status).toBe(410);
      expect(await passwordHashOf(email)).toBe(before);

      for (const forged of ["/password/reset/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "/password/reset/%00%27%3B--", `/password/reset/${"x".repeat(5000)}`]) {
        const res = await web.get(forged);
        expect(res.status).toBe(404);
        expect(await res.text()).toContain("Länken är ogiltig.");
        expect((await web.post(forged, { password: "ett långt lösenord", confirm: "ett långt lösenord" })).status).toBe(404);
      }
    });
  });
});
