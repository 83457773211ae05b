import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";

/**
 * The meeting page's action refuses what the page hides (decision 017). Stockholm's steering group
 * on 2026-11-30, with Brottsofferjouren Västerort's notice taken effect on 2025-12-31: the chair has
 * passed from Västerort to the city; Södra Stockholm sits as an observer; Borås is no member.
 */
describe("meeting capabilities: every intent refused where its form is hidden", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let upcoming: string;
  let held: string;
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
    await t.sql`insert into terminations (partnership_id, party_id, given_on, effective_on, reason, given_by)
      select ${partnershipId}, gm.party_id, '2025-06-30', '2025-12-31', 'Föreningen avvecklas.', u.id
      from group_members gm join users u on u.id = gm.user_id where gm.group_id = ${groupId} and u.email = ${VASTERORT}`;
    await t.sql`update group_members set role = 'observer' where group_id = ${groupId} and user_id = (select id from users where email = ${SODRA})`;
    for (const email of [CITY, GOTLAND, SODRA, VASTERORT, BORAS]) cookie[email] = await http.login(email);
    const convene = async (date: string) => {
      const form = { title: `Styrgruppen ${date}`, kind: "ordinary", date, startTime: "13:00", endTime: "15:00", location: "Ragnar Östbergs plan 1" };
      const res = await http.post(`/groups/${groupId}/meetings/new`, form, { cookie: cookie[CITY] });
      expect(res.status).toBe(302);
      return res.headers.get("location")!.split("/").pop()!;
    };
    upcoming = await convene("2027-01-14");
    held = await convene("2027-01-21");
    await t.sql`update meetings set starts_at = '2026-11-20T12:00:00Z', ends_at = '2026-11-20T14:00:00Z' where id = ${held}`;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
    vi.useRealTimers();
  });

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
  const userId = async (email: string) => (await t.sql`select id from users where email = ${email}`)[0].id as string;
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
    ["presence", () => held, async () => ({ present: [await userId(GOTLAND)] }), CHAIR_ONLY],
    ["decision", () => held, async () => ({ agendaItemId: await firstItem(held), text: "Ett beslut" }), CHAIR_ONLY],
    ["forApproval", () => held, async () => ({ adjuster: await userId(GOTLAND) }), CHAIR_ONLY],
    // Nobody is an approver of draft minutes.
    ["approve", () => held, async () => ({}), [GOTLAND, SODRA, VASTERORT, BORAS, CITY]],
    ["correction", () => held, async () => ({ text: "Fel datum." }), [GOTLAND, SODRA, VASTERORT, BORAS, CITY]],
    ["approveCorrection", () => held, async () => ({ correctionId: "1" }), [GOTLAND, SODRA, VASTERORT, BORAS, CITY]],
  ];

  it.each(cases)("%s", async (intent, meeting, form, refused) => {
    for (const email of refused) {
      const path = `/meetings/${meeting()}`;
      const page = await http.get(path, cookie[email]);
      if (email === BORAS) expect(page.status).toBe(404);
      else expect(await page.text(), `${email} sees no ${intent} form`).not.toContain(`name="intent" value="${intent}"`);
      const before = await everything();
      const res = await http.post(path, { intent, ...(await form()) }, { cookie: cookie[email] });
      expect(res.status, `${intent} by ${email}`).toBe(email === BORAS ? 404 : 403);
      if (email !== BORAS) expect(await res.text()).toContain("Åtkomst nekad");
      expect(await everything(), `${intent} by ${email} changed nothing`).toBe(before);
    }
  });

  it("shows the chair the forms it refuses others, and takes them", async () => {
    const page = await (await http.get(`/meetings/${upcoming}`, cookie[CITY])).text();
    for (const intent of ["notice", "cancel", "add", "item", "rsvp", "presence", "forApproval"]) expect(page, intent).toContain(`name="intent" value="${intent}"`);
    const observer = await (await http.get(`/meetings/${upcoming}`, cookie[SODRA])).text();
    for (const intent of ["propose", "rsvp"]) expect(observer, intent).toContain(`name="intent" value="${intent}"`);
    expect((await http.post(`/meetings/${upcoming}`, { intent: "propose", title: "Observatörens förslag", type: "information" }, { cookie: cookie[SODRA] })).status).toBe(200);
    expect((await http.post(`/meetings/${upcoming}`, { intent: "notice" }, { cookie: cookie[CITY] })).status).toBe(200);
    // Noticed now: the form is gone, and a second notice is refused for the meeting's state.
    expect(await (await http.get(`/meetings/${upcoming}`, cookie[CITY])).text()).not.toContain(`name="intent" value="notice"`);
    const before = await everything();
    const again = await http.post(`/meetings/${upcoming}`, { intent: "notice" }, { cookie: cookie[CITY] });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Kallelsen är redan skickad.");
    expect(await everything()).toBe(before);
  });
});
