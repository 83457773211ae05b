import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shownAt } from "../support/answers";
import { BORAS, CITY, contentOf, expectRefused, formMarker, GOTLAND, SODRA, stockholmAfterVasterortLeft, VASTERORT, type FormAt, type Stockholm } from "../support/capabilities";

const ADMIN = "admin@samrad.test";

/**
 * The case pages' resource routes refuse what the pages hide (decision 017, extended to cases).
 * Stockholm on 2026-11-30, with Brottsofferjouren Västerort's notice taken effect on 2025-12-31: the
 * steering chair is the city's; Södra Stockholm observes in the steering group but represents its
 * party in the cooperation group; Borås is no member; the coordinator sits in no group.
 */
describe("case capabilities: every case form refused where it is hidden", () => {
  let s: Stockholm;
  let t: Stockholm["t"];
  let http: Stockholm["http"];
  let cookie: Stockholm["cookie"];
  const party: Record<string, string> = {};
  /** A shortcoming of Gotland's whose action plan is required, with one action. */
  let planRequired: string;
  let plannedAction: string;
  /** A shortcoming of Västerort's from before it left, followed up, with one action. */
  let followUp: string;
  let followedAction: string;
  /** A disagreement just raised. */
  let dispute: string;
  let cooperation: string;

  beforeAll(async () => {
    s = await stockholmAfterVasterortLeft();
    ({ t, http, cookie } = s);
    cookie[ADMIN] = await http.login(ADMIN);
    const rows = await t.sql<{ id: string; name: string }[]>`
      select pa.id, o.name from parties pa join organisations o on o.id = pa.organisation_id where pa.partnership_id = ${s.partnershipId}`;
    for (const [key, name] of [["sf", "Socialförvaltningen"], ["gotland", "Gotland"], ["vasterort", "Västerort"]]) party[key] = rows.find((r) => r.name.includes(name))!.id;
    [{ id: cooperation }] = await t.sql<{ id: string }[]>`select id from groups where partnership_id = ${s.partnershipId} and kind = 'cooperation'`;
    const open = async (kind: string, stage: string, concerns: string | null, createdAt: string) =>
      (await t.sql<{ id: string }[]>`
        insert into cases (partnership_id, kind, stage, title, description, raised_by_party, concerns_party, plan_due_on, created_by, created_at)
        select ${s.partnershipId}, ${kind}, ${stage}, ${`Ärende ${kind} ${stage}`}, 'Beskrivning.', ${party.sf}, ${concerns}, '2026-12-15', id, ${createdAt} from users where email = ${CITY}
        returning id`)[0].id;
    const action = async (caseId: string) => (await t.sql<{ id: string }[]>`insert into plan_actions (case_id, what, owner, due_on) values (${caseId}, 'Schema', 'Verksamhetschefen', '2026-12-20') returning id`)[0].id;
    planRequired = await open("shortcoming", "planRequired", party.gotland, "2026-11-20T09:00:00Z");
    plannedAction = await action(planRequired);
    followUp = await open("shortcoming", "followUp", party.vasterort, "2025-10-01T09:00:00Z");
    followedAction = await action(followUp);
    dispute = await open("dispute", "raised", null, "2026-11-25T09:00:00Z");
  });
  afterAll(() => s?.close());

  /** Everything a case form could change. */
  const everything = () => contentOf(s, ["cases", "case_events", "plan_actions", "terminations", "agenda_items"])();

  const cases = () => `/partnerships/${s.partnershipId}/cases`;
  const step = (caseId: string, event: string): FormAt => ({ page: `/cases/${caseId}`, action: `/cases/${caseId}/steps`, intent: event, field: "event" });
  const plan = (intent: "add" | "remove"): FormAt => ({ page: `/cases/${planRequired}`, action: `/cases/${planRequired}/plan`, intent });
  const opening = (address: string): FormAt => ({ page: cases(), action: `${cases()}/${address}` });

  const NOT_STEERING = [GOTLAND, SODRA, VASTERORT, BORAS];
  const NOT_GOTLAND = [CITY, SODRA, VASTERORT, BORAS, ADMIN];
  // form, where it is, what it posts, who may not
  const forms: [name: string, at: () => FormAt, form: () => Record<string, string>, refused: string[]][] = [
    // The steering group's step, recorded by its chair's party (the city now) or the coordinator.
    ["the steering group's step", () => step(planRequired, "notRemedied"), () => ({}), NOT_STEERING],
    // The party the shortcoming concerns submits and writes its plan.
    ["submitting the plan", () => step(planRequired, "submitPlan"), () => ({}), NOT_GOTLAND],
    ["adding to the plan", () => plan("add"), () => ({ what: "Smyger in", owner: "Någon", dueOn: "2026-12-20" }), NOT_GOTLAND],
    ["removing from the plan", () => plan("remove"), () => ({ actionId: plannedAction }), NOT_GOTLAND],
    // Västerort has left: its plan is followed up by the steering group alone.
    ["following up the plan", () => ({ page: `/cases/${followUp}`, action: `/cases/${followUp}/progress` }), () => ({ actionId: followedAction, progress: "Klart." }), [GOTLAND, SODRA, VASTERORT, BORAS]],
    // Any party taking part moves a disagreement on; the coordinator speaks for none.
    ["a party's step", () => step(dispute, "startDialogue"), () => ({}), [VASTERORT, BORAS, ADMIN]],
    ["reporting a shortcoming", () => opening("shortcomings"), () => ({ concernsParty: party.sf, commitment: "Smyger in", description: "Får inte gå igenom." }), [VASTERORT, BORAS]],
    ["raising a disagreement", () => opening("disputes"), () => ({ title: "Smyger in", description: "Får inte gå igenom." }), [VASTERORT, BORAS, ADMIN]],
    ["reporting changed circumstances", () => opening("information"), () => ({ title: "Smyger in", description: "Får inte gå igenom." }), [VASTERORT, BORAS, ADMIN]],
    // Escalating is offered on the cooperation group's page, to those with a say there for a party taking part.
    [
      "escalating a disagreement",
      () => ({ page: `/groups/${cooperation}`, action: `${cases()}/escalate` }),
      () => ({ groupId: cooperation, title: "Smyger in", description: "Får inte gå igenom." }),
      [VASTERORT, ADMIN, BORAS],
    ],
  ];

  it.each(forms)("%s", async (_name, at, form, refused) => {
    for (const email of refused) await expectRefused(s, at(), form(), email, everything);
  });

  it("shows the forms to whom they allow, and takes them", async () => {
    const shows = async (email: string, at: FormAt) => expect(await (await http.get(at.page, cookie[email])).text(), `${email}: ${at.action} ${at.intent ?? ""}`).toContain(formMarker(at));
    await shows(CITY, step(planRequired, "notRemedied"));
    await shows(ADMIN, step(planRequired, "notRemedied"));
    await shows(GOTLAND, plan("add"));
    await shows(GOTLAND, plan("remove"));
    await shows(GOTLAND, step(planRequired, "submitPlan"));
    await shows(SODRA, step(dispute, "startDialogue"));
    for (const address of ["shortcomings", "disputes", "information"]) await shows(SODRA, opening(address));
    await shows(SODRA, { page: `/groups/${cooperation}`, action: `${cases()}/escalate` });

    const post = (path: string, email: string, form: Record<string, string>) => http.post(path, form, { cookie: cookie[email] });
    expect((await post(`/cases/${planRequired}/plan`, GOTLAND, { intent: "add", what: "Reservlista", owner: "Verksamhetschefen", dueOn: "2026-12-22" })).status).toBe(200);
    expect((await post(`/cases/${planRequired}/steps`, GOTLAND, { event: "submitPlan" })).status).toBe(200);
    // Submitted now: the plan is locked for the state the case is in, not for who Gotland is.
    expect(await (await http.get(`/cases/${planRequired}`, cookie[GOTLAND])).text()).not.toContain(formMarker(plan("add")));
    const before = await everything();
    const locked = await post(`/cases/${planRequired}/plan`, GOTLAND, { intent: "add", what: "Sent", owner: "x", dueOn: "2026-12-22" });
    expect(locked.status).toBe(409);
    expect(await shownAt(locked, "refused")).toBe("Åtgärdsplanen kan bara ändras medan den är begärd.");
    expect(await everything()).toBe(before);

    expect((await post(`/cases/${followUp}/progress`, CITY, { actionId: followedAction, progress: "Schemat gäller.", done: "on" })).status).toBe(200);
    expect((await post(`/cases/${dispute}/steps`, SODRA, { event: "startDialogue" })).status).toBe(200);
    expect((await post(`${cases()}/shortcomings`, GOTLAND, { concernsParty: party.sf, commitment: "Bilaga 1", description: "Utbetalningen dröjde." })).status).toBe(200);
    expect((await post(`${cases()}/disputes`, SODRA, { title: "Helgjouren", description: "Parterna är oeniga." })).status).toBe(200);
    expect((await post(`${cases()}/information`, SODRA, { title: "Ny ordförande", description: "Föreningen byter ordförande." })).status).toBe(200);
    const escalated = await http.post(`${cases()}/escalate`, { groupId: cooperation, title: "Jourtider", description: "Oeniga om jourtiderna." }, { cookie: cookie[SODRA] });
    expect(escalated.status).toBe(302);
    expect(await t.sql`select kind, stage from cases where title = 'Jourtider'`).toEqual([{ kind: "dispute", stage: "steering" }]);
    expect(await t.sql`select stage from cases where id in (${planRequired}, ${dispute}) order by created_at`).toEqual([{ stage: "planSubmitted" }, { stage: "dialogue" }]);
  });
});
