import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDaysIso } from "../../app/domain/iso-date";
import { stockholmDate } from "../../app/domain/stockholm-date";
import type { RunningServer } from "../../app/http/server.server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";

/** Shortcomings, disputes and reported changes in Linköping and Stockholm, through the HTTP forms. */
describe("cases", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let admin: string;
  let kommun: string;
  let jouren: string;
  let outsider: string;
  let linkoping: { id: string; jouren: string; kommun: string; held: string; upcoming: string };
  const today = stockholmDate(new Date());

  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    const [row] = await t.sql`
      select p.id,
        (select pa.id from parties pa where pa.partnership_id = p.id and pa.sector = 'idea') as jouren,
        (select pa.id from parties pa where pa.partnership_id = p.id and pa.sector = 'public') as kommun,
        (select m.id from meetings m where m.group_id = g.id and m.starts_at < now() order by m.starts_at desc limit 1) as held,
        (select m.id from meetings m where m.group_id = g.id and m.starts_at > now() order by m.starts_at limit 1) as upcoming
      from partnerships p join groups g on g.partnership_id = p.id and g.kind = 'steering' where p.name like '%Linköping%'`;
    linkoping = row as typeof linkoping;
    admin = await http.login("admin@samrad.test");
    kommun = await http.login("linkoping.kommun@samrad.test");
    jouren = await http.login("linkoping.jouren@samrad.test");
    outsider = await http.login("boras.jouren@samrad.test");
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const stage = async (id: string) => (await t.sql`select stage from cases where id = ${id}`)[0].stage;
  const step = (id: string, cookie: string, form: Record<string, string>) => http.post(`/cases/${id}`, { intent: "step", ...form }, { cookie });

  describe("a shortcoming, from report to remedied", () => {
    let caseId: string;

    it("a party reports another party's shortcoming and it goes on the next steering agenda", async () => {
      const res = await http.post(
        `/partnerships/${linkoping.id}/cases`,
        { intent: "shortcoming", concernsParty: linkoping.jouren, commitment: "Bilaga 1: jourtelefon alla vardagar", description: "Telefonen var obemannad i tre veckor i oktober.", evidence: "https://linkoping.se/rapport.pdf" },
        { cookie: kommun },
      );
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("står på dagordningen för");
      const [c] = await t.sql`select id, stage, raised_by_party, evidence from cases where kind = 'shortcoming'`;
      expect(c).toMatchObject({ stage: "reported", raised_by_party: linkoping.kommun, evidence: ["https://linkoping.se/rapport.pdf"] });
      caseId = c.id;
      const items = await t.sql`select title, proposed from agenda_items where meeting_id = ${linkoping.upcoming} and title like 'Brist:%'`;
      expect(items).toEqual([{ title: "Brist: Bilaga 1: jourtelefon alla vardagar", proposed: false }]);
    });

    it("refuses a party reporting itself, with a clear message and nothing stored", async () => {
      const res = await http.post(`/partnerships/${linkoping.id}/cases`, { intent: "shortcoming", concernsParty: linkoping.kommun, commitment: "x", description: "y" }, { cookie: kommun });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("Välj den part bristen gäller.");
      expect(await t.sql`select 1 from cases`).toHaveLength(1);
    });

    it("takes a steering group decision only at a held steering meeting, and only from the chair or coordinator", async () => {
      const due = addDaysIso(today, 30);
      expect((await step(caseId, jouren, { event: "requirePlan", meetingId: linkoping.held, planDueOn: due })).status).toBe(403);
      const noMeeting = await step(caseId, admin, { event: "requirePlan", planDueOn: due });
      expect(noMeeting.status).toBe(400);
      expect(await noMeeting.text()).toContain("Välj styrgruppens hållna möte där beslutet fattades.");
      expect((await step(caseId, admin, { event: "requirePlan", meetingId: linkoping.upcoming, planDueOn: due })).status).toBe(400);
      expect(await stage(caseId)).toBe("reported");

      expect((await step(caseId, admin, { event: "requirePlan", meetingId: linkoping.held, planDueOn: due, note: "Styrgruppen begär en åtgärdsplan." })).status).toBe(200);
      expect(await stage(caseId)).toBe("planRequired");
      const [event] = await t.sql`select event, from_stage, to_stage, meeting_id from case_events where case_id = ${caseId} order by id desc limit 1`;
      expect(event).toEqual({ event: "requirePlan", from_stage: "reported", to_stage: "planRequired", meeting_id: linkoping.held });
    });

    it("only the responsible party writes and submits the plan, and not an empty one", async () => {
      expect((await http.post(`/cases/${caseId}`, { intent: "planAdd", what: "Schema", owner: "Kommunen", dueOn: addDaysIso(today, 10) }, { cookie: kommun })).status).toBe(403);
      const empty = await step(caseId, jouren, { event: "submitPlan" });
      expect(await empty.text()).toContain("Lägg till minst en åtgärd innan planen lämnas in.");
      const added = await http.post(`/cases/${caseId}`, { intent: "planAdd", what: "Bemanningsschema med reserver", owner: "Verksamhetschefen", dueOn: addDaysIso(today, 20) }, { cookie: jouren });
      expect(added.status).toBe(200);
      expect((await step(caseId, kommun, { event: "submitPlan" })).status).toBe(403);
      expect((await step(caseId, jouren, { event: "submitPlan" })).status).toBe(200);
      expect(await stage(caseId)).toBe("planSubmitted");
      // Once submitted the plan is locked for the party.
      expect((await http.post(`/cases/${caseId}`, { intent: "planAdd", what: "Sent", owner: "x", dueOn: addDaysIso(today, 20) }, { cookie: jouren })).status).toBe(409);
    });

    it("is accepted by the steering group, followed up per action, and closed as remedied", async () => {
      expect((await step(caseId, jouren, { event: "acceptPlan", meetingId: linkoping.held })).status).toBe(403);
      expect((await step(caseId, admin, { event: "acceptPlan", meetingId: linkoping.held })).status).toBe(200);
      const [action] = await t.sql`select id from plan_actions where case_id = ${caseId}`;
      expect((await http.post(`/cases/${caseId}`, { intent: "progress", actionId: action.id, progress: "Schemat gäller från 1 december.", done: "on" }, { cookie: jouren })).status).toBe(200);
      expect(await t.sql`select progress, done from plan_actions where id = ${action.id}`).toEqual([{ progress: "Schemat gäller från 1 december.", done: true }]);
      expect((await step(caseId, admin, { event: "remedied", meetingId: linkoping.held })).status).toBe(200);
      expect(await stage(caseId)).toBe("remedied");
      expect((await step(caseId, admin, { event: "notRemedied", meetingId: linkoping.held })).status).toBe(409);
      const events = await t.sql`select event from case_events where case_id = ${caseId} order by id`;
      expect(events.map((e) => e.event)).toEqual(["open", "requirePlan", "submitPlan", "acceptPlan", "recordProgress", "remedied"]);
    });

    it("keeps the case's history unchangeable", async () => {
      await expect(t.sql`update case_events set note = 'ändrad' where case_id = ${caseId}`).rejects.toThrow(/append-only/);
    });
  });

  it("escalates a disagreement in Stockholm's cooperation group to the steering group's next agenda as a proposal", async () => {
    const sodra = await http.login("stockholm.bo-sodra@samrad.test");
    const [g] = await t.sql`
      select c.id as coop, c.partnership_id, s.id as steering from groups c join groups s on s.partnership_id = c.partnership_id and s.kind = 'steering'
      where c.kind = 'cooperation'`;
    const res = await http.post(`/partnerships/${g.partnership_id}/cases`, { intent: "escalate", groupId: g.coop, title: "Fördelning av jourtider", description: "Parterna är oeniga om helgjouren." }, { cookie: sodra });
    expect(res.status).toBe(200);
    const [c] = await t.sql`select kind, stage, from_group_id from cases where partnership_id = ${g.partnership_id}`;
    expect(c).toEqual({ kind: "dispute", stage: "steering", from_group_id: g.coop });
    const proposals = await t.sql`
      select a.title, a.proposed from agenda_items a join meetings m on m.id = a.meeting_id where m.group_id = ${g.steering} and a.title like 'Oenighet:%'`;
    expect(proposals).toEqual([{ title: "Oenighet: Fördelning av jourtider", proposed: true }]);
  });

  it("tells the steering group's chair of changed circumstances by e-mail", async () => {
    const gotland = await http.login("stockholm.bo-gotland@samrad.test");
    const [p] = await t.sql`select partnership_id as id from groups where kind = 'cooperation'`;
    const before = (await t.sql`select count(*)::int as n from outbox`)[0].n;
    const res = await http.post(`/partnerships/${p.id}/cases`, { intent: "information", title: "Ny verksamhetschef", description: "Jouren byter ledning i januari." }, { cookie: gotland });
    expect(res.status).toBe(200);
    const mails = await t.sql`select "to", subject from outbox order by id offset ${before}`;
    expect(mails.map((m) => m.subject)).toContain("Ändrade förhållanden anmälda: Ny verksamhetschef");
    // The matter went on the agenda of a meeting already noticed: its members get the new agenda too.
    expect(mails.filter((m) => m.subject.startsWith("Ändrad kallelse: Styrgruppen")).length).toBeGreaterThan(0);
  });

  it("tells the coordinator when the steering group has no chair rotation set", async () => {
    const before = (await t.sql`select count(*)::int as n from outbox`)[0].n;
    const res = await http.post(`/partnerships/${linkoping.id}/cases`, { intent: "information", title: "Lokalerna sägs upp", description: "Jouren måste flytta i mars." }, { cookie: jouren });
    expect(res.status).toBe(200);
    const mails = await t.sql`select "to", subject from outbox order by id offset ${before}`;
    expect(mails.filter((m) => !m.subject.startsWith("Ändrad kallelse")).map((m) => m.to)).toEqual(["admin@samrad.test"]);
  });

  it("answers the API with each case's stage and action plan", async () => {
    const res = await http.get(`/api/partnerships/${linkoping.id}/cases`, kommun);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toHaveLength(2);
    expect(body).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: "information", stage: "reported", closed: false, actionPlan: null }),
      expect.objectContaining({
        kind: "shortcoming",
        stage: "remedied",
        closed: true,
        concerns: "Kvinnojouren Ellinor och Tjejjouren Beata",
        actionPlan: [expect.objectContaining({ what: "Bemanningsschema med reserver", done: true })],
      }),
    ]));
  });

  it("shows nothing to a non-member", async () => {
    const [c] = await t.sql`select id from cases where partnership_id = ${linkoping.id}`;
    expect((await http.get(`/cases/${c.id}`, outsider)).status).toBe(404);
    expect((await http.get(`/partnerships/${linkoping.id}/cases`, outsider)).status).toBe(404);
    expect((await http.get(`/api/partnerships/${linkoping.id}/cases`, outsider)).status).toBe(404);
    expect((await step(c.id, outsider, { event: "remedied" })).status).toBe(404);
  });
  it("terminates a party's participation only after a written exchange if funds are reclaimed, and records its notice", async () => {
    const [b] = await t.sql`
      select p.id, (select pa.id from parties pa where pa.partnership_id = p.id and pa.sector = 'idea') as jouren,
        (select m.id from meetings m where m.group_id = g.id and m.starts_at < now() order by m.starts_at desc limit 1) as held
      from partnerships p join groups g on g.partnership_id = p.id and g.kind = 'steering' where p.name like '%Borås%'`;
    const stad = await http.login("boras.stad@samrad.test");
    await http.post(`/partnerships/${b.id}/cases`, { intent: "shortcoming", concernsParty: b.jouren, commitment: "Bilaga 2: stödsamtal", description: "Inga stödsamtal under hösten." }, { cookie: stad });
    const [c] = await t.sql`select id from cases where partnership_id = ${b.id}`;
    expect((await step(c.id, admin, { event: "requirePlan", meetingId: b.held, planDueOn: addDaysIso(today, 14) })).status).toBe(200);
    expect((await step(c.id, admin, { event: "notRemedied", meetingId: b.held, note: "Ingen plan kom in." })).status).toBe(200);
    const early = await step(c.id, admin, { event: "terminate", meetingId: b.held, reclaim: "yes" });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain("Återkrav kräver att en skriftlig kommunikation med parten först är registrerad i ärendet.");
    expect(await stage(c.id)).toBe("notRemedied");
    expect((await step(c.id, admin, { event: "writtenExchange", note: "Brev om återkrav skickat 2026-11-20; jouren svarade 2026-11-24." })).status).toBe(200);
    expect((await step(c.id, admin, { event: "terminate", meetingId: b.held, reclaim: "yes", note: "Styrgruppen säger upp jourens deltagande." })).status).toBe(200);
    expect(await t.sql`select stage, reclaim from cases where id = ${c.id}`).toEqual([{ stage: "terminated", reclaim: true }]);
    const [notice] = await t.sql`select given_on::text, effective_on::text from terminations where party_id = ${b.jouren}`;
    expect(notice.given_on).toBe(today);
    expect(notice.effective_on > today).toBe(true);
  });
});
