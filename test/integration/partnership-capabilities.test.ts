import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { shownAt } from "../support/answers";
import { formMarker } from "../support/capabilities";
import { freshDatabase, type TestDatabase } from "../support/db";
import { formOf } from "../support/resource-forms";
import { client, startTestServer } from "../support/server";

/**
 * The notice, report and amendment pages' actions refuse what the pages hide (decision 017). Stockholm on
 * 2026-11-30, with Brottsofferjouren Västerort's notice taken effect on 2025-12-31: the steering
 * chair has passed to the city; Södra Stockholm's member sits as an observer in every group; Borås is in none of its groups.
 */
describe("partnership capabilities: notices, reports and amendments refused where their forms are hidden", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let sthlm: string;
  let draft: string; // an amendment no one has signed
  let valid: string; // one every party taking part has signed, its period rule not yet applied
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
    const amendment = async (title: string, validAt: string | null) =>
      (
        await t.sql<{ id: string }[]>`insert into amendments (partnership_id, title, text, text_sha256, period_rule, valid_at, created_by)
          select ${sthlm}, ${title}, 'Avtalet förlängs.', ${"a".repeat(64)}, ${JSON.stringify({ kind: "fixed", start: "2021-07-01", end: "2029-12-31" })}::jsonb, ${validAt}, id
          from users where email = ${CITY} returning id`
      )[0].id;
    draft = await amendment("Förlängning", null);
    valid = await amendment("Förlängning till 2029", "2026-11-01T10:00:00Z");
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
        t.sql`select reporting_rule from partnerships order by id`,
        t.sql`select * from yearly_report_reviews order by id`,
        t.sql`select * from amendments order by id`,
        t.sql`select * from amendment_signatures order by id`,
        t.sql`select period_rule from partnerships order by id`,
        t.sql`select count(*)::int from agenda_items`,
        t.sql`select count(*)::int from outbox`,
        t.sql`select count(*)::int from audit_log`,
      ]),
    );

  const notice = { reason: "Styrelsebeslut.", password: "samrad-demo", committeeReference: "SN 2026/114", committeeDecidedOn: "2026-11-02" };
  // What Stockholm's rule asks of a report (004 §4), and the statistics form's fields.
  const report = {
    narrative: "Verksamheten under året.",
    reachedWomen: "10",
    reachedMen: "2",
    reachedOther: "0",
    grantReceived: "100000",
    costs: "90000",
    remaining: "10000",
    statistics: ["reached", "volunteers"],
    byGender: ["reached"],
  };
  const amending = { title: "Ändrad", text: "Ny text.", textSha256: "a".repeat(64) };
  const amendmentOf = (route: string) => (route === "draft" ? draft : route === "valid" ? valid : undefined);
  const pathOf = (route: string) => (amendmentOf(route) ? `/amendments/${amendmentOf(route)}` : `/partnerships/${sthlm}/${route}`);
  const CONCERNS: Record<string, string> = { file: "filings", keys: "statistics", preview: "preview", confirm: "notices" };
  /** Where the form for `intent` on the page posts: an amendment's, the reports' or the notice's concern, else the page. */
  const actionOf = (route: string, intent: string) =>
    amendmentOf(route) ? formOf("amendments", amendmentOf(route)!, intent).action : Object.hasOwn(CONCERNS, intent) ? `${pathOf(route)}/${CONCERNS[intent]}` : pathOf(route);
  const amendmentForm = (route: string, intent: string) => () => formMarker(formOf("amendments", amendmentOf(route)!, intent));
  // user, page, intent, the party the form names, what the page must not show, the status and (for 409) the reason
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
    [GOTLAND, "reports", "keys", GOTLAND, () => `action="${actionOf("reports", "keys")}"`, 403],
    [VASTERORT, "reports", "keys", VASTERORT, () => `action="${actionOf("reports", "keys")}"`, 403],
    // Drafting takes no intent: the new-amendment form is the page's only one with a title field.
    [SODRA, "amendments", "", SODRA, () => `name="title"`, 403],
    [VASTERORT, "amendments", "", VASTERORT, () => `name="title"`, 403],
    [SODRA, "draft", "sign", SODRA, amendmentForm("draft", "sign"), 403],
    [SODRA, "draft", "edit", SODRA, amendmentForm("draft", "edit"), 403],
    [SODRA, "valid", "apply", SODRA, amendmentForm("valid", "apply"), 403],
    [VASTERORT, "draft", "edit", VASTERORT, amendmentForm("draft", "edit"), 403],
    [VASTERORT, "draft", "sign", VASTERORT, amendmentForm("draft", "sign"), 409, "Din part har lämnat partnerskapet och skriver inte under fler ändringar."],
    [CITY, "draft", "apply", CITY, amendmentForm("draft", "apply"), 409, "Ändringen gäller inte än."],
    [CITY, "valid", "sign", CITY, amendmentForm("valid", "sign"), 409, "Ändringen gäller redan."],
    [CITY, "valid", "edit", CITY, amendmentForm("valid", "edit"), 409, "En gällande ändring kan inte redigeras. Skriv ett nytt utkast."],
  );

  it.each(cases)("%s: %s %s for the party of %s", async (by, route, intent, of, hidden, status, reason) => {
    const path = pathOf(route);
    const page = await http.get(path, cookie[by]);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain(hidden(party[of]));
    const before = await everything();
    const res = await http.post(actionOf(route, intent), { intent, partyId: party[of], ...notice, ...report, ...amending }, { cookie: cookie[by] });
    expect(res.status).toBe(status);
    if (reason) expect(await shownAt(res, "refused")).toBe(reason);
    else expect(await res.text()).toContain("Åtkomst nekad");
    expect(await everything(), "changed nothing").toBe(before);
  });

  it("hides the pages and refuses their actions to someone in none of the partnership's groups", async () => {
    const before = await everything();
    for (const [route, intent] of [
      ["termination", "preview"],
      ["reports", "file"],
      ["reports", "keys"],
      ["amendments", ""],
      ["draft", "sign"],
      ["draft", "edit"],
      ["valid", "apply"],
    ]) {
      expect((await http.get(pathOf(route), cookie[BORAS])).status).toBe(404);
      expect((await http.post(actionOf(route, intent), { intent, partyId: party[GOTLAND], ...report, ...amending }, { cookie: cookie[BORAS] })).status).toBe(404);
    }
    expect(await everything()).toBe(before);
  });

  it("shows each the forms it allows, and takes them", async () => {
    expect(await (await http.get(`/partnerships/${sthlm}/termination`, cookie[GOTLAND])).text()).toContain(noticeOption(party[GOTLAND]));
    const reports = await (await http.get(`/partnerships/${sthlm}/reports`, cookie[CITY])).text();
    expect(reports).toContain(`action="${actionOf("reports", "keys")}"`);
    const filed = await http.post(`${actionOf("reports", "file")}?year=2026`, { partyId: party[GOTLAND], ...report }, { cookie: cookie[GOTLAND] });
    expect(filed.status).toBe(200);
    expect(await t.sql`select 1 from yearly_reports where party_id = ${party[GOTLAND]} and year = 2026`).toHaveLength(1);
    const [decision] = await t.sql`
      insert into decisions (group_id, meeting_id, year, number, text, status, proposed_by)
      select m.group_id, m.id, 2026, 99, 'Statistiken utökas med antalet ideella.', 'adopted', m.created_by from meetings m join groups g on g.id = m.group_id
      where g.partnership_id = ${sthlm} and g.kind = 'steering' and m.starts_at < now() order by m.starts_at desc limit 1 returning id`;
    expect(
      (await http.post(actionOf("reports", "keys"), { statistics: ["reached", "volunteers"], byGender: ["reached"], decisionId: decision.id }, { cookie: cookie[CITY] })).status,
    ).toBe(200);
    const amendment = await (await http.get(pathOf("draft"), cookie[GOTLAND])).text();
    for (const intent of ["sign", "edit"]) expect(amendment, intent).toContain(amendmentForm("draft", intent)());
    expect(await (await http.get(pathOf("valid"), cookie[GOTLAND])).text()).toContain(amendmentForm("valid", "apply")());
    expect((await http.post(actionOf("valid", "apply"), {}, { cookie: cookie[GOTLAND] })).status).toBe(200);
    expect((await t.sql`select period_rule from partnerships where id = ${sthlm}`)[0].period_rule).toMatchObject({ end: "2029-12-31" });
  });
});
