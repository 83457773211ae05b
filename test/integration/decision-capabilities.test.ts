import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BORAS, CITY, expectRefused, formMarker, GOTLAND, SODRA, stockholmAfterVasterortLeft, VASTERORT, type Stockholm } from "../support/capabilities";
import { shownAt } from "../support/answers";
import { formOf, postDecisionForm, postMeetingForm } from "../support/resource-forms";

/**
 * The decision page's, the register's and the new-meeting page's actions refuse what their pages
 * hide (decision 017).
 * Stockholm's steering group on 2026-11-30, with Brottsofferjouren Västerort's notice taken effect
 * on 2025-12-31: the city convenes; at the meeting of 2026-11-20 the city and Västerort were
 * recorded present, Gotland was not; Södra Stockholm sits as an observer; Borås is no member.
 */
describe("decision capabilities: every intent refused where its form is hidden", () => {
  let s: Stockholm;
  let t: Stockholm["t"];
  let http: Stockholm["http"];
  let cookie: Stockholm["cookie"];
  let atMeeting: string;
  let proposal: string;
  let task: string;

  beforeAll(async () => {
    s = await stockholmAfterVasterortLeft();
    ({ t, http, cookie } = s);
    const meeting = await heldSteeringMeeting(s);
    const present = [await s.userId(CITY), await s.userId(VASTERORT)];
    expect((await postMeetingForm(http, meeting, { intent: "presence", present }, cookie[CITY])).status).toBe(200);
    atMeeting = await decisionRecordedAt(s, meeting);
    const proposed = await http.post(`/groups/${s.groupId}/decisions`, { text: "Styrgruppen fastställer mötesplanen." }, { cookie: cookie[CITY] });
    expect(proposed.status).toBe(302);
    proposal = proposed.headers.get("location")!.split("/").pop()!;
    const added = await postDecisionForm(http, atMeeting, { intent: "task", title: "Skicka planen", ownerId: await s.userId(CITY), dueOn: "2026-12-31" }, cookie[CITY]);
    expect(added.status).toBe(200);
    [{ id: task }] = await t.sql<{ id: string }[]>`select id from decision_tasks where decision_id = ${atMeeting}`;
  });
  afterAll(() => s?.close());

  /** Everything a decision's intents could change. */
  const everything = async () =>
    JSON.stringify(
      await Promise.all([
        t.sql`select * from decisions order by id`,
        t.sql`select * from decision_positions order by decision_id, party_id`,
        t.sql`select * from decision_tasks order by id`,
        t.sql`select count(*)::int from audit_log`,
      ]),
    );

  const CHAIR_ONLY = [GOTLAND, SODRA, VASTERORT, BORAS];
  const cases: [intent: string, decision: () => string, form: () => Record<string, string>, refused: string[]][] = [
    // Gotland was not present, Södra observes, Västerort had left by the meeting's day.
    ["position", () => atMeeting, () => ({ position: "agree" }), [GOTLAND, SODRA, VASTERORT, BORAS]],
    ["close", () => atMeeting, () => ({}), CHAIR_ONLY],
    ["review", () => atMeeting, () => ({ reviewOn: "2027-06-30" }), CHAIR_ONLY],
    ["task", () => atMeeting, () => ({ title: "Smyger in", ownerId: "", dueOn: "2027-01-31" }), CHAIR_ONLY],
    ["taskDone", () => atMeeting, () => ({ taskId: task }), CHAIR_ONLY],
    // Per capsulum a party answers from anywhere, while it takes part.
    ["position", () => proposal, () => ({ position: "agree" }), [SODRA, VASTERORT, BORAS]],
    ["record", () => proposal, () => ({}), CHAIR_ONLY],
  ];

  it.each(cases)("%s", async (intent, decision, form, refused) => {
    for (const email of refused) await expectRefused(s, formOf("decisions", decision(), intent), form(), email, everything);
  });

  it("the register: only the convening party proposes", async () => {
    for (const email of CHAIR_ONLY) await expectRefused(s, { page: `/groups/${s.groupId}/decisions`, action: `/groups/${s.groupId}/decisions`, intent: "propose" }, { text: "Smyger in" }, email, everything);
    expect(await (await http.get(`/groups/${s.groupId}/decisions`, cookie[CITY])).text()).toContain('name="intent" value="propose"');
  });

  it("the new-meeting page: only the convening party convenes", async () => {
    const path = `/groups/${s.groupId}/meetings/new`;
    const form = { title: "Smyger in", kind: "ordinary", date: "2027-02-11", startTime: "13:00", endTime: "15:00", location: "Hemma" };
    const meetings = async () => JSON.stringify(await Promise.all([t.sql`select * from meetings order by id`, t.sql`select count(*)::int from audit_log`]));
    for (const email of CHAIR_ONLY) {
      if (email !== BORAS) expect(await (await http.get(`/groups/${s.groupId}`, cookie[email])).text(), email).not.toContain(`href="${path}"`);
      expect((await http.get(path, cookie[email])).status, email).toBe(email === BORAS ? 404 : 403);
      const before = await meetings();
      expect((await http.post(path, form, { cookie: cookie[email] })).status, email).toBe(email === BORAS ? 404 : 403);
      expect(await meetings(), `${email} convened nothing`).toBe(before);
    }
    expect(await (await http.get(`/groups/${s.groupId}`, cookie[CITY])).text()).toContain(`href="${path}"`);
    expect((await http.get(path, cookie[CITY])).status).toBe(200);
  });

  it("shows the chair the forms it refuses others, and refuses a closed decision for its state", async () => {
    const page = await (await http.get(`/decisions/${atMeeting}`, cookie[CITY])).text();
    const shown = (decision: string, intent: string) => formMarker(formOf("decisions", decision, intent));
    for (const intent of ["position", "close", "review", "task", "taskDone"]) expect(page, intent).toContain(shown(atMeeting, intent));
    // Per capsulum, Gotland answers without having been at a meeting.
    expect(await (await http.get(`/decisions/${proposal}`, cookie[GOTLAND])).text()).toContain(shown(proposal, "position"));
    expect((await postDecisionForm(http, atMeeting, { intent: "close" }, cookie[CITY])).status).toBe(200);
    expect(await (await http.get(`/decisions/${atMeeting}`, cookie[CITY])).text()).not.toContain(shown(atMeeting, "close"));
    const before = await everything();
    for (const intent of ["close", "position"]) {
      const again = await postDecisionForm(http, atMeeting, { intent, position: "agree" }, cookie[CITY]);
      expect(again.status, intent).toBe(409);
      expect(await shownAt(again, "refused")).toBe("Beslutet är redan avslutat.");
    }
    expect(await everything()).toBe(before);
    expect((await postDecisionForm(http, atMeeting, { intent: "taskDone", taskId: task }, cookie[CITY])).status).toBe(200);
    const done = await postDecisionForm(http, atMeeting, { intent: "taskDone", taskId: task }, cookie[CITY]);
    expect(done.status).toBe(409);
    expect(await shownAt(done, "refused")).toBe("Uppgiften är redan klar.");
  });
});

/**
 * A deputy carries the party's mandate only when standing in for an absent representative: Södra
 * Stockholm's member sits in the steering group as Gotland's deputy beside Gotland's representative.
 */
describe("a deputy states the party's position only standing in for its absent representative", () => {
  let s: Stockholm;
  let meeting: string;
  let atMeeting: string;
  let gotland: string;

  beforeAll(async () => {
    s = await stockholmAfterVasterortLeft();
    [{ id: gotland }] = await s.t.sql<{ id: string }[]>`select party_id as id from group_members where group_id = ${
      s.groupId
    } and user_id = ${await s.userId(GOTLAND)}`;
    await s.t.sql`update group_members set party_id = ${gotland}, role = 'deputy' where group_id = ${
      s.groupId
    } and user_id = ${await s.userId(SODRA)}`;
    meeting = await heldSteeringMeeting(s);
    atMeeting = await decisionRecordedAt(s, meeting);
  });
  afterAll(() => s?.close());

  const everything = async () =>
    JSON.stringify(
      await Promise.all([
        s.t.sql`select * from decision_positions order by decision_id, party_id`,
        s.t.sql`select count(*)::int from audit_log`,
      ]),
    );
  const presence = async (emails: string[]) =>
    expect(
      (await postMeetingForm(s.http, meeting, { intent: "presence", present: await Promise.all(emails.map(s.userId)) }, s.cookie[CITY]))
        .status,
    ).toBe(200);

  it("at a meeting where Gotland's representative is present too, the deputy has no say", async () => {
    await presence([CITY, GOTLAND, SODRA]);
    await expectRefused(s, formOf("decisions", atMeeting, "position"), { position: "agree" }, SODRA, everything);
  });

  it("at a meeting where Gotland's representative is absent, the deputy states Gotland's position", async () => {
    await presence([CITY, SODRA]);
    expect(await (await s.http.get(`/decisions/${atMeeting}`, s.cookie[SODRA])).text()).toContain(
      formMarker(formOf("decisions", atMeeting, "position")),
    );
    expect((await postDecisionForm(s.http, atMeeting, { intent: "position", position: "agree" }, s.cookie[SODRA])).status).toBe(200);
    expect(await s.t.sql`select party_id, position from decision_positions where decision_id = ${atMeeting}`).toEqual([
      { party_id: gotland, position: "agree" },
    ]);
  });

  it("per capsulum, with no meeting to stand in at, Gotland's representative answers and its deputy does not", async () => {
    const proposed = await s.http.post(
      `/groups/${s.groupId}/decisions`,
      { text: "Styrgruppen fastställer mötesplanen." },
      { cookie: s.cookie[CITY] },
    );
    const proposal = proposed.headers.get("location")!.split("/").pop()!;
    await expectRefused(s, formOf("decisions", proposal, "position"), { position: "agree" }, SODRA, everything);
    expect((await postDecisionForm(s.http, proposal, { intent: "position", position: "agree" }, s.cookie[GOTLAND])).status).toBe(200);
  });
});

/** A steering meeting convened by the city and moved to 2026-11-20, so it has been held. */
async function heldSteeringMeeting(s: Stockholm): Promise<string> {
  const form = { title: "Styrgruppen", kind: "ordinary", date: "2027-01-21", startTime: "13:00", endTime: "15:00", location: "Ragnar Östbergs plan 1" };
  const meeting = (await s.http.post(`/groups/${s.groupId}/meetings/new`, form, { cookie: s.cookie[CITY] })).headers.get("location")!.split("/").pop()!;
  await s.t.sql`update meetings set starts_at = '2026-11-20T12:00:00Z', ends_at = '2026-11-20T14:00:00Z' where id = ${meeting}`;
  return meeting;
}

/** The chair records a decision at the meeting's first agenda item; its id. */
async function decisionRecordedAt(s: Stockholm, meeting: string): Promise<string> {
  const [item] = await s.t.sql<{ id: string }[]>`select id from agenda_items where meeting_id = ${meeting} order by position limit 1`;
  const recorded = await postMeetingForm(s.http, meeting, { intent: "decision", agendaItemId: item.id, text: "Styrgruppen antar planen." }, s.cookie[CITY]);
  return recorded.headers.get("location")!.split("/").pop()!;
}
