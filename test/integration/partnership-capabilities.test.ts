import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";

/**
 * The notice and report pages' actions refuse what the pages hide (decision 017). Stockholm on
 * 2026-11-30, with Brottsofferjouren Västerort's notice taken effect on 2025-12-31: the steering
 * chair has passed to the city; Södra Stockholm's member sits as an observer in every group; Borås is in none of its groups.
 */
describe("partnership capabilities: notices and reports refused where their forms are hidden", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let sthlm: string;
  const party: Record<string, string> = {};
  const cookie: Record<string, string> = {};
  const CITY = "stockholm.socialforvaltningen@samrad.test";
  const GOTLAND = "stockholm.bo-gotland@samrad.test";
  const SODRA = "stockholm.bo-sodra@samrad.test";
  const VASTERORT = "stockholm.bo-vasterort@samrad.test";
  const BORAS = "boras.jouren@samrad.test";

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-30T09:00:00Z"), shouldAdvanceTime: true });
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    const [{ id: groupId, partnershipId }] = await t.sql<{ id: string; partnershipId: string }[]>`
      select g.id, g.partnership_id as "partnershipId" from groups g join partnerships p on p.id = g.partnership_id
      where p.reference_number = '2021/630' and g.kind = 'steering'`;
    sthlm = partnershipId;
    for (const email of [CITY, GOTLAND, SODRA, VASTERORT]) {
      [{ partyId: party[email] }] = await t.sql<{ partyId: string }[]>`
        select gm.party_id as "partyId" from group_members gm join users u on u.id = gm.user_id where gm.group_id = ${groupId} and u.email = ${email}`;
    }
    await t.sql`insert into terminations (partnership_id, party_id, given_on, effective_on, reason, given_by)
      select ${sthlm}, ${party[VASTERORT]}, '2025-06-30', '2025-12-31', 'Föreningen avvecklas.', id from users where email = ${VASTERORT}`;
    // Södra's representative observes in every group, so speaks for Södra nowhere.
    await t.sql`update group_members set role = 'observer' where group_id in (select id from groups where partnership_id = ${sthlm}) and user_id = (select id from users where email = ${SODRA})`;
    for (const email of [CITY, GOTLAND, SODRA, VASTERORT, BORAS]) cookie[email] = await http.login(email);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
    vi.useRealTimers();
  });

  /** Everything a notice or a report could change. */
  const everything = async () =>
    JSON.stringify(
      await Promise.all([
        t.sql`select * from terminations order by id`,
        t.sql`select * from yearly_reports order by id`,
        t.sql`select * from partnership_report_statistics order by partnership_id`,
        t.sql`select count(*)::int from agenda_items`,
        t.sql`select count(*)::int from outbox`,
        t.sql`select count(*)::int from audit_log`,
      ]),
    );

  const notice = { reason: "Styrelsebeslut.", password: "samrad-demo", committeeReference: "SN 2026/114", committeeDecidedOn: "2026-11-02" };
  const report = { narrative: "Verksamheten under året.", reachedWomen: "10" };
  // user, route, intent, the party the form names, what the page must not show, the status and (for 409) the reason
  const cases: [by: string, route: string, intent: string, forParty: string, hidden: (party: string) => string, status: number, reason?: string][] = [];
  const noticeOption = (p: string) => `value="${p}"`;
  const reportForm = (p: string) => `name="partyId" value="${p}"`;
  for (const intent of ["preview", "confirm"]) {
    cases.push(
      [GOTLAND, "termination", intent, CITY, noticeOption, 403],
      [SODRA, "termination", intent, SODRA, noticeOption, 403], // an observer speaks for no one
      [CITY, "termination", intent, GOTLAND, noticeOption, 403],
      [VASTERORT, "termination", intent, VASTERORT, noticeOption, 409, "Parten har redan sagt upp avtalet."],
    );
  }
  cases.push(
    [CITY, "reports", "file", CITY, reportForm, 403], // the public party files no report
    [CITY, "reports", "file", GOTLAND, reportForm, 403],
    [SODRA, "reports", "file", SODRA, reportForm, 403],
    [VASTERORT, "reports", "file", VASTERORT, reportForm, 409, "Parten har lämnat partnerskapet och lämnar inga fler årsrapporter."],
    [GOTLAND, "reports", "keys", GOTLAND, () => `name="intent" value="keys"`, 403],
    [VASTERORT, "reports", "keys", VASTERORT, () => `name="intent" value="keys"`, 403],
  );

  it.each(cases)("%s: %s %s for the party of %s", async (by, route, intent, of, hidden, status, reason) => {
    const path = `/partnerships/${sthlm}/${route}`;
    const page = await http.get(path, cookie[by]);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain(hidden(party[of]));
    const before = await everything();
    const res = await http.post(path, { intent, partyId: party[of], ...notice, ...report, keys: ["volunteers"] }, { cookie: cookie[by] });
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(reason ?? "Åtkomst nekad");
    expect(await everything(), "changed nothing").toBe(before);
  });

  it("hides the pages and refuses their actions to someone in none of the partnership's groups", async () => {
    const before = await everything();
    for (const [route, intent] of [["termination", "preview"], ["reports", "file"], ["reports", "keys"]]) {
      expect((await http.get(`/partnerships/${sthlm}/${route}`, cookie[BORAS])).status).toBe(404);
      expect((await http.post(`/partnerships/${sthlm}/${route}`, { intent, partyId: party[GOTLAND], ...report }, { cookie: cookie[BORAS] })).status).toBe(404);
    }
    expect(await everything()).toBe(before);
  });

  it("shows each the forms it allows, and takes them", async () => {
    expect(await (await http.get(`/partnerships/${sthlm}/termination`, cookie[GOTLAND])).text()).toContain(noticeOption(party[GOTLAND]));
    const reports = await (await http.get(`/partnerships/${sthlm}/reports`, cookie[CITY])).text();
    expect(reports).toContain(`name="intent" value="keys"`);
    const filed = await http.post(`/partnerships/${sthlm}/reports?year=2026`, { intent: "file", partyId: party[GOTLAND], ...report }, { cookie: cookie[GOTLAND] });
    expect(filed.status).toBe(200);
    expect(await t.sql`select 1 from yearly_reports where party_id = ${party[GOTLAND]} and year = 2026`).toHaveLength(1);
    expect((await http.post(`/partnerships/${sthlm}/reports`, { intent: "keys", keys: ["reachedWomen"] }, { cookie: cookie[CITY] })).status).toBe(200);
  });
});
