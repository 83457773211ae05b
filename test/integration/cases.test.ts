import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { shownAt } from "../support/answers";
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
  let linkoping: { id: string; steering: string; jouren: string; kommun: string; held: string; upcoming: string };
  // The demo data is seeded around this day: each steering group met on 2026-10-31 and meets next on 2026-12-21.
  const NOW = new Date("2026-11-30T09:00:00Z");

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: NOW, shouldAdvanceTime: true });
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    const [row] = await t.sql`
      select p.id, g.id as steering,
        (select pa.id from parties pa where pa.partnership_id = p.id and pa.sector = 'idea') as jouren,
        (select pa.id from parties pa where pa.partnership_id = p.id and pa.sector = 'public') as kommun,
        (select m.id from meetings m where m.group_id = g.id and m.starts_at < ${NOW.toISOString()}::timestamptz order by m.starts_at desc limit 1) as held,
        (select m.id from meetings m where m.group_id = g.id and m.starts_at > ${NOW.toISOString()}::timestamptz order by m.starts_at limit 1) as upcoming
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
    vi.useRealTimers();
  });

  const stage = async (id: string) => (await t.sql`select stage from cases where id = ${id}`)[0].stage;
  /** Who was told of the case's steps, and of which step (with the plan's deadline where one was set), in the order told. */
  const toldOfSteps = async (id: string) =>
    (
      await t.sql<{ email: string; step: string; due_on: string | null }[]>`
        select u.email, n.params->>'stepKey' as step, n.due_on::text from notifications n join users u on u.id = n.user_id
        where n.kind = 'case.step' and n.link = ${`/cases/${id}`} order by n.id`
    ).map((r) => `${r.email} ${r.step.replace("case.event.", "")}${r.due_on ? ` ${r.due_on}` : ""}`);
  const step = (id: string, cookie: string, form: Record<string, string>) => http.post(`/cases/${id}/steps`, form, { cookie });
  const plan = (id: string, cookie: string, form: Record<string, string>) => http.post(`/cases/${id}/plan`, form, { cookie });
  /** A steering meeting held at `startsAt` (an extra meeting besides the demo data's). */
  const heldMeeting = async (groupId: string, startsAt: string) =>
    (await t.sql`
      insert into meetings (group_id, title, starts_at, ends_at, status, created_by)
      select ${groupId}, 'Extra styrgruppsmöte', ${startsAt}, ${startsAt}::timestamptz + interval '1 hour', 'noticed', id from users where email = 'admin@samrad.test'
      returning id`)[0].id as string;
  let numbered = 0;
  /** A decision in the register at `meetingId`, adopted or not (how the register decides is tested in decisions.test.ts). */
  const decision = async (meetingId: string, status: "adopted" | "not_adopted", text = "Styrgruppen beslutar enligt förslaget.") =>
    (await t.sql`
      insert into decisions (group_id, meeting_id, year, number, text, status, proposed_by)
      select m.group_id, m.id, 2026, ${++numbered}, ${text}, ${status}, u.id from meetings m, users u where m.id = ${meetingId} and u.email = 'admin@samrad.test'
      returning id`)[0].id as string;

  describe("a shortcoming, from report to remedied", () => {
    let caseId: string;

    it("a party reports another party's shortcoming and it goes on the next steering agenda", async () => {
      const res = await http.post(
        `/partnerships/${linkoping.id}/cases/shortcomings`,
        { concernsParty: linkoping.jouren, commitment: "Bilaga 1: jourtelefon alla vardagar", description: "Telefonen var obemannad i tre veckor i oktober.", evidence: "https://linkoping.se/rapport.pdf" },
        { cookie: kommun },
      );
      expect(res.status).toBe(200);
      expect((await res.json()).done).toBe("cases.onAgenda");
      const [c] = await t.sql`select id, stage, raised_by_party, evidence from cases where kind = 'shortcoming'`;
      expect(c).toMatchObject({ stage: "reported", raised_by_party: linkoping.kommun, evidence: ["https://linkoping.se/rapport.pdf"] });
      caseId = c.id;
      const items = await t.sql`select title, proposed from agenda_items where meeting_id = ${linkoping.upcoming} and title like 'Brist:%'`;
      expect(items).toEqual([{ title: "Brist: Bilaga 1: jourtelefon alla vardagar", proposed: false }]);
      // The accused party is told at once (the reporter, who did it, is not), under Att göra and by e-mail.
      expect(await toldOfSteps(caseId)).toEqual(["linkoping.jouren@samrad.test open"]);
      const [mail] = await t.sql`select subject from outbox where "to" = 'linkoping.jouren@samrad.test' and body like ${`%/cases/${caseId}%`}`;
      expect(mail.subject).toBe("Ärendet Bilaga 1: jourtelefon alla vardagar: Ärendet registrerades.");
    });

    it("refuses a party reporting itself, with a clear message and nothing stored", async () => {
      const res = await http.post(`/partnerships/${linkoping.id}/cases/shortcomings`, { concernsParty: linkoping.kommun, commitment: "x", description: "y" }, { cookie: kommun });
      expect(res.status).toBe(400);
      expect(await shownAt(res, "concernsParty")).toBe("Välj den part bristen gäller.");
      expect(await t.sql`select 1 from cases`).toHaveLength(1);
    });

    let meeting: string;
    let adopted: string;

    it("takes a steering step only from an adopted decision at a held steering meeting on or after the day the case was reported", async () => {
      // The group meets the morning the case was reported (the case came in at 10:00).
      meeting = await heldMeeting(linkoping.steering, "2026-11-30T08:00:00Z");
      adopted = await decision(meeting, "adopted", "Kvinnojouren ska lämna en åtgärdsplan senast 2026-12-15.");
      const due = "2026-12-15";
      const refused = async (form: Record<string, string>, message: string) => {
        const res = await step(caseId, admin, { event: "requirePlan", planDueOn: due, ...form });
        expect(res.status).toBe(400);
        expect(await shownAt(res, "requirePlan")).toContain(message);
      };
      expect((await step(caseId, jouren, { event: "requirePlan", meetingId: meeting, decisionId: adopted, planDueOn: due })).status).toBe(403);
      await refused({ decisionId: adopted }, "Välj styrgruppens hållna möte där beslutet fattades.");
      await refused({ meetingId: linkoping.upcoming, decisionId: await decision(linkoping.upcoming, "adopted") }, "Välj styrgruppens hållna möte där beslutet fattades.");
      await refused({ meetingId: linkoping.held, decisionId: await decision(linkoping.held, "adopted") }, "Mötet hölls innan ärendet anmäldes.");
      await refused({ meetingId: meeting }, "Välj styrgruppens beslut i beslutsregistret.");
      await refused({ meetingId: meeting, decisionId: await decision(meeting, "not_adopted") }, "Beslutet är inte antaget.");
      await refused({ meetingId: meeting, decisionId: await decision(linkoping.held, "adopted") }, "Beslutet hör inte till det valda mötet.");
      await refused({ meetingId: meeting, decisionId: adopted, planDueOn: "2026-11-29" }, "Dagen för åtgärdsplanen har redan passerat.");
      expect(await stage(caseId)).toBe("reported");

      expect((await step(caseId, admin, { event: "requirePlan", meetingId: meeting, decisionId: adopted, planDueOn: due, note: "Styrgruppen begär en åtgärdsplan." })).status).toBe(200);
      expect(await stage(caseId)).toBe("planRequired");
      const [event] = await t.sql`select event, from_stage, to_stage, meeting_id, decision_id from case_events where case_id = ${caseId} order by id desc limit 1`;
      expect(event).toEqual({ event: "requirePlan", from_stage: "reported", to_stage: "planRequired", meeting_id: meeting, decision_id: adopted });
      // The coordinator took the step: both the reporting and the accused party hear of it, with the plan's deadline.
      expect((await toldOfSteps(caseId)).slice(1).sort()).toEqual(["linkoping.jouren@samrad.test requirePlan 2026-12-15", "linkoping.kommun@samrad.test requirePlan 2026-12-15"]);
    });

    it("neither finds the shortcoming not remedied nor terminates before the plan's due date", async () => {
      const notYet = await step(caseId, admin, { event: "notRemedied", meetingId: meeting, decisionId: adopted });
      expect(await shownAt(notYet, "notRemedied")).toContain("Åtgärdsplanen är inte försenad ännu");
      const terminate = await step(caseId, admin, { event: "terminate", meetingId: meeting, decisionId: adopted, reclaim: "no" });
      expect(terminate.status).toBe(400);
      expect(await shownAt(terminate, "terminate")).toContain("Uppsägning kräver att bristen bedömts som inte åtgärdad eller att dagen för åtgärdsplanen har passerat vid mötet.");
      expect(await stage(caseId)).toBe("planRequired");
      expect(await t.sql`select 1 from terminations where party_id = ${linkoping.jouren}`).toHaveLength(0);
    });

    it("only the responsible party writes and submits the plan, and not an empty one", async () => {
      expect((await plan(caseId, kommun, { intent: "add", what: "Schema", owner: "Kommunen", dueOn: "2026-12-10" })).status).toBe(403);
      const empty = await step(caseId, jouren, { event: "submitPlan" });
      expect(await shownAt(empty, "submitPlan")).toContain("Lägg till minst en åtgärd innan planen lämnas in.");
      const added = await plan(caseId, jouren, { intent: "add", what: "Bemanningsschema med reserver", owner: "Verksamhetschefen", dueOn: "2026-12-20" });
      expect(added.status).toBe(200);
      expect((await step(caseId, kommun, { event: "submitPlan" })).status).toBe(403);
      expect((await step(caseId, jouren, { event: "submitPlan" })).status).toBe(200);
      expect(await stage(caseId)).toBe("planSubmitted");
      // Once submitted the plan is locked for the party.
      expect((await plan(caseId, jouren, { intent: "add", what: "Sent", owner: "x", dueOn: "2026-12-20" })).status).toBe(409);
    });

    it("is accepted by the steering group, followed up per action, and closed as remedied", async () => {
      const ground = { meetingId: meeting, decisionId: adopted };
      expect((await step(caseId, jouren, { event: "acceptPlan", ...ground })).status).toBe(403);
      expect((await step(caseId, admin, { event: "acceptPlan", ...ground })).status).toBe(200);
      const [action] = await t.sql`select id from plan_actions where case_id = ${caseId}`;
      expect((await http.post(`/cases/${caseId}/progress`, { actionId: action.id, progress: "Schemat gäller från 1 december.", done: "on" }, { cookie: jouren })).status).toBe(200);
      expect(await t.sql`select progress, done from plan_actions where id = ${action.id}`).toEqual([{ progress: "Schemat gäller från 1 december.", done: true }]);
      expect((await step(caseId, admin, { event: "remedied", ...ground })).status).toBe(200);
      expect(await stage(caseId)).toBe("remedied");
      expect((await step(caseId, admin, { event: "notRemedied", ...ground })).status).toBe(409);
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
      where c.kind = 'cooperation' and c.partnership_id = (select id from partnerships where reference_number = '2021/630')`;
    const res = await http.post(`/partnerships/${g.partnership_id}/cases/escalate`, { groupId: g.coop, title: "Fördelning av jourtider", description: "Parterna är oeniga om helgjouren." }, { cookie: sodra });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(new RegExp(`^/partnerships/${g.partnership_id}/cases\\?escalated=`));
    const [c] = await t.sql`select kind, stage, from_group_id from cases where partnership_id = ${g.partnership_id}`;
    expect(c).toEqual({ kind: "dispute", stage: "steering", from_group_id: g.coop });
    const proposals = await t.sql`
      select a.title, a.proposed from agenda_items a join meetings m on m.id = a.meeting_id where m.group_id = ${g.steering} and a.title like 'Oenighet:%'`;
    expect(proposals).toEqual([{ title: "Oenighet: Fördelning av jourtider", proposed: true }]);
  });

  it("escalates for the party the member has a say for in that cooperation group, never for one they sit for elsewhere", async () => {
    const [g] = await t.sql`
      select c.id as coop, c.partnership_id from groups c where c.kind = 'cooperation' and c.partnership_id = (select id from partnerships where reference_number = '2021/630')`;
    const [seat] = await t.sql`
      select gm.user_id, gm.party_id from group_members gm join users u on u.id = gm.user_id
      where gm.group_id = ${g.coop} and u.email = 'stockholm.bo-gotland@samrad.test'`;
    const form = { groupId: g.coop, title: "Observatören eskalerar", description: "Får inte gå igenom." };
    await t.sql`update group_members set role = 'observer' where group_id = ${g.coop} and user_id = ${seat.user_id}`;
    try {
      // Gotland still represents its party in the steering group, but only observes here.
      const gotland = await http.login("stockholm.bo-gotland@samrad.test");
      const before = (await t.sql`select count(*)::int as n from cases`)[0].n;
      expect((await http.post(`/partnerships/${g.partnership_id}/cases/escalate`, form, { cookie: gotland })).status).toBe(403);
      expect((await t.sql`select count(*)::int as n from cases`)[0].n).toBe(before);
    } finally {
      await t.sql`update group_members set role = 'representative' where group_id = ${g.coop} and user_id = ${seat.user_id}`;
    }
    const gotland = await http.login("stockholm.bo-gotland@samrad.test");
    const res = await http.post(`/partnerships/${g.partnership_id}/cases/escalate`, { ...form, title: "Gotland eskalerar" }, { cookie: gotland });
    expect(res.status).toBe(302);
    const [c] = await t.sql`select raised_by_party from cases where title = 'Gotland eskalerar'`;
    expect(c.raised_by_party).toBe(seat.party_id);
  });

  it("tells the steering group's chair of changed circumstances by e-mail", async () => {
    const gotland = await http.login("stockholm.bo-gotland@samrad.test");
    const [p] = await t.sql`select id from partnerships where reference_number = '2021/630'`;
    const before = (await t.sql`select count(*)::int as n from outbox`)[0].n;
    const res = await http.post(`/partnerships/${p.id}/cases/information`, { title: "Ny verksamhetschef", description: "Jouren byter ledning i januari." }, { cookie: gotland });
    expect(res.status).toBe(200);
    const mails = await t.sql`select "to", subject from outbox order by id offset ${before}`;
    expect(mails.map((m) => m.subject)).toContain("Ändrade förhållanden anmälda: Ny verksamhetschef");
    // The matter went on the agenda of a meeting already noticed: its members get the new agenda too.
    expect(mails.filter((m) => m.subject.startsWith("Ändrad kallelse: Styrgruppen")).length).toBeGreaterThan(0);
  });

  it("tells the party that convenes when the steering group has no rotating chair (002: the municipality)", async () => {
    const before = (await t.sql`select count(*)::int as n from outbox`)[0].n;
    const res = await http.post(`/partnerships/${linkoping.id}/cases/information`, { title: "Lokalerna sägs upp", description: "Jouren måste flytta i mars." }, { cookie: jouren });
    expect(res.status).toBe(200);
    const mails = await t.sql`select "to", subject from outbox order by id offset ${before}`;
    expect(mails.filter((m) => !m.subject.startsWith("Ändrad kallelse")).map((m) => m.to)).toEqual(["linkoping.kommun@samrad.test"]);
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
  describe("terminating a party's participation in Borås (004 §5.4)", () => {
    let b: { id: string; steering: string; jouren: string; stad: string };
    let stad: string;
    let requiredAt: string;
    let requiredBy: string;
    /** A shortcoming reported and a plan required on 2026-11-30, due 2026-12-10; the group meets again on 2026-12-12 and the step is recorded a week later. */
    const overdue = async (concernsParty: string, cookie: string, commitment: string, decided: string) => {
      vi.setSystemTime(NOW);
      await http.post(`/partnerships/${b.id}/cases/shortcomings`, { concernsParty, commitment, description: "Åtagandet fullgjordes inte under hösten." }, { cookie });
      const [c] = await t.sql`select id from cases where partnership_id = ${b.id} and commitment = ${commitment}`;
      expect((await step(c.id, admin, { event: "requirePlan", meetingId: requiredAt, decisionId: requiredBy, planDueOn: "2026-12-10" })).status).toBe(200);
      vi.setSystemTime(new Date("2026-12-19T09:00:00Z"));
      const meeting = await heldMeeting(b.steering, "2026-12-12T09:00:00Z");
      return { caseId: c.id as string, ground: { meetingId: meeting, decisionId: await decision(meeting, "adopted", decided) } };
    };

    beforeAll(async () => {
      [b] = (await t.sql`
        select p.id, g.id as steering,
          (select pa.id from parties pa where pa.partnership_id = p.id and pa.sector = 'idea') as jouren,
          (select pa.id from parties pa where pa.partnership_id = p.id and pa.sector = 'public') as stad
        from partnerships p join groups g on g.partnership_id = p.id and g.kind = 'steering' where p.name like '%Borås%'`) as unknown as (typeof b)[];
      stad = await http.login("boras.stad@samrad.test");
      requiredAt = await heldMeeting(b.steering, "2026-11-30T08:00:00Z");
      requiredBy = await decision(requiredAt, "adopted", "En åtgärdsplan ska lämnas senast 2026-12-10.");
    });
    afterAll(() => {
      vi.setSystemTime(NOW);
    });

    it("after the plan's due date, with funds reclaimed only after a written exchange; the notice dates from the meeting", async () => {
      const { caseId, ground } = await overdue(b.jouren, stad, "Bilaga 2: stödsamtal", "Styrgruppen säger upp jourens deltagande.");
      const early = await step(caseId, admin, { event: "terminate", ...ground, reclaim: "yes" });
      expect(early.status).toBe(400);
      expect(await shownAt(early, "terminate")).toContain("Återkrav kräver att en skriftlig kommunikation med parten först är registrerad i ärendet.");
      expect(await stage(caseId)).toBe("planRequired");
      expect((await step(caseId, admin, { event: "notRemedied", ...ground, note: "Ingen plan kom in." })).status).toBe(200);
      expect((await step(caseId, admin, { event: "writtenExchange", note: "Brev om återkrav skickat 2026-12-14; jouren svarade 2026-12-16." })).status).toBe(200);
      expect((await step(caseId, admin, { event: "terminate", ...ground, reclaim: "yes", note: "Styrgruppen säger upp jourens deltagande." })).status).toBe(200);
      expect(await t.sql`select stage, reclaim from cases where id = ${caseId}`).toEqual([{ stage: "terminated", reclaim: true }]);
      const [notice] = await t.sql`select given_on::text, case_id from terminations where party_id = ${b.jouren}`;
      expect(notice).toEqual({ given_on: "2026-12-12", case_id: caseId });
      const page = await (await http.get(`/partnerships/${b.id}/termination`, stad)).text();
      expect(page).toContain("Styrgruppen sade upp deltagandet för Kvinno- och tjejjouren Borås 2026-12-12.");
      expect(page).not.toContain("sade upp sitt åtagande");
    });

    it("reclaims nothing from the public party, and rolls the step back when its notice is refused", async () => {
      const jouren = await http.login("boras.jouren@samrad.test");
      const { caseId, ground } = await overdue(b.stad, jouren, "Bilaga 1: utbetalning i januari", "Styrgruppen säger upp stadens deltagande.");
      const reclaim = await step(caseId, admin, { event: "terminate", ...ground, reclaim: "yes" });
      expect(reclaim.status).toBe(400);
      expect(await shownAt(reclaim, "terminate")).toContain("Återkrav kan bara riktas av staden mot en idéburen part.");
      // The city has already given notice itself: the termination's notice is refused, and with it the step.
      await t.sql`insert into terminations (partnership_id, party_id, given_on, effective_on, reason, given_by)
        select ${b.id}, ${b.stad}, '2026-12-01', '2027-12-31', 'Nämndens beslut.', id from users where email = 'admin@samrad.test'`;
      const refused = await step(caseId, admin, { event: "terminate", ...ground, reclaim: "no" });
      expect(refused.status).toBe(409);
      expect(await shownAt(refused, "terminate")).toContain("Parten har redan sagt upp avtalet.");
      expect(await stage(caseId)).toBe("planRequired");
      expect(await t.sql`select 1 from case_events where case_id = ${caseId} and event = 'terminate'`).toHaveLength(0);
    });
  });
});