import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BORAS, CITY, expectRefused, formMarker, GOTLAND, SODRA, stockholmAfterVasterortLeft, VASTERORT, type Stockholm } from "../support/capabilities";
import { meetingForm, postMeetingForm } from "../support/resource-forms";
import { shownAt } from "../support/answers";

/**
 * The meeting page's action refuses what the page hides (decision 017). Stockholm's steering group
 * on 2026-11-30, with Brottsofferjouren Västerort's notice taken effect on 2025-12-31: the chair has
 * passed from Västerort to the city; Södra Stockholm sits as an observer; Borås is no member.
 */
describe("meeting capabilities: every intent refused where its form is hidden", () => {
  let s: Stockholm;
  let t: Stockholm["t"];
  let http: Stockholm["http"];
  let cookie: Stockholm["cookie"];
  let upcoming: string;
  let held: string;

  beforeAll(async () => {
    s = await stockholmAfterVasterortLeft();
    ({ t, http, cookie } = s);
    const convene = async (date: string) => {
      const form = { title: `Styrgruppen ${date}`, kind: "ordinary", date, startTime: "13:00", endTime: "15:00", location: "Ragnar Östbergs plan 1" };
      const res = await http.post(`/groups/${s.groupId}/meetings/new`, form, { cookie: cookie[CITY] });
      expect(res.status).toBe(302);
      return res.headers.get("location")!.split("/").pop()!;
    };
    upcoming = await convene("2027-01-14");
    held = await convene("2027-01-21");
    await t.sql`update meetings set starts_at = '2026-11-20T12:00:00Z', ends_at = '2026-11-20T14:00:00Z' where id = ${held}`;
  });
  afterAll(() => s?.close());

  /** Everything a meeting's intents could change. */
  const everything = async () =>
    JSON.stringify(
      await Promise.all([
        t.sql`select * from meetings order by id`,
        t.sql`select * from agenda_items order by id`,
        t.sql`select * from attendance order by meeting_id, user_id`,
        t.sql`select meeting_id, status, adjusters, chair_id from minutes order by meeting_id`,
        t.sql`select * from minutes_approvals order by meeting_id, user_id`,
        t.sql`select * from minutes_corrections order by id`,
        t.sql`select * from decisions order by id`,
        t.sql`select count(*)::int from outbox`,
        t.sql`select count(*)::int from audit_log`,
      ]),
    );
  const firstItem = async (meetingId: string) => (await t.sql`select id from agenda_items where meeting_id = ${meetingId} order by position limit 1`)[0].id as string;

  const CHAIR_ONLY = [GOTLAND, SODRA, VASTERORT, BORAS];
  const cases: [intent: string, meeting: () => string, form: () => Promise<Record<string, string | string[]>>, refused: string[]][] = [
    ["notice", () => upcoming, async () => ({}), CHAIR_ONLY],
    ["cancel", () => upcoming, async () => ({ reason: "Lokalen är inte tillgänglig" }), CHAIR_ONLY],
    ["add", () => upcoming, async () => ({ title: "Smyger in", type: "information" }), CHAIR_ONLY],
    ["item", () => upcoming, async () => ({ itemId: await firstItem(upcoming), op: "remove" }), CHAIR_ONLY],
    // Members of the parties taking part propose and answer; Västerort has left.
    ["propose", () => upcoming, async () => ({ title: "Ett förslag", type: "information" }), [VASTERORT, BORAS]],
    ["rsvp", () => upcoming, async () => ({ rsvp: "attending" }), [VASTERORT, BORAS]],
    ["presence", () => held, async () => ({ present: [await s.userId(GOTLAND)] }), CHAIR_ONLY],
    ["decision", () => held, async () => ({ agendaItemId: await firstItem(held), text: "Ett beslut" }), CHAIR_ONLY],
    ["forApproval", () => held, async () => ({ adjuster: await s.userId(GOTLAND) }), CHAIR_ONLY],
    // Nobody is an approver of draft minutes.
    ["approve", () => held, async () => ({}), [GOTLAND, SODRA, VASTERORT, BORAS, CITY]],
    ["correction", () => held, async () => ({ text: "Fel datum." }), [GOTLAND, SODRA, VASTERORT, BORAS, CITY]],
    ["approveCorrection", () => held, async () => ({ correctionId: "1" }), [GOTLAND, SODRA, VASTERORT, BORAS, CITY]],
  ];

  it.each(cases)("%s", async (intent, meeting, form, refused) => {
    for (const email of refused) await expectRefused(s, meetingForm(meeting(), intent), await form(), email, everything);
  });

  it("edit: the page links no edit form but the chair's, and the edit page and its action refuse the rest", async () => {
    const form = { title: "Flyttat möte", kind: "ordinary", date: "2027-01-15", startTime: "13:00", endTime: "15:00", location: "Annan lokal" };
    for (const email of CHAIR_ONLY) {
      const status = email === BORAS ? 404 : 403;
      if (email !== BORAS) expect(await (await http.get(`/meetings/${upcoming}`, cookie[email])).text()).not.toContain(`href="/meetings/${upcoming}/edit"`);
      expect((await http.get(`/meetings/${upcoming}/edit`, cookie[email])).status, email).toBe(status);
      const before = await everything();
      expect((await http.post(`/meetings/${upcoming}/edit`, form, { cookie: cookie[email] })).status, email).toBe(status);
      expect(await everything(), `edit by ${email} changed nothing`).toBe(before);
    }
    expect(await (await http.get(`/meetings/${upcoming}`, cookie[CITY])).text()).toContain(`href="/meetings/${upcoming}/edit"`);
    expect((await http.get(`/meetings/${upcoming}/edit`, cookie[CITY])).status).toBe(200);
  });

  it("a meeting that has ended is no longer answered, moved or cancelled, whatever the form says", async () => {
    const page = await (await http.get(`/meetings/${held}?fas=fore`, cookie[CITY])).text();
    for (const intent of ["rsvp", "cancel"]) expect(page, intent).not.toContain(formMarker(meetingForm(held, intent)));
    expect(page).not.toContain(`href="/meetings/${held}/edit"`);
    const before = await everything();
    const moved = { title: "Flyttat i efterhand", kind: "ordinary", date: "2027-01-15", startTime: "13:00", endTime: "15:00", location: "Annan lokal" };
    for (const [res, what] of [
      [await postMeetingForm(http, held, { intent: "rsvp", rsvp: "attending" }, cookie[GOTLAND]), "rsvp"],
      [await postMeetingForm(http, held, { intent: "cancel", reason: "För sent" }, cookie[CITY]), "cancel"],
    ] as const) {
      expect(res.status, what).toBe(409);
      expect(await shownAt(res, "refused"), what).toBe("Mötet har redan ägt rum.");
    }
    expect((await http.post(`/meetings/${held}/edit`, moved, { cookie: cookie[CITY] })).status).toBe(409);
    expect((await http.get(`/meetings/${held}/edit`, cookie[CITY])).status).toBe(409);
    expect(await everything()).toBe(before);
  });

  it("shows the chair the forms it refuses others, and takes them", async () => {
    const page = await (await http.get(`/meetings/${upcoming}`, cookie[CITY])).text();
    const shown = (intent: string) => formMarker(meetingForm(upcoming, intent));
    for (const intent of ["notice", "cancel", "add", "item", "rsvp", "presence"]) expect(page, intent).toContain(shown(intent));
    // Sending the minutes for approval belongs to the meeting's *Under* part.
    expect(await (await http.get(`/meetings/${upcoming}?fas=under`, cookie[CITY])).text()).toContain(shown("forApproval"));
    const observer = await (await http.get(`/meetings/${upcoming}`, cookie[SODRA])).text();
    for (const intent of ["propose", "rsvp"]) expect(observer, intent).toContain(shown(intent));
    expect((await postMeetingForm(http, upcoming, { intent: "propose", title: "Observatörens förslag", type: "information" }, cookie[SODRA])).status).toBe(200);
    expect((await postMeetingForm(http, upcoming, { intent: "notice" }, cookie[CITY])).status).toBe(200);
    // Noticed now: the form is gone, and a second notice is refused for the meeting's state.
    expect(await (await http.get(`/meetings/${upcoming}`, cookie[CITY])).text()).not.toContain(shown("notice"));
    const before = await everything();
    const again = await postMeetingForm(http, upcoming, { intent: "notice" }, cookie[CITY]);
    expect(again.status).toBe(409);
    expect(await shownAt(again, "refused")).toBe("Kallelsen är redan skickad.");
    expect(await everything()).toBe(before);
  });
});
