import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { stockholmDate } from "../../app/domain/stockholm-date";
import { shownAt } from "../support/answers";
import { stockholmSteeringChairedBy } from "../support/demo";
import { freshDatabase, type TestDatabase } from "../support/db";
import { postDecisionForm, postMeetingForm } from "../support/resource-forms";
import { client, startTestServer } from "../support/server";

/**
 * The chair records for the room (decision 022): presence and the parties' positions on a decision
 * in one form. Stockholm's steering group with the rotation pinned so that Södra Stockholm holds the chair.
 */
describe("recording positions for the room", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let groupId = "";
  let held = "";
  let upcoming = "";
  let decision = "";
  const cookie: Record<string, string> = {};
  const userId: Record<string, string> = {};
  const partyId: Record<string, string> = {};
  const SODRA = "stockholm.bo-sodra@samrad.test"; // the chair
  const SF = "stockholm.socialforvaltningen@samrad.test";
  const GOT = "stockholm.bo-gotland@samrad.test";
  const VAST = "stockholm.bo-vasterort@samrad.test";
  const BORAS = "boras.jouren@samrad.test";

  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    groupId = await stockholmSteeringChairedBy(t.sql, stockholmDate(new Date()));
    [{ id: held }] = await t.sql<{ id: string }[]>`
      select id from meetings where group_id = ${groupId} and ends_at < now() and status <> 'cancelled' order by starts_at desc limit 1`;
    [{ id: upcoming }] = await t.sql<{ id: string }[]>`select id from meetings where group_id = ${groupId} and starts_at > now() and status <> 'cancelled' limit 1`;
    for (const email of [SODRA, SF, GOT, VAST, BORAS]) {
      cookie[email] = await http.login(email);
      [{ id: userId[email] }] = await t.sql<{ id: string }[]>`select id from users where email = ${email}`;
      const [seat] = await t.sql<{ party_id: string }[]>`select party_id from group_members where group_id = ${groupId} and user_id = ${userId[email]}`;
      if (seat) partyId[email] = seat.party_id;
    }
    const [item] = await t.sql<{ id: string }[]>`select id from agenda_items where meeting_id = ${held} and not proposed order by position limit 1`;
    const res = await postMeetingForm(http, held, { intent: "decision", agendaItemId: item.id, text: "Dagordningen godkänns." }, cookie[SODRA]);
    expect(res.status).toBe(302);
    decision = res.headers.get("location")!.split("/").pop()!;
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  /** The chair's one form: who is present, and a position per party (by a member's email). */
  const form = (present: string[], positions: Record<string, string>, extra: Record<string, string> = {}) => ({
    intent: "room",
    decisionId: decision,
    present: present.map((e) => userId[e]),
    ...Object.fromEntries(Object.entries(positions).map(([email, position]) => [`position-${partyId[email]}`, position])),
    ...extra,
  });
  const everything = async () =>
    JSON.stringify(
      await Promise.all([
        t.sql`select * from attendance order by meeting_id, user_id`,
        t.sql`select * from decision_positions order by decision_id, party_id`,
        t.sql`select count(*)::int from audit_log`,
      ]),
    );
  const positions = () =>
    t.sql<{ party_id: string; position: string; reservation: string | null; stated_by: string; recorded_for_room: boolean }[]>`
      select party_id, position, reservation, stated_by, recorded_for_room from decision_positions where decision_id = ${decision}`;
  const pageText = async (path: string, email: string) => (await (await http.get(path, cookie[email])).text()).replaceAll("<!-- -->", "");

  it("is offered and taken only from the chair, only at a meeting under way or held", async () => {
    expect(await pageText(`/meetings/${held}?fas=under`, SODRA)).toContain(`action="/meetings/${held}/room"`);
    expect(await pageText(`/meetings/${held}?fas=under`, GOT)).not.toContain(`action="/meetings/${held}/room"`);
    const before = await everything();
    const asked = form([SODRA, SF, GOT], { [SODRA]: "agree", [SF]: "agree", [GOT]: "agree" });
    expect((await postMeetingForm(http, held, asked, cookie[GOT])).status).toBe(403);
    expect((await postMeetingForm(http, held, asked, cookie[BORAS])).status).toBe(404);
    const early = await postMeetingForm(http, upcoming, asked, cookie[SODRA]);
    expect(early.status).toBe(409);
    expect(await shownAt(early, "refused")).toBe("Beslut registreras när mötet har börjat.");
    expect(await everything()).toBe(before);
  });

  it.each<[string, () => Record<string, string | string[]>, string, string]>([
    ["a party whose member is not ticked present", () => form([SODRA, SF], { [SODRA]: "agree", [GOT]: "object" }), `position-${"GOT"}`, "Parten är inte närvarande med mandat."],
    ["someone outside the group ticked present", () => form([SODRA, BORAS], { [SODRA]: "agree" }), "present", "Bara gruppens ledamöter kan antecknas som närvarande."],
    ["a position that is none of the three", () => form([SODRA], { [SODRA]: "kanske" }), `position-${"SODRA"}`, "Formuläret kunde inte läsas."],
    ["no decision named", () => form([SODRA], { [SODRA]: "agree" }, { decisionId: "" }), "decisionId", "Välj ett öppet beslut från det här mötet."],
  ])("changes nothing for %s", async (_, asked, field, message) => {
    const before = await everything();
    const res = await postMeetingForm(http, held, asked(), cookie[SODRA]);
    expect(res.status).toBe(400);
    const at = field.replace("GOT", partyId[GOT]).replace("SODRA", partyId[SODRA]);
    expect(await shownAt(res, at)).toContain(message);
    expect(await everything()).toBe(before);
  });

  it("refuses a decision of another meeting and one per capsulum, changing nothing", async () => {
    const [other] = await t.sql<{ id: string }[]>`
      insert into decisions (group_id, kind, meeting_id, year, number, text, proposed_by)
      values (${groupId}, 'meeting', ${upcoming}, 2099, 1, 'Ett annat mötes beslut', ${userId[SODRA]}) returning id`;
    const [perCapsulum] = await t.sql<{ id: string }[]>`
      insert into decisions (group_id, kind, meeting_id, year, number, text, proposed_by)
      values (${groupId}, 'per_capsulum', ${held}, 2099, 2, 'Per capsulum', ${userId[SODRA]}) returning id`;
    const before = await everything();
    const wrong = await postMeetingForm(http, held, form([SODRA], { [SODRA]: "agree" }, { decisionId: other.id }), cookie[SODRA]);
    expect(wrong.status).toBe(400);
    expect(await shownAt(wrong, "decisionId")).toBe("Välj ett öppet beslut från det här mötet.");
    const pc = await postMeetingForm(http, held, form([SODRA], { [SODRA]: "agree" }, { decisionId: perCapsulum.id }), cookie[SODRA]);
    expect(pc.status).toBe(409);
    expect(await shownAt(pc, "decisionId")).toBe("Beslut per capsulum besvaras skriftligt av varje part och kan inte antecknas här.");
    expect(await everything()).toBe(before);
    await t.sql`delete from decisions where id in ${t.sql([other.id, perCapsulum.id])}`;
  });

  it("records presence and three parties' positions in one go, marked as recorded by the chair, with audit entries", async () => {
    const auditBefore = (await t.sql`select max(id)::int as id from audit_log`)[0].id as number;
    const res = await postMeetingForm(
      http,
      held,
      form([SODRA, SF, GOT], { [SODRA]: "agree", [SF]: "agree", [GOT]: "object" }, { [`reservation-${partyId[GOT]}`]: "Gotland reserverar sig." }),
      cookie[SODRA],
    );
    expect(res.status).toBe(200);
    const present = await t.sql`select user_id from attendance where meeting_id = ${held} and present order by user_id`;
    expect(present.map((r) => r.user_id).sort()).toEqual([userId[SODRA], userId[SF], userId[GOT]].sort());
    const rows = await positions();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.recorded_for_room && r.stated_by === userId[SODRA])).toBe(true);
    expect(rows.find((r) => r.party_id === partyId[GOT])).toMatchObject({ position: "object", reservation: "Gotland reserverar sig." });
    const audits = await t.sql`select action from audit_log where id > ${auditBefore} order by id`;
    expect(audits.map((a) => a.action)).toEqual(["meeting.presence", "decision.position.room", "decision.position.room", "decision.position.room"]);
    const page = await pageText(`/decisions/${decision}`, VAST);
    expect(page.match(/antecknat av ordföranden/g)).toHaveLength(3);
    expect(page).not.toContain("bekräftat genom justeringen");
  });

  it("lets a party state its own position afterwards, which replaces the recorded one", async () => {
    expect((await postDecisionForm(http, decision, { intent: "position", position: "agree", reservation: "" }, cookie[GOT])).status).toBe(200);
    const mine = (await positions()).find((r) => r.party_id === partyId[GOT]);
    expect(mine).toMatchObject({ position: "agree", reservation: null, stated_by: userId[GOT], recorded_for_room: false });
    expect((await pageText(`/decisions/${decision}`, VAST)).match(/antecknat av ordföranden/g)).toHaveLength(2);
  });

  it("shows the recorded positions confirmed once the minutes are approved, and records nothing more", async () => {
    expect((await postMeetingForm(http, held, { intent: "forApproval", adjuster: userId[GOT] }, cookie[SODRA])).status).toBe(200);
    // The chair approves once; the button is gone after, while the text stays as approved.
    expect(await pageText(`/meetings/${held}`, SODRA)).toContain("Justera protokollet");
    expect((await postMeetingForm(http, held, { intent: "approve" }, cookie[SODRA])).status).toBe(200);
    expect(await pageText(`/meetings/${held}`, SODRA)).not.toContain("Justera protokollet");
    expect((await postMeetingForm(http, held, { intent: "approve" }, cookie[GOT])).status).toBe(200);
    const page = await pageText(`/decisions/${decision}`, VAST);
    expect(page.match(/antecknat av ordföranden/g)).toHaveLength(2);
    expect(page.match(/bekräftat genom justeringen/g)).toHaveLength(2);
    // The approved minutes, printed or downloaded, carry each position with the same marks; Gotland spoke for itself.
    const printed = await pageText(`/meetings/${held}/minutes`, VAST);
    expect(printed.match(/antecknat av ordföranden/g)).toHaveLength(2);
    expect(printed.match(/bekräftat genom justeringen/g)).toHaveLength(2);
    expect(printed).toContain("Brottsofferjouren Stockholm-Gotland: Instämmer</li>");
    const file = await (await http.get(`/meetings/${held}/minutes.md`, cookie[VAST])).text();
    expect(file.match(/: Instämmer \(antecknat av ordföranden, bekräftat genom justeringen\)/g)).toHaveLength(2);
    expect(file).toContain("  - Brottsofferjouren Stockholm-Gotland: Instämmer\n");
    const before = await everything();
    const late = await postMeetingForm(http, held, form([SODRA], { [SODRA]: "object" }), cookie[SODRA]);
    expect(late.status).toBe(409);
    expect(await shownAt(late, "refused")).toBe("Protokollet är justerat; inget mer kan antecknas för mötet.");
    expect(await everything()).toBe(before);
  });
});
