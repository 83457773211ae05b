import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { doneShown, shownAt } from "../support/answers";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";

/**
 * Österåker on 2026-11-30 as seeded from 000 and 001: its yearly follow-up (led by the municipality's
 * representative) and its evaluation before the agreement ends are both due 2026-12-31.
 */
describe("follow-up, evaluation, a court's ruling and renegotiation (000 §9, §10, 001, 002, 003)", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let osteraker: string;
  const cookie: Record<string, string> = {};
  const KOMMUN = "osteraker.kommun@samrad.test"; // Karin Holm, the follow-up lead
  const JOUREN = "osteraker.kvinnojouren@samrad.test";
  const ADMIN = "admin@samrad.test";
  const BORAS = "boras.jouren@samrad.test";

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-30T09:00:00Z"), shouldAdvanceTime: true });
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    [{ id: osteraker }] = await t.sql<{ id: string }[]>`select id from partnerships where reference_number = 'SN 2023/0050'`;
    for (const email of [KOMMUN, JOUREN, ADMIN, BORAS]) cookie[email] = await http.login(email);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
    vi.useRealTimers();
  });

  const followUps = () => t.sql<{ title: string; status: string; due_on: string; lead: string | null }[]>`
    select f.title, f.status, f.due_on::text, u.email as lead from follow_ups f left join users u on u.id = f.lead_user_id
    where f.partnership_id = ${osteraker} order by f.due_on, f.title, f.status`;

  it("seeds the follow-ups the documents ask for, with no invented start date and the groups of 000 §6", async () => {
    expect(await followUps()).toEqual([
      { title: "Utvärdering innan överenskommelsen upphör", status: "planned", due_on: "2026-12-31", lead: KOMMUN },
      { title: "Verksamhetsuppföljning", status: "planned", due_on: "2026-12-31", lead: KOMMUN },
    ]);
    const [p] = await t.sql<{ period_rule: { start: string | null } }[]>`select period_rule from partnerships where id = ${osteraker}`;
    expect(p.period_rule.start).toBeNull();
    const groups = await t.sql<{ name: string; kind: string }[]>`select name, kind::text from groups where partnership_id = ${osteraker} order by created_at, name desc`;
    expect(groups).toEqual([
      { name: "Styrgrupp", kind: "steering" },
      { name: "Operativ samverkansgrupp", kind: "cooperation" },
    ]);
    const page = await (await http.get(`/partnerships/${osteraker}`, cookie[KOMMUN])).text();
    expect(page).toContain("Avtalet anger inget startdatum.");
  });

  it("shows what is due on the overview to the coordinator and the lead, not to other members", async () => {
    const overview = async (email: string) => (await (await http.get("/", cookie[email])).text()).match(/id="dash-follow-ups"[\s\S]*?<\/section>/)?.[0] ?? "";
    expect(await overview(ADMIN)).toContain("Verksamhetsuppföljning (IOP Österåkers kommun – Kvinnojouren i Österåker): senast 2026-12-31");
    expect(await overview(KOMMUN)).toContain("Utvärdering innan överenskommelsen upphör");
    expect(await overview(JOUREN)).toContain("Inga uppföljningar ska vara klara de närmaste 60 dagarna.");
  });

  it("plans a follow-up with a lead from the partnership's groups, refusing anyone else and outsiders", async () => {
    const plan = { kind: "follow_up", title: "Halvårsavstämning", recurrence: "once", dueOn: "2027-06-30", leadUserId: "" };
    const before = await followUps();
    const [outsider] = await t.sql<{ id: string }[]>`select id from users where email = ${BORAS}`;
    const foreignLead = await http.post(`/partnerships/${osteraker}/follow-ups/plans`, { ...plan, leadUserId: outsider.id }, { cookie: cookie[JOUREN] });
    expect(foreignLead.status).toBe(400);
    expect(await shownAt(foreignLead, "leadUserId")).toBe("Välj en person som sitter i någon av partnerskapets grupper.");
    const badDate = await http.post(`/partnerships/${osteraker}/follow-ups/plans`, { ...plan, dueOn: "2027-02-30" }, { cookie: cookie[JOUREN] });
    expect(await shownAt(badDate, "dueOn")).toBeTruthy();
    expect((await http.post(`/partnerships/${osteraker}/follow-ups/plans`, plan, { cookie: cookie[BORAS] })).status).toBe(404);
    expect((await http.get(`/partnerships/${osteraker}/follow-ups`, cookie[BORAS])).status).toBe(404);
    expect(await followUps()).toEqual(before);

    const planned = await http.post(`/partnerships/${osteraker}/follow-ups/plans`, plan, { cookie: cookie[JOUREN] });
    expect(await doneShown(planned)).toBe("Uppföljningen är planerad.");
    expect(await followUps()).toContainEqual({ title: "Halvårsavstämning", status: "planned", due_on: "2027-06-30", lead: null });
  });

  it("records a yearly follow-up's outcome by its lead and plans the next, once", async () => {
    const [f] = await t.sql<{ id: string }[]>`select id from follow_ups where partnership_id = ${osteraker} and title = 'Verksamhetsuppföljning'`;
    const outcome = { followUpId: f.id, doneOn: "2026-11-30", outcome: "Målen nås; statistiken redovisad enligt § 9." };
    const foreign = await http.post(`/partnerships/${osteraker}/follow-ups/outcomes`, { ...outcome, decisionIds: ["00000000-0000-4000-8000-000000000000"] }, { cookie: cookie[KOMMUN] });
    // A decision that is not one of the partnership's is refused, and nothing is recorded.
    expect(foreign.status).toBe(400);
    expect((await followUps()).filter((x) => x.title === "Verksamhetsuppföljning")).toHaveLength(1);

    const recorded = await http.post(`/partnerships/${osteraker}/follow-ups/outcomes`, outcome, { cookie: cookie[KOMMUN] });
    expect(await doneShown(recorded)).toBe("Resultatet är registrerat. Nästa är planerad till senast 2027-12-31.");
    expect((await followUps()).filter((x) => x.title === "Verksamhetsuppföljning")).toEqual([
      { title: "Verksamhetsuppföljning", status: "done", due_on: "2026-12-31", lead: KOMMUN },
      { title: "Verksamhetsuppföljning", status: "planned", due_on: "2027-12-31", lead: KOMMUN },
    ]);
    const again = await http.post(`/partnerships/${osteraker}/follow-ups/outcomes`, outcome, { cookie: cookie[KOMMUN] });
    expect(again.status).toBe(409);
    expect(await shownAt(again, "refused")).toBe("Uppföljningen är redan registrerad som genomförd.");
    const [{ n }] = await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = 'followUp.done'`;
    expect(n).toBe(1);
  });

  it("lets any party request renegotiation at any time, on the steering group's next agenda", async () => {
    const res = await http.post(`/partnerships/${osteraker}/cases/renegotiation`, { title: "Ersättningen", description: "Vi vill omförhandla § 7." }, { cookie: cookie[JOUREN] });
    expect(res.status).toBe(200);
    const [c] = await t.sql<{ stage: string }[]>`select stage from cases where partnership_id = ${osteraker} and kind = 'renegotiation'`;
    expect(c.stage).toBe("requested");
    const items = await t.sql<{ title: string }[]>`select a.title from agenda_items a join meetings m on m.id = a.meeting_id join groups g on g.id = m.group_id
      where g.partnership_id = ${osteraker} and g.kind = 'steering' and a.title like 'Begäran om omförhandling%'`;
    expect(items).toEqual([{ title: "Begäran om omförhandling: Ersättningen" }]);
    expect((await http.post(`/partnerships/${osteraker}/cases/renegotiation`, { title: "X", description: "Y" }, { cookie: cookie[BORAS] })).status).toBe(404);
  });

  it("records a court's final ruling only by the coordinator, once confirmed, ending every party's participation at the year-end", async () => {
    const ruling = { authority: "Förvaltningsrätten i Stockholm", caseNumber: "1234-26", finalOn: "2026-11-02", note: "" };
    expect((await http.post(`/partnerships/${osteraker}/termination/court-ruling`, { ...ruling, confirm: "on" }, { cookie: cookie[KOMMUN] })).status).toBe(403);
    const unconfirmed = await http.post(`/partnerships/${osteraker}/termination/court-ruling`, ruling, { cookie: cookie[ADMIN] });
    expect(await shownAt(unconfirmed, "confirm")).toBe("Bekräfta att domen har vunnit laga kraft.");
    const future = await http.post(`/partnerships/${osteraker}/termination/court-ruling`, { ...ruling, finalOn: "2026-12-01", confirm: "on" }, { cookie: cookie[ADMIN] });
    expect(await shownAt(future, "finalOn")).toBe("Domen kan inte ha vunnit laga kraft i framtiden.");
    expect(await t.sql`select * from terminations where partnership_id = ${osteraker}`).toHaveLength(0);

    const recorded = await http.post(`/partnerships/${osteraker}/termination/court-ruling`, { ...ruling, confirm: "on" }, { cookie: cookie[ADMIN] });
    expect(await doneShown(recorded)).toBe("Domen är registrerad. Partnerskapet upphör 2026-12-31.");
    const ends = await t.sql<{ effective_on: string }[]>`select effective_on::text from terminations where partnership_id = ${osteraker}`;
    expect(ends).toEqual([{ effective_on: "2026-12-31" }, { effective_on: "2026-12-31" }]);
    const again = await http.post(`/partnerships/${osteraker}/termination/court-ruling`, { ...ruling, confirm: "on" }, { cookie: cookie[ADMIN] });
    expect(again.status).toBe(409);
    const page = await (await http.get(`/partnerships/${osteraker}/termination`, cookie[JOUREN])).text();
    expect(page).toContain("Förvaltningsrätten i Stockholm 1234-26: vann laga kraft 2026-11-02. Partnerskapet upphör 2026-12-31.");
  });
});
