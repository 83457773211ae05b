import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";
import { shownAt } from "../support/answers";
import { EXE, PDF } from "../support/document-files";
import { postMeetingForm } from "../support/resource-forms";

/** Bad input gets a clear answer and changes nothing: control characters, out-of-range values, and the API's errors. */
describe("bad input", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  const cookie: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const ADMIN = "admin@samrad.test";
  const JOUREN = "linkoping.jouren@samrad.test";

  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    for (const email of [ADMIN, JOUREN]) cookie[email] = await http.login(email);
    [{ id: ids.stockholm }] = await t.sql<{ id: string }[]>`select id from partnerships where reference_number = '2021/630'`;
    [{ id: ids.steering }] = await t.sql<{ id: string }[]>`select id from groups where partnership_id = ${ids.stockholm} and kind = 'steering'`;
    [{ id: ids.linkoping }] = await t.sql<{ id: string }[]>`select id from partnerships where name like '%Linköping%'`;
    [{ id: ids.jourenParty }] = await t.sql<{ id: string }[]>`select id from parties where partnership_id = ${ids.linkoping} and sector = 'idea'`;
    // Linköping's reports (002) give no figures; here they give people reached, to have a number to refuse.
    await t.sql`update partnerships set reporting_rule = reporting_rule || '{"statistics":["reached"]}'::jsonb where id = ${ids.linkoping}`;
    const convened = await http.post(`/groups/${ids.steering}/meetings/new`, meeting, { cookie: cookie[ADMIN] });
    expect(convened.status).toBe(302);
    ids.meeting = convened.headers.get("location")!.split("/").pop()!;
    // The settings page creates the calendar feed token on first view: a change of the page's, not of the refused form's.
    expect((await http.get("/settings", cookie[ADMIN])).status).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const meeting = { title: "Styrgruppens möte", kind: "ordinary", date: "2027-03-10", startTime: "10:00", endTime: "12:00", location: "Stadshuset" };

  /** Every table's content but the session's sliding expiry: any stored change shows. */
  async function snapshot() {
    const tables = await t.sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'sessions' order by 1`;
    const sums = await Promise.all(tables.map(({ name }) => t.sql.unsafe(`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as sum from "${name}" x`)));
    return Object.fromEntries(tables.map(({ name }, i) => [name, sums[i][0].sum as string]));
  }
  const changedSince = async (before: Record<string, string>) => {
    const after = await snapshot();
    return Object.keys(after).filter((table) => after[table] !== before[table]);
  };

  // Each form with everything valid but the field under test; the valid form is stored afterwards, to show the field alone was refused.
  const forms: { form: string; who: string; path: () => string; valid: () => Record<string, string>; field: string; status: number }[] = [
    {
      form: "partnership",
      who: ADMIN,
      path: () => "/partnerships/new",
      valid: () => ({
        name: "IOP Sundbyberg – Kvinnojouren",
        publicName: "Socialförvaltningen, Stockholms stad",
        publicOrgNumber: "2120000142",
        ideaName1: "Brottsofferjouren Västerort",
        ideaOrgNumber1: "802015-4822",
        periodKind: "fixed",
        periodStart: "2026-01-01",
        periodEnd: "2027-12-31",
      }),
      field: "name",
      status: 302,
    },
    { form: "meeting", who: ADMIN, path: () => `/groups/${ids.steering}/meetings/new`, valid: () => meeting, field: "title", status: 302 },
    { form: "agenda item", who: ADMIN, path: () => `/meetings/${ids.meeting}/agenda`, valid: () => ({ intent: "add", title: "Verksamhetsplan", type: "information" }), field: "title", status: 200 },
    { form: "decision", who: ADMIN, path: () => `/groups/${ids.steering}/decisions`, valid: () => ({ text: "Styrgruppen yttrar sig över remissen." }), field: "text", status: 302 },
    {
      form: "case",
      who: JOUREN,
      path: () => `/partnerships/${ids.linkoping}/cases/information`,
      valid: () => ({ title: "Lokalerna sägs upp", description: "Jouren måste flytta i mars." }),
      field: "description",
      status: 200,
    },
    { form: "amendment", who: JOUREN, path: () => `/partnerships/${ids.linkoping}/amendments`, valid: () => ({ title: "Ny bilaga", text: "Bilaga 3 läggs till." }), field: "text", status: 302 },
    {
      form: "yearly report",
      who: JOUREN,
      path: () => `/partnerships/${ids.linkoping}/reports/filings?year=2025`,
      valid: () => ({ partyId: ids.jourenParty, narrative: "Under året har jouren nått fler unga.", reached: "412", activityReport: "https://example.se/vb-2025.pdf" }),
      field: "narrative",
      status: 200,
    },
    { form: "invitation", who: ADMIN, path: () => "/admin/invitations", valid: () => ({ email: "ny.person@kommun.se" }), field: "email", status: 200 },
    { form: "settings", who: ADMIN, path: () => "/settings", valid: () => ({ intent: "create-token", name: "Diarium" }), field: "name", status: 200 },
    { form: "password reset request", who: JOUREN, path: () => "/password/forgot", valid: () => ({ email: "ingen.sadan@kommun.se" }), field: "email", status: 302 },
    {
      form: "password change",
      who: ADMIN,
      path: () => "/settings/password",
      valid: () => ({ current: "samrad-demo", password: "ett långt lösenord", confirm: "ett långt lösenord" }),
      field: "current",
      status: 200,
    },
  ];

  it.each(forms)("$form: a control character in $field is refused at the field, in Swedish, and nothing is stored", async ({ who, path, valid, field, status }) => {
    const before = await snapshot();
    for (const char of ["\u0000", "\u0007", "\u001B"]) {
      const res = await http.post(path(), { ...valid(), [field]: `${valid()[field]}${char}` }, { cookie: cookie[who] });
      expect(res.status, JSON.stringify(char)).toBe(400);
      expect(await shownAt(res, field)).toMatch(/^Fältet innehåller ett osynligt styrtecken \(till exempel NUL\) som inte kan sparas/);
    }
    expect(await changedSince(before)).toEqual([]);
    expect((await http.post(path(), valid(), { cookie: cookie[who] })).status).toBe(status);
  });

  it.each([
    ["meeting date far ahead", ADMIN, () => `/groups/${ids.steering}/meetings/new`, () => ({ ...meeting, date: "9999-12-31" }), "date", "Ange ett datum mellan 1900-01-01 och 2200-12-31."],
    ["meeting date far back", ADMIN, () => `/groups/${ids.steering}/meetings/new`, () => ({ ...meeting, date: "0001-01-01" }), "date", "Ange ett datum mellan 1900-01-01 och 2200-12-31."],
    [
      "agreement period ending in year 9999",
      ADMIN,
      () => "/partnerships/new",
      () => ({ ...forms[0].valid(), periodEnd: "9999-12-31" }),
      "periodEnd",
      "Ange ett datum mellan 1900-01-01 och 2200-12-31.",
    ],
    ["agenda item minutes 1e400", ADMIN, () => `/meetings/${ids.meeting}/agenda`, () => ({ intent: "add", title: "Budget", estimatedMinutes: "1e400" }), "estimatedMinutes", "Ange ett heltal inom det tillåtna intervallet."],
    [
      "report figure 1e400",
      JOUREN,
      () => `/partnerships/${ids.linkoping}/reports/filings?year=2025`,
      () => ({ partyId: ids.jourenParty, narrative: "", reached: "1e400", activityReport: "https://example.se/vb-2025.pdf" }),
      "reached",
      "Ange ett heltal inom det tillåtna intervallet.",
    ],
  ] as [string, string, () => string, () => Record<string, string>, string, string][])("%s is refused with 400 at the field and nothing is stored", async (_name, who, path, form, field, message) => {
    const before = await snapshot();
    const res = await http.post(path(), form(), { cookie: cookie[who] });
    expect(res.status).toBe(400);
    expect(await shownAt(res, field)).toBe(message);
    expect(await changedSince(before)).toEqual([]);
  });

  it.each([
    ["/api/partnerships/{stockholm}?on=9999-12-31", "on"],
    ["/api/partnerships/{stockholm}?on=1899-12-31", "on"],
    ["/api/partnerships/{stockholm}?on=2026-02-30", "on"],
    ["/api/partnerships/{linkoping}/reports?year=0000", "year"],
    ["/api/partnerships/{linkoping}/reports?year=1e400", "year"],
    ["/partnerships/{linkoping}/reports?year=1e400", "year"],
    ["/partnerships/{linkoping}/reports?year=99999", "year"],
    ["/partnerships/{linkoping}/reports/print?year=-2025", "year"],
    ["/partnerships/{linkoping}/reports.csv?year=2025.5", "year"],
    ["/meetings/{meeting}/minutes/versions?v=1e400", "v"],
    ["/meetings/{meeting}/minutes/versions?v=99999999999999999999", "v"],
    ["/meetings/{meeting}/minutes/versions?v=-1", "v"],
    ["/meetings?view=month&month=9999-12", "month"],
    ["/meetings?view=month&month=2027-13", "month"],
  ])("GET %s → 400 naming %s", async (template, param) => {
    const path = template.replace(/\{(\w+)\}/g, (_, key: string) => ids[key]);
    const res = await http.get(path, cookie[ADMIN]);
    expect(res.status).toBe(400);
    if (res.headers.get("content-type")!.includes("json")) expect(await res.json()).toMatchObject({ param, error: expect.stringMatching(new RegExp(`^${param} must be `)) });
    else expect(await res.text()).toContain(`Adressen innehåller ett ogiltigt värde för ”${param}”.`);
  });

  it.each([
    ["a page", "/meetings/%E0%A4%A", "text/html"],
    ["the API", "/api/partnerships/%E0%A4%A", "application/json"],
  ])("answers a path that does not percent-decode with 400 on %s", async (_where, path, type) => {
    const res = await http.get(path, cookie[ADMIN]);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain(type);
    expect(await res.text()).toContain("Ogiltig adress.");
  });

  it("still reads the parameters' valid values and defaults", async () => {
    for (const path of [
      `/api/partnerships/${ids.stockholm}?on=2200-12-31`,
      `/api/partnerships/${ids.stockholm}?on=`,
      `/api/partnerships/${ids.linkoping}/reports?year=2025`,
      `/partnerships/${ids.linkoping}/reports?year=2025`,
      `/meetings/${ids.meeting}/minutes/versions?v=12345`,
      "/meetings?view=month&month=2027-03",
    ])
      expect((await http.get(path, cookie[ADMIN])).status, path).toBe(200);
  });

  describe("search, history, the room and documents", () => {
    const page = async (path: string) => {
      const res = await http.get(path, cookie[ADMIN]);
      return { status: res.status, text: (await res.text()).replaceAll("<!-- -->", "") };
    };

    it.each([
      ["a NUL byte", "%00budget%00", 200],
      ["only punctuation", encodeURIComponent("!!! ... ??? &&& |||"), 200],
      ["tsquery syntax", encodeURIComponent("a & !b | ("), 200],
      ["tsquery operators alone", encodeURIComponent("& | ! <-> ( ) : *"), 200],
      ["a quote left open", encodeURIComponent('"budget'), 200],
      ["only words to leave out", encodeURIComponent("-budget -beslut"), 200],
    ])("searches for %s calmly, changing nothing", async (_name, q, status) => {
      const before = await snapshot();
      const res = await page(`/search?q=${q}`);
      expect(res.status).toBe(status);
      expect(res.text).toMatch(/Inga träffar för|Skriv ett eller flera ord att söka efter|Träffar för/);
      expect(await changedSince(before)).toEqual([]);
    });

    it("answers a 10 MB query with a 4xx at once, and serves the next search", async () => {
      const res = await fetch(`${app.url}/search?q=${"a".repeat(10 * 1024 * 1024)}`, { headers: { cookie: cookie[ADMIN] } }).catch((e: Error) => e);
      // Node refuses a request line over its header limit (431) and may close before the client has sent it all.
      if (res instanceof Response) expect(res.status).toBe(431);
      expect((await page("/search?q=budget")).status).toBe(200);
      // Within the limit, a long query is cut to what a search box takes.
      expect((await page(`/search?q=${"budget ".repeat(1500)}`)).status).toBe(200);
    });

    it.each([
      ["from=9999-99-99", "Ange datum som ÅÅÅÅ-MM-DD."],
      ["to=2026-02-30", "Ange datum som ÅÅÅÅ-MM-DD."],
      ["person=not-a-uuid", null],
      ["person=00000000-0000-4000-8000-000000000000", null],
      ["kind=%00", null],
      ["page=-1", null],
      ["page=1e9", null],
      ["page=99999999999999999999", null],
    ])("reads the history with %s calmly: the filter it cannot use is left out, a bad date is named", async (query, message) => {
      const before = await snapshot();
      const res = await page(`/partnerships/${ids.stockholm}/history?${query}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain("Historik");
      if (message) expect(res.text).toContain(message);
      const csv = await http.get(`/partnerships/${ids.stockholm}/history.csv?${query}`, cookie[ADMIN]);
      expect(csv.status).toBeLessThan(500);
      expect(await changedSince(before)).toEqual([]);
    });

    describe("the chair's record for the room", () => {
      let held = "";
      let decision = "";
      let party = "";
      let present = "";
      beforeAll(async () => {
        [{ id: held }] = await t.sql<{ id: string }[]>`
          select id from meetings where group_id = ${ids.steering} and ends_at < now() and status = 'noticed' order by starts_at desc limit 1`;
        const [item] = await t.sql<{ id: string }[]>`select id from agenda_items where meeting_id = ${held} and not proposed order by position limit 1`;
        const res = await postMeetingForm(http, held, { intent: "decision", agendaItemId: item.id, text: "Dagordningen godkänns." }, cookie[ADMIN]);
        expect(res.status).toBe(302);
        decision = res.headers.get("location")!.split("/").pop()!;
        [{ party_id: party, user_id: present }] = await t.sql<{ party_id: string; user_id: string }[]>`
          select party_id, user_id from group_members where group_id = ${ids.steering} limit 1`;
      });

      it.each([
        ["a position for a party that is not the partnership's", () => ({ [`position-00000000-0000-4000-8000-000000000000`]: "agree" }), "refused"],
        ["a position for another partnership's party", () => ({ [`position-${ids.jourenParty}`]: "agree" }), "refused"],
        ["the position “maybe”", () => ({ [`position-${party}`]: "maybe" }), "position-{party}"],
        ["someone present who is not in the group", () => ({ present: "00000000-0000-4000-8000-000000000000" }), "present"],
        ["someone present who is not an id", () => ({ present: "not-a-uuid" }), "present"],
        ["a decision that is not an id", () => ({ decisionId: "1 or 1=1" }), "decisionId"],
      ])("refuses %s with a message, recording nothing", async (_name, extra, field) => {
        const before = await snapshot();
        const res = await postMeetingForm(http, held, { intent: "room", decisionId: decision, present, [`position-${party}`]: "agree", ...extra() }, cookie[ADMIN]);
        expect(res.status).toBe(400);
        expect(await shownAt(res, field.replace("{party}", party))).toBeTruthy();
        expect(await changedSince(before)).toEqual([]);
      });
    });

    describe("a document with a hostile file name", () => {
      let item = "";
      beforeAll(async () => {
        [{ id: item }] = await t.sql<{ id: string }[]>`select id from agenda_items where meeting_id = ${ids.meeting} and not proposed order by position limit 1`;
      });
      const upload = (name: string, bytes: Uint8Array) => {
        const body = new FormData();
        body.append("intent", "upload");
        body.append("agendaItemId", item);
        body.append("title", "");
        body.append("file", new Blob([Buffer.from(bytes)], { type: "application/pdf" }), name);
        return fetch(`${app.url}/meetings/${ids.meeting}/documents`, { method: "POST", redirect: "manual", headers: { cookie: cookie[ADMIN], origin: app.url }, body });
      };
      const latestDocument = async () =>
        (
          await t.sql<
            { id: string; filename: string }[]
          >`select id, filename from meeting_documents where meeting_id = ${ids.meeting} order by created_at desc limit 1`
        )[0];

      it("refuses a program under a script's name, storing nothing", async () => {
        const before = await snapshot();
        const res = await upload('<script>alert(1)</script>".pdf', EXE);
        expect(res.status).toBe(400);
        expect(await shownAt(res, "file")).toMatch(/^Filtypen stöds inte/);
        expect(await changedSince(before)).toEqual([]);
      });

      it("keeps a file name carrying a line break (a header to smuggle in) as the harmless text it arrives as", async () => {
        // Browsers send a line break in a file name percent-encoded, so it is plain text by the time it arrives.
        const res = await upload("budget.pdf\r\nSet-Cookie: x=1", PDF);
        expect(res.status).toBe(200);
        const doc = await latestDocument();
        expect(doc.filename).toBe("budget.pdf%0D%0ASet-Cookie: x=1");
        const download = await http.get(`/meetings/${ids.meeting}/documents/${doc.id}`, cookie[ADMIN]);
        expect(download.headers.get("set-cookie")).toBeNull();
        expect(download.headers.get("content-disposition")).toBe(
          `attachment; filename="budget.pdf_0D_0ASet-Cookie: x=1.pdf"; filename*=UTF-8''budget.pdf%250D%250ASet-Cookie%3A%20x%3D1.pdf`,
        );
      });

      it("refuses a raw NUL in a part's header, which no browser sends, as a form it cannot read, storing nothing", async () => {
        const before = await snapshot();
        const res = await upload("budget\u0000.pdf", PDF);
        expect(res.status).toBe(400);
        expect(await shownAt(res, "refused")).toBe("Formuläret kunde inte läsas. Försök igen.");
        expect(await changedSince(before)).toEqual([]);
      });

      it("keeps a PDF under its last path segment without control characters, never as markup", async () => {
        const res = await upload("../../etc/<script>alert(1)\t.pdf", PDF);
        expect(res.status).toBe(200);
        const doc = await latestDocument();
        expect(doc.filename).toBe("<script>alert(1).pdf");
        expect((await page(`/meetings/${ids.meeting}`)).text).toContain("&lt;script&gt;alert(1).pdf");
        const download = await http.get(`/meetings/${ids.meeting}/documents/${doc.id}`, cookie[ADMIN]);
        expect(download.status).toBe(200);
        expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
      });
    });
  });

  describe("the JSON API answers JSON, also when it refuses", () => {
    const json = async (res: Response) => ({ status: res.status, type: res.headers.get("content-type"), body: await res.json() });
    const JSON_TYPE = "application/json; charset=utf-8";

    it.each([
      ["no credentials", "GET", "/api/partnerships", false, 401, { error: "unauthenticated" }],
      ["a partnership that does not exist", "GET", "/api/partnerships/00000000-0000-4000-8000-000000000000", true, 404, { error: "not found" }],
      ["a malformed id", "GET", "/api/groups/nope/decisions", true, 404, { error: "not found" }],
      ["a meeting invitation that does not exist", "GET", "/api/meetings/nope/calendar.ics", true, 404, { error: "not found" }],
      ["a path the API does not have", "GET", "/api/nope/deeper", true, 404, { error: "not found" }],
      ["a missing groupId", "GET", "/api/meetings", true, 400, { error: "groupId is required" }],
      ["a POST", "POST", "/api/partnerships", true, 405, { error: "method not allowed" }],
      ["a DELETE", "DELETE", "/api/partnerships/{stockholm}/cases", true, 405, { error: "method not allowed" }],
      ["a POST to a path the API does not have", "POST", "/api/nope", true, 404, { error: "not found" }],
    ])("%s: %s %s", async (_name, method, template, authenticated, status, body) => {
      const path = template.replace(/\{(\w+)\}/g, (_, key: string) => ids[key]);
      const headers: Record<string, string> = { origin: app.url };
      if (authenticated) headers.cookie = cookie[ADMIN];
      const res = await fetch(app.url + path, { method, headers, redirect: "manual" });
      expect(await json(res)).toEqual({ status, type: JSON_TYPE, body });
      if (status === 405) expect(res.headers.get("allow")).toBe("GET, HEAD");
    });

    it("answers an unexpected failure with a JSON 500 and recovers", async () => {
      const path = `/api/partnerships/${ids.linkoping}/cases`;
      await t.sql`alter table cases rename to cases_away`;
      try {
        expect(await json(await http.get(path, cookie[ADMIN]))).toEqual({ status: 500, type: JSON_TYPE, body: { error: "internal server error" } });
      } finally {
        await t.sql`alter table cases_away rename to cases`;
      }
      expect((await http.get(path, cookie[ADMIN])).status).toBe(200);
    });
  });
});
