import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";

describe("partnerships, groups and the JSON API", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let admin: string;
  let stockholm: string;
  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    admin = await http.login("admin@samrad.test");
    [{ id: stockholm }] = await t.sql<{ id: string }[]>`select id from partnerships where reference_number = '2021/630'`;
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const valid = {
    name: "IOP Sundbyberg – Kvinnojouren",
    referenceNumber: "SN 2026/12",
    publicName: "Socialförvaltningen, Stockholms stad",
    publicOrgNumber: "2120000142",
    ideaName1: "Brottsofferjouren Västerort",
    ideaOrgNumber1: "802015-4822",
    periodKind: "annualRenewal",
    periodStart: "2026-01-01",
    periodEnd: "2026-12-31",
    periodCap: "2028-12-31",
    noticeByMonth: "9",
    noticeByDay: "30",
  };
  const count = async (table: string) => (await t.sql.unsafe(`select count(*)::int as n from ${table}`))[0].n as number;

  it.each([
    [{ publicOrgNumber: "212000-0143" }, "Organisationsnumret är inte giltigt – kontrollsiffran stämmer inte."],
    [{ ideaOrgNumber1: "80201-4822" }, "Organisationsnumret ska ha formatet NNNNNN-NNNN (10 siffror)."],
    [{ ideaName1: "", ideaOrgNumber1: "" }, "Ange minst en idéburen part."],
    [{ periodEnd: "2025-12-31" }, "Slutdatum måste vara efter startdatum."],
    [{ name: "" }, "Fyll i fältet."],
  ])("refuses %j with a Swedish message and creates nothing", async (change, message) => {
    const before = [await count("partnerships"), await count("organisations")];
    const res = await http.post("/partnerships/new", { ...valid, ...change }, { cookie: admin });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain('value="SN 2026/12"'); // nothing typed is lost
    expect([await count("partnerships"), await count("organisations")]).toEqual(before);
  });

  it("creates a partnership and reuses known organisations by organisation number", async () => {
    const orgs = await count("organisations");
    const res = await http.post("/partnerships/new", valid, { cookie: admin });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.split("/").pop()!;
    expect(await count("organisations")).toBe(orgs); // both numbers were already known
    const page = await (await http.get(`/partnerships/${id}`, admin)).text();
    expect(page).toContain("IOP Sundbyberg – Kvinnojouren");
    expect(page).toContain("Brottsofferjouren Västerort");
    const [audit] = await t.sql`select action from audit_log where subject = ${"partnership:" + id}`;
    expect(audit.action).toBe("partnership.create");
  });

  it("lets only coordinators create partnerships", async () => {
    const member = await http.login("stockholm.bo-sodra@samrad.test");
    expect((await http.get("/partnerships/new", member)).status).toBe(404);
    const before = await count("partnerships");
    expect((await http.post("/partnerships/new", valid, { cookie: member })).status).toBe(404);
    expect(await count("partnerships")).toBe(before);
  });

  it("shows a partnership to its members and 404 to everyone else", async () => {
    const member = await http.login("stockholm.bo-sodra@samrad.test");
    const outsider = await http.login("boras.jouren@samrad.test");
    const page = await http.get(`/partnerships/${stockholm}`, member);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Styrgruppen");
    expect((await http.get(`/partnerships/${stockholm}`, outsider)).status).toBe(404);
    expect((await http.get(`/partnerships/${stockholm}/history`, outsider)).status).toBe(404);
    expect((await http.get(`/partnerships/00000000-0000-0000-0000-000000000000`, outsider)).status).toBe(404);
  });

  it("frames every page of a partnership with its name and tabs, the page's own tab marked", async () => {
    const member = await http.login("stockholm.bo-sodra@samrad.test");
    const [{ name }] = await t.sql`select name from partnerships where id = ${stockholm}`;
    const current = (html: string) => /<a[^>]*aria-current="page"[^>]*>([^<]*)</.exec(html)?.[1];
    const overview = await (await http.get(`/partnerships/${stockholm}`, member)).text();
    expect(current(overview)).toBe("Översikt");
    for (const [path, tab] of [["cases", "Ärenden"], ["amendments", "Ändringar"], ["reports", "Årsrapporter"], ["appendices", "Bilagor"], ["history", "Historik"], ["termination", "Översikt"]]) {
      const html = await (await http.get(`/partnerships/${stockholm}/${path}`, member)).text();
      expect(/class="partnership-name"><a [^>]*href="([^"]*)">([^<]*)</.exec(html)?.slice(1), path).toEqual([`/partnerships/${stockholm}`, name]);
      expect(current(html), path).toBe(tab);
    }
  });

  it("refuses a second representative with mandate for an idea-based party", async () => {
    const [{ id: groupId }] = await t.sql<{ id: string }[]>`select id from groups where partnership_id = ${stockholm} and kind = 'steering'`;
    const [{ id: partyId }] = await t.sql<{ id: string }[]>`
      select p.id from parties p join organisations o on o.id = p.organisation_id where o.org_number = '802476-1044' and p.partnership_id = ${stockholm}`;
    const res = await http.post(`/groups/${groupId}/members`, { email: "boras.jouren@samrad.test", partyId, role: "representative" }, { cookie: admin });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("representation.ideaLimit");
    expect((await t.sql`select 1 from group_members gm join users u on u.id = gm.user_id where u.email = 'boras.jouren@samrad.test' and gm.group_id = ${groupId}`).length).toBe(0);
    // As a deputy the same person is welcome.
    const ok = await http.post(`/groups/${groupId}/members`, { email: "boras.jouren@samrad.test", partyId, role: "deputy" }, { cookie: admin });
    expect(ok.status).toBe(200);
  });

  it("keeps every version of an appendix with who, when and why", async () => {
    const [{ id: partyId }] = await t.sql<{ id: string }[]>`
      select p.id from parties p join organisations o on o.id = p.organisation_id where o.org_number = '802490-7720' and p.partnership_id = ${stockholm}`;
    const path = `/partnerships/${stockholm}/appendices`;
    const created = await http.post(path, { partyId, title: "Bilaga 2: Stockholm-Gotland", commitments: "Stödsamtal alla vardagar.", reason: "Överenskommelsen 2025" }, { cookie: admin });
    expect(created.status).toBe(200);
    const [{ id: appendixId }] = await t.sql<{ id: string }[]>`select id from appendices where party_id = ${partyId}`;
    const missingReason = await http.post(`${path}/${appendixId}`, { commitments: "Ändrat", reason: "" }, { cookie: admin });
    expect(missingReason.status).toBe(400);
    const member = await http.login("stockholm.bo-gotland@samrad.test");
    expect((await http.post(`${path}/${appendixId}`, { commitments: "Egen ändring", reason: "x" }, { cookie: member })).status).toBe(403);
    const outsider = await http.login("boras.stad@samrad.test");
    expect((await http.get(path, outsider)).status).toBe(404);
    const revised = await http.post(`${path}/${appendixId}`, { commitments: "Stödsamtal alla dagar.", reason: "Styrgruppens beslut 2026-03-12 § 4" }, { cookie: admin });
    expect(revised.status).toBe(200);

    const versions = await t.sql`select version, commitments, reason from appendix_versions where appendix_id = ${appendixId} order by version`;
    expect(versions.map((v) => [v.version, v.commitments, v.reason])).toEqual([
      [1, "Stödsamtal alla vardagar.", "Överenskommelsen 2025"],
      [2, "Stödsamtal alla dagar.", "Styrgruppens beslut 2026-03-12 § 4"],
    ]);
    const history = await (await http.get(`${path}/${appendixId}`, member)).text();
    expect(history).toContain("Version 1");
    expect(history).toContain("Version 2");
    expect(history).toContain("Styrgruppens beslut 2026-03-12 § 4");
  });

  describe("JSON API", () => {
    it("lists only the caller's partnerships", async () => {
      const member = await http.login("stockholm.bo-gotland@samrad.test");
      const list = await (await http.get("/api/partnerships", member)).json();
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ id: stockholm, parties: expect.arrayContaining([{ name: "Brottsofferjouren Stockholm-Gotland", orgNumber: "802490-7720", sector: "idea" }]) });
    });

    it.each([
      ["2025-09-30", { running: true, currentPeriodStart: "2025-04-01", currentPeriodEnd: "2025-12-31", noticeDeadline: "2025-09-30", endIfNoticeToday: "2025-12-31" }],
      ["2025-10-01", { running: true, currentPeriodStart: "2025-04-01", currentPeriodEnd: "2025-12-31", noticeDeadline: "2026-09-30", endIfNoticeToday: "2026-12-31" }],
      ["2027-06-01", { running: true, currentPeriodStart: "2027-01-01", currentPeriodEnd: "2027-12-31", noticeDeadline: null, endIfNoticeToday: "2027-12-31" }],
      ["2028-01-01", { running: false, currentPeriodStart: null, currentPeriodEnd: null, noticeDeadline: null, endIfNoticeToday: null }],
    ])("computes Stockholm's period on %s", async (on, period) => {
      const body = await (await http.get(`/api/partnerships/${stockholm}?on=${on}`, admin)).json();
      expect(body.period).toEqual({ start: "2025-04-01", end: "2027-12-31", ...period });
      expect(body.groups.map((g: { kind: string }) => g.kind).sort()).toEqual(["cooperation", "steering"]);
    });

    it("names the rotating chair's party", async () => {
      const body = await (await http.get(`/api/partnerships/${stockholm}?on=2025-04-01`, admin)).json();
      const steering = body.groups.find((g: { kind: string }) => g.kind === "steering");
      expect(steering.chair.party).toBe("Socialförvaltningen, Stockholms stad");
      const later = await (await http.get(`/api/partnerships/${stockholm}?on=2025-10-01`, admin)).json();
      expect(later.groups.find((g: { kind: string }) => g.kind === "steering").chair.party).toBe("Brottsofferjouren Stockholm-Gotland");
    });

    it("accepts a bearer token, refuses no credentials with 401 and hides others' partnerships with 404", async () => {
      expect((await http.get("/api/partnerships")).status).toBe(401);
      const member = await http.login("boras.stad@samrad.test");
      const page = await http.post("/settings", { intent: "create-token", name: "Ärendesystem" }, { cookie: member });
      const token = (await page.text()).match(/<code class="secret">([a-z2-7]{32})<\/code>/)![1];
      const res = await fetch(`${app.url}/api/partnerships`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect((await res.json()).map((p: { name: string }) => p.name)).toEqual(["IOP Borås Stad – Kvinno- och tjejjouren Borås"]);
      const hidden = await fetch(`${app.url}/api/partnerships/${stockholm}`, { headers: { authorization: `Bearer ${token}` } });
      expect(hidden.status).toBe(404);
      expect((await fetch(`${app.url}/api/partnerships`, { headers: { authorization: "Bearer forged" } })).status).toBe(401);
      expect((await http.get(`/api/partnerships/${stockholm}?on=2025-13-01`, admin)).status).toBe(400);
    });
  });
});
