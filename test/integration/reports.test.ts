import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { doneShown, shownAt } from "../support/answers";
import { client, startTestServer } from "../support/server";

/** Yearly reports under each partnership's own reporting rule, over HTTP on the demo partnerships. */
describe("yearly reports per partnership's rule", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  type Partnership = { id: string; steering: string; idea: string; public: string };
  const p: Record<string, Partnership> = {};
  const cookie: Record<string, string> = {};
  // Österåker's 2025 report was due 2026-01-31; the others set no date.
  const NOW = new Date("2026-02-15T09:00:00Z");

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: NOW, shouldAdvanceTime: true });
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    for (const [key, like] of [
      ["osteraker", "%Österåker%"],
      ["linkoping", "%Linköping%"],
      ["boras", "%Borås%"],
      ["stockholm", "%Stockholm%"],
    ]) {
      const [row] = await t.sql`
        select p.id, (select g.id from groups g where g.partnership_id = p.id and g.kind = 'steering' order by g.created_at limit 1) as steering,
          (select pa.id from parties pa where pa.partnership_id = p.id and pa.sector = 'idea' order by pa.created_at limit 1) as idea,
          (select pa.id from parties pa where pa.partnership_id = p.id and pa.sector = 'public') as public
        from partnerships p where p.name like ${like}`;
      p[key] = row as Partnership;
    }
    for (const [who, email] of [
      ["admin", "admin@samrad.test"],
      ["ostJouren", "osteraker.kvinnojouren@samrad.test"],
      ["linKommun", "linkoping.kommun@samrad.test"],
      ["linJouren", "linkoping.jouren@samrad.test"],
      ["borasJouren", "boras.jouren@samrad.test"],
    ])
      cookie[who] = await http.login(email);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
    vi.useRealTimers();
  });

  let numbered = 0;
  /** A steering meeting held the day before now, with a decision in its register, adopted or not. */
  const decision = async (groupId: string, status: "adopted" | "not_adopted" = "adopted") => {
    const [m] = await t.sql`
      insert into meetings (group_id, title, starts_at, ends_at, status, created_by)
      select ${groupId}, 'Styrgruppsmöte', '2026-02-14T09:00:00Z', '2026-02-14T10:00:00Z', 'noticed', id from users where email = 'admin@samrad.test'
      returning id`;
    const [d] = await t.sql`
      insert into decisions (group_id, meeting_id, year, number, text, status, proposed_by)
      select ${groupId}, ${m.id}, 2026, ${++numbered}, 'Styrgruppen beslutar enligt förslaget.', ${status}, id from users where email = 'admin@samrad.test'
      returning id`;
    return d.id as string;
  };
  const file = (partnership: string, who: string, form: Record<string, string>) =>
    http.post(`/partnerships/${partnership}/reports/filings?year=2025`, form, { cookie: cookie[who] });
  const reportRows = () => t.sql`select party_id, year, narrative, statistics, financial, attachments from yearly_reports order by party_id`;

  it("GET /api/partnerships/:id gives the reporting rule", async () => {
    const body = await (await http.get(`/api/partnerships/${p.osteraker.id}`, cookie.admin)).json();
    expect(body.reportingRule).toMatchObject({
      due: { kind: "afterYearEnd", months: 1 },
      byGender: ["supportConversations"],
      attachments: ["activityReport", "accounts"],
      financial: true,
      accountsApproval: true,
    });
    expect((await (await http.get(`/api/partnerships/${p.boras.id}`, cookie.admin)).json()).reportingRule).toMatchObject({
      due: { kind: "none" },
      statistics: ["reached"],
      byGender: [],
    });
  });

  it.each([
    ["osteraker", { status: "overdue", dueOn: "2026-01-31", daysLate: 15 }],
    ["linkoping", { status: "notYetFiled", dueOn: null }],
    ["boras", { status: "notYetFiled", dueOn: null }],
    ["stockholm", { status: "notYetFiled", dueOn: null }],
  ])("on 2026-02-15 the reports API gives %s's unfiled 2025 reports as %j", async (key, status) => {
    const body = await (await http.get(`/api/partnerships/${p[key].id}/reports?year=2025`, cookie.admin)).json();
    expect(body.parties.length).toBeGreaterThan(0);
    for (const party of body.parties) expect(party.status).toEqual(status);
  });

  const boras = {
    reached: "212",
    activityReport: "https://boras.example/verksamhetsberattelse-2025.pdf",
    activityPlan: "https://boras.example/verksamhetsplan-2026.pdf",
    qualityAppendix: "https://boras.example/bilaga-kvalitet.pdf",
  };

  it("refuses a report lacking what its rule requires, at each field, and stores nothing", async () => {
    const res = await file(p.boras.id, "borasJouren", { partyId: p.boras.idea, reached: "", activityReport: boras.activityReport, activityPlan: "ftp://x", qualityAppendix: "" });
    expect(res.status).toBe(400);
    const { fieldErrors } = await res.clone().json();
    expect(Object.keys(fieldErrors).sort()).toEqual(["activityPlan"]);
    expect(await shownAt(res, "activityPlan")).toBe("Ange en fullständig webbadress som börjar med https://.");
    const missing = await file(p.boras.id, "borasJouren", { partyId: p.boras.idea, reached: "", activityReport: boras.activityReport, activityPlan: "", qualityAppendix: "" });
    expect(missing.status).toBe(400);
    expect((await missing.clone().json()).fieldErrors).toEqual({
      reached: "report.statisticRequired",
      activityPlan: "report.attachmentRequired",
      qualityAppendix: "report.attachmentRequired",
    });
    expect(await shownAt(missing, "qualityAppendix")).toBe("Länka till dokumentet: avtalet kräver det.");
    expect(await reportRows()).toEqual([]);
  });

  it("Borås files its report with the activity report, plan and quality appendix; Österåker's Kvar must be grant minus costs, a deficit allowed", async () => {
    expect((await file(p.boras.id, "borasJouren", { partyId: p.boras.idea, ...boras })).status).toBe(200);
    const ost = {
      partyId: p.osteraker.idea,
      narrative: "Året i korthet.",
      contactsInPerson: "120",
      contactsPhone: "800",
      contactsChat: "90",
      contactsEmail: "40",
      supportConversationsWomen: "300",
      supportConversationsMen: "12",
      supportConversationsOther: "3",
      volunteers: "25",
      volunteerHours: "2100",
      employees: "3",
      grantReceived: "2400000",
      costs: "2450000",
      remaining: "50000",
      activityReport: "https://osteraker.example/vb-2025.pdf",
      accounts: "https://osteraker.example/bokslut-2025.pdf",
    };
    const mismatch = await file(p.osteraker.id, "ostJouren", ost);
    expect(mismatch.status).toBe(400);
    expect(await shownAt(mismatch, "remaining")).toBe("Kvar ska vara erhållet bidrag minus kostnader. Ett underskott skrivs med minus, till exempel -5000.");
    expect((await file(p.osteraker.id, "ostJouren", { ...ost, remaining: "-50000" })).status).toBe(200);
    const rows = await reportRows();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.party_id === p.boras.idea)).toMatchObject({
      statistics: { reached: 212 },
      attachments: { activityPlan: boras.activityPlan, qualityAppendix: boras.qualityAppendix },
    });
    expect(rows.find((r) => r.party_id === p.osteraker.idea)).toMatchObject({ statistics: { supportConversationsWomen: 300 }, financial: { remaining: -50000 } });
    const api = await (await http.get(`/api/partnerships/${p.osteraker.id}/reports?year=2025`, cookie.admin)).json();
    expect(api.parties[0]).toMatchObject({ status: { status: "filed", dueOn: "2026-01-31" }, accounts: "submitted" });
    expect(api.statistics).toContain("supportConversationsOther");
    expect(api.financialColumns).toEqual(["grantReceived", "costs", "remaining"]);
  });

  it("the CSV has the rule's columns: Österåker's support conversations by gender and its amounts", async () => {
    const csv = new TextDecoder().decode(new Uint8Array(await (await http.get(`/partnerships/${p.osteraker.id}/reports.csv?year=2025`, cookie.admin)).arrayBuffer()).slice(3));
    const [header, row] = csv.trimEnd().split("\r\n");
    expect(header).toBe(
      "Part;Kontakter: besök;Kontakter: telefon;Kontakter: chatt;Kontakter: e-post;Stödsamtal: kvinnor;Stödsamtal: män;Stödsamtal: annat eller ej angivet;Ideella;Ideella timmar;Anställda;Erhållet bidrag (kr);Kostnader (kr);Kvar (kr)",
    );
    expect(row).toBe("Kvinnojouren i Österåker;120;800;90;40;300;12;3;25;2100;3;2400000;2450000;-50000");
  });

  it("changes the statistics only from the steering group's adopted decision, recorded by its chair's party or the coordinator", async () => {
    const rule = async () => (await t.sql`select reporting_rule from partnerships where id = ${p.linkoping.id}`)[0].reporting_rule;
    const before = await rule();
    const form = { statistics: ["reached", "volunteers"], byGender: ["reached"] };
    // Without a decision, or with one not adopted, or with another partnership's: refused at the field.
    const none = await http.post(`/partnerships/${p.linkoping.id}/reports/statistics`, form, { cookie: cookie.admin });
    expect(none.status).toBe(400);
    expect(await shownAt(none, "decisionId")).toBe("Välj styrgruppens antagna beslut.");
    for (const decisionId of [await decision(p.linkoping.steering, "not_adopted"), await decision(p.boras.steering)]) {
      expect((await http.post(`/partnerships/${p.linkoping.id}/reports/statistics`, { ...form, decisionId }, { cookie: cookie.admin })).status).toBe(400);
    }
    const adopted = await decision(p.linkoping.steering);
    // Not one party's click: the idea party, not chairing, is refused.
    expect((await http.post(`/partnerships/${p.linkoping.id}/reports/statistics`, { ...form, decisionId: adopted }, { cookie: cookie.linJouren })).status).toBe(403);
    expect(await rule()).toEqual(before);
    // The municipality convenes Linköping's steering group (002).
    const res = await http.post(`/partnerships/${p.linkoping.id}/reports/statistics`, { ...form, decisionId: adopted }, { cookie: cookie.linKommun });
    expect(res.status).toBe(200);
    expect(await rule()).toMatchObject({ statistics: ["reached", "volunteers"], byGender: ["reached"], statisticsDecisionId: adopted, attachments: ["activityReport"] });
    const [entry] = await t.sql`select details from audit_log where action = 'report.statistics'`;
    expect(entry.details).toMatchObject({ decisionId: adopted, statistics: ["reached", "volunteers"] });
  });

  it("the steering group approves or sends back Österåker's accounts from its adopted decision; a sent-back report is corrected and resubmitted", async () => {
    const [report] = await t.sql`select id from yearly_reports where party_id = ${p.osteraker.idea}`;
    const review = (who: string, form: Record<string, string>) =>
      http.post(`/partnerships/${p.osteraker.id}/reports/reviews`, { reportId: report.id, ...form }, { cookie: cookie[who] });
    const adopted = await decision(p.osteraker.steering);
    expect((await review("admin", { outcome: "approved" })).status).toBe(400);
    expect((await review("ostJouren", { outcome: "approved", decisionId: adopted })).status).toBe(403);
    // Borås's rule asks no approval of accounts.
    const [borasReport] = await t.sql`select id from yearly_reports where party_id = ${p.boras.idea}`;
    expect(
      (
        await http.post(
          `/partnerships/${p.boras.id}/reports/reviews`,
          { reportId: borasReport.id, outcome: "approved", decisionId: await decision(p.boras.steering) },
          { cookie: cookie.admin },
        )
      ).status,
    ).toBe(409);

    const sentBack = await review("admin", { outcome: "sent_back", decisionId: adopted, note: "Kostnaderna saknar specifikation." });
    expect(await doneShown(sentBack)).toBe("Bokslutet är skickat tillbaka för rättelse.");
    const accounts = async () => (await (await http.get(`/api/partnerships/${p.osteraker.id}/reports?year=2025`, cookie.admin)).json()).parties[0].accounts;
    expect(await accounts()).toBe("sentBack");
    // Reviewed and not corrected since: nothing more to review.
    expect((await review("admin", { outcome: "approved", decisionId: adopted })).status).toBe(409);
    const page = await (await http.get(`/partnerships/${p.osteraker.id}/reports?year=2025`, cookie.ostJouren)).text();
    expect(page).toContain("Styrgruppen skickade tillbaka bokslutet: Kostnaderna saknar specifikation.");

    const [row] = await t.sql`select narrative, statistics, financial, attachments from yearly_reports where id = ${report.id}`;
    const corrected = {
      ...row.statistics,
      ...row.financial,
      ...row.attachments,
      narrative: row.narrative,
      partyId: p.osteraker.idea,
      accounts: "https://osteraker.example/bokslut-2025-v2.pdf",
    };
    expect((await file(p.osteraker.id, "ostJouren", Object.fromEntries(Object.entries(corrected).map(([k, v]) => [k, String(v)])))).status).toBe(200);
    expect(await accounts()).toBe("submitted");
    expect(await doneShown(await review("admin", { outcome: "approved", decisionId: await decision(p.osteraker.steering) }))).toBe("Bokslutet är godkänt.");
    expect(await accounts()).toBe("approved");
    const reviews = await t.sql`select outcome, note from yearly_report_reviews order by id`;
    expect(reviews).toEqual([
      { outcome: "sent_back", note: "Kostnaderna saknar specifikation." },
      { outcome: "approved", note: "" },
    ]);
    expect((await t.sql`select action from audit_log where action like 'report.accounts%' order by id`).map((r) => r.action)).toEqual([
      "report.accountsSentBack",
      "report.accountsApproved",
    ]);
  });

  it("Stockholm's idea party files people reached by gender and a deficit; the public party files none, an outsider sees nothing", async () => {
    const sthlm = await http.login("stockholm.bo-gotland@samrad.test");
    const city = await http.login("stockholm.socialforvaltningen@samrad.test");
    const form = {
      partyId: p.stockholm.idea,
      narrative: "Verksamheten under året.",
      reachedWomen: "412",
      reachedMen: "9",
      reachedOther: "14",
      grantReceived: "1850000",
      costs: "1900000",
      remaining: "-50000",
    };
    const post = (c: string, f: Record<string, string>) => http.post(`/partnerships/${p.stockholm.id}/reports/filings?year=2025`, f, { cookie: c });
    expect((await post(city, form)).status).toBe(403);
    expect((await post(city, { ...form, partyId: p.stockholm.public })).status).toBe(403);
    const gotland = (await t.sql`select pa.id from parties pa join organisations o on o.id = pa.organisation_id where o.name = 'Brottsofferjouren Stockholm-Gotland'`)[0].id;
    expect((await post(sthlm, { ...form, partyId: gotland })).status).toBe(200);
    expect((await http.get(`/partnerships/${p.stockholm.id}/reports`, cookie.borasJouren)).status).toBe(404);
    expect((await http.get(`/api/partnerships/${p.stockholm.id}/reports?year=2025`, cookie.borasJouren)).status).toBe(404);
    const page = await (await http.get(`/partnerships/${p.stockholm.id}/reports?year=2025`, cookie.admin)).text();
    expect(page).toContain("Kvinnor: 412 (95 %)");
    const print = await (await http.get(`/partnerships/${p.stockholm.id}/reports/print?year=2025`, cookie.admin)).text();
    expect(print).toContain("Verksamheten under året.");
    expect(print).toContain("Kvar (kr)");
  });

  it("the reports page states the rule in plain Swedish", async () => {
    const page = await (await http.get(`/partnerships/${p.osteraker.id}/reports?year=2025`, cookie.admin)).text();
    expect(page).toContain("Rapporten för 2025 ska lämnas senast 2026-01-31.");
    expect(page).toContain("Bifoga: Verksamhetsberättelse (dokument), Bokslut för helåret.");
    expect(page).toContain("Bokslutet granskas och godkänns av styrgruppen.");
    const boras = await (await http.get(`/partnerships/${p.boras.id}/reports?year=2025`, cookie.admin)).text();
    expect(boras).toContain("Avtalet anger inget datum för rapporten");
    expect(boras).toContain("Bifoga: Verksamhetsberättelse (dokument), Verksamhetsplan, Kvalitetsbilaga.");
  });
});
