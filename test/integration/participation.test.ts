import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stockholmDate } from "../../app/domain/stockholm-date";
import type { RunningServer } from "../../app/http/server.server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";
import { postDecisionForm, postMeetingForm } from "../support/resource-forms";

/** A party's notice in the JSON API: its last day, the chair passing on, and the agreement's end when it ends the whole. */
describe("participation over time in the API", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let admin: string;

  const partnershipId = async (like: string) => (await t.sql<{ id: string }[]>`select id from partnerships where name like ${like}`)[0].id;
  // Notices are recorded as the notice page records them; the effective day is the one it computes.
  const giveNotice = (partnership: string, party: string, givenOn: string, effectiveOn: string) => t.sql`
    insert into terminations (partnership_id, party_id, given_on, effective_on, reason, given_by)
    select ${partnership}, p.id, ${givenOn}, ${effectiveOn}, 'Styrelsebeslut.', (select id from users where email = 'admin@samrad.test')
    from parties p join organisations o on o.id = p.organisation_id where p.partnership_id = ${partnership} and o.name = ${party}`;
  const api = async (id: string, on: string) => (await http.get(`/api/partnerships/${id}?on=${on}`, admin)).json();

  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    admin = await http.login("admin@samrad.test");
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  describe("Stockholm: Västerort gives notice by 30 September 2025 (004 §5.3)", () => {
    let stockholm: string;
    beforeAll(async () => {
      stockholm = await partnershipId("IOP Socialförvaltningen Stockholm%");
      await giveNotice(stockholm, "Brottsofferjouren Västerort", "2025-09-30", "2025-12-31");
    });

    it("gives each party its last day and leaves the agreement running for the others", async () => {
      const body = await api(stockholm, "2026-10-31");
      expect(body.parties.map((p: { name: string; participatesUntil: string | null }) => [p.name, p.participatesUntil])).toEqual([
        ["Socialförvaltningen, Stockholms stad", null],
        ["Brottsofferjouren Stockholm-Gotland", null],
        ["Brottsofferjouren Södra Stockholm", null],
        ["Brottsofferjouren Västerort", "2025-12-31"],
      ]);
      expect(body.period).toMatchObject({ end: "2027-12-31", running: true, endIfNoticeToday: "2027-12-31" });
    });

    it("sends a meeting's notice to the members of the parties taking part, not to Västerort's", async () => {
      const [{ id: groupId }] = await t.sql<{ id: string }[]>`select id from groups where partnership_id = ${stockholm} and kind = 'steering'`;
      const form = { title: "Styrgruppen – januari", kind: "ordinary", date: "2027-01-14", startTime: "13:00", endTime: "15:00", location: "Ragnar Östbergs plan 1" };
      const created = await http.post(`/groups/${groupId}/meetings/new`, form, { cookie: admin });
      const meetingId = created.headers.get("location")!.split("/").pop()!;
      expect((await postMeetingForm(http, meetingId, { intent: "notice" }, admin)).status).toBe(200);
      const mails = await t.sql<{ to: string }[]>`select "to" from outbox where body like ${"%" + meetingId + "%"} order by "to"`;
      expect(mails.map((m) => m.to)).toEqual(["stockholm.bo-gotland@samrad.test", "stockholm.bo-sodra@samrad.test", "stockholm.socialforvaltningen@samrad.test"]);
    });

    it("asks Västerort's representative for no position or signature on the overview", async () => {
      const [{ id: groupId }] = await t.sql<{ id: string }[]>`select id from groups where partnership_id = ${stockholm} and kind = 'steering'`;
      await t.sql`insert into decisions (group_id, year, number, text, proposed_by)
        select ${groupId}, 2026, 99, 'Västerorts stadsdelar fördelas mellan jourerna.', id from users where email = 'admin@samrad.test'`;
      await t.sql`insert into amendments (partnership_id, title, text, text_sha256, created_by)
        select ${stockholm}, 'Tillägg om Västerorts stadsdelar', 'Jourerna delar på stadsdelarna.', 'x', id from users where email = 'admin@samrad.test'`;
      const overview = async (email: string) => (await http.get("/", await http.login(email))).text();
      const remaining = await overview("stockholm.bo-gotland@samrad.test");
      const left = await overview("stockholm.bo-vasterort@samrad.test");
      for (const pending of ["Västerorts stadsdelar fördelas mellan jourerna.", "Tillägg om Västerorts stadsdelar"]) {
        expect(remaining).toContain(pending);
        expect(left).not.toContain(pending);
      }
    });

    it("gives Västerort no say in a steering decision after it left, and no signature", async () => {
      const [{ id: groupId }] = await t.sql<{ id: string }[]>`select id from groups where partnership_id = ${stockholm} and kind = 'steering'`;
      // The demo meeting a few weeks back: after 2025-12-31 on any run of this suite.
      const [{ id: meetingId }] = await t.sql<{ id: string }[]>`select id from meetings where group_id = ${groupId} and starts_at < now() order by starts_at limit 1`;
      await t.sql`insert into attendance (meeting_id, user_id, party_id, present)
        select ${meetingId}, m.user_id, m.party_id, true from group_members m where m.group_id = ${groupId}`;
      const [{ id: decisionId }] = await t.sql<{ id: string }[]>`insert into decisions (group_id, meeting_id, year, number, text, proposed_by)
        select ${groupId}, ${meetingId}, 2026, 98, 'Jourerna samordnar sina jourtider.', id from users where email = 'admin@samrad.test' returning id`;
      const olof = await http.login("stockholm.bo-vasterort@samrad.test");
      const page = await (await http.get(`/decisions/${decisionId}`, olof)).text();
      expect(page).not.toContain("Brottsofferjouren Västerort");
      expect(page).not.toContain("Lämna ställningstagande");
      expect((await postDecisionForm(http, decisionId, { intent: "position", position: "object" }, olof)).status).toBe(403);
      expect(await t.sql`select 1 from decision_positions where decision_id = ${decisionId}`).toHaveLength(0);
      const ahmed = await http.login("stockholm.bo-gotland@samrad.test");
      expect((await postDecisionForm(http, decisionId, { intent: "position", position: "agree" }, ahmed)).status).toBe(200);

      const [{ id: amendmentId, hash }] = await t.sql<{ id: string; hash: string }[]>`insert into amendments (partnership_id, title, text, text_sha256, created_by)
        select ${stockholm}, 'Gemensamma jourtider', 'Jourerna samordnar sina jourtider.', ${"a".repeat(64)}, id from users where email = 'admin@samrad.test' returning id, text_sha256 as hash`;
      const amendment = await (await http.get(`/amendments/${amendmentId}`, olof)).text();
      expect(amendment).toContain("0 av 3 parter har skrivit under.");
      expect(amendment).not.toContain("Skriv under ändringen");
      const signed = await http.post(`/amendments/${amendmentId}/signatures`, { password: "samrad-demo", textSha256: hash }, { cookie: olof });
      expect(signed.status).toBe(409);
      expect(await t.sql`select 1 from amendment_signatures where amendment_id = ${amendmentId}`).toHaveLength(0);
    });

    it("mails changed circumstances (§5.7) to the party the chair passed to, not to Västerort", async () => {
      const [{ id: groupId }] = await t.sql<{ id: string }[]>`select id from groups where partnership_id = ${stockholm} and kind = 'steering'`;
      const [seeded] = await t.sql`select rotation_order, rotation_starts_on, rotation_unit, rotation_length from groups where id = ${groupId}`;
      // Monthly turns from today with Västerort first: today's turn would be Västerort's.
      await t.sql`update groups set rotation_order = array_prepend(p.id, array_remove(rotation_order, p.id)),
        rotation_starts_on = ${stockholmDate(new Date())}, rotation_unit = 'months', rotation_length = 1
        from parties p join organisations o on o.id = p.organisation_id
        where groups.id = ${groupId} and p.partnership_id = groups.partnership_id and o.name = 'Brottsofferjouren Västerort'`;
      try {
        const gotland = await http.login("stockholm.bo-gotland@samrad.test");
        const [{ last }] = await t.sql<{ last: number }[]>`select coalesce(max(id), 0)::int as last from outbox`;
        const res = await http.post(`/partnerships/${stockholm}/cases/information`, { title: "Ny verksamhetschef", description: "Jouren byter ledning i januari." }, { cookie: gotland });
        expect(res.status).toBe(200);
        const mails = await t.sql<{ to: string }[]>`select "to" from outbox where id > ${last} and subject like 'Ändrade förhållanden%'`;
        expect(mails.map((m) => m.to)).toEqual(["stockholm.socialforvaltningen@samrad.test"]);
      } finally {
        await t.sql`update groups set ${t.sql(seeded)} where id = ${groupId}`;
      }
    });

    it.each([
      ["2026-09-30", "Brottsofferjouren Södra Stockholm"],
      // Västerort's turn (2026-10-01..2027-03-31) passes on to the next party in order.
      ["2026-10-31", "Socialförvaltningen, Stockholms stad"],
    ])("names the steering chair on %s: %s", async (on, party) => {
      const body = await api(stockholm, on);
      expect(body.groups.find((g: { kind: string }) => g.kind === "steering").chair.party).toBe(party);
    });
  });

  describe("Linköping: the only jour gives six months' notice (002)", () => {
    let linkoping: string;
    beforeAll(async () => {
      linkoping = await partnershipId("IOP Linköpings kommun%");
      await giveNotice(linkoping, "Kvinnojouren Ellinor och Tjejjouren Beata", "2026-05-30", "2026-11-30");
    });

    it.each([
      ["2026-11-30", { end: "2026-11-30", running: true, currentPeriodEnd: "2026-11-30", noticeDeadline: null, endIfNoticeToday: "2026-11-30" }],
      ["2026-12-01", { end: "2026-11-30", running: false, currentPeriodStart: null, currentPeriodEnd: null, noticeDeadline: null, endIfNoticeToday: null }],
    ])("ends the agreement with it: on %s", async (on, period) => {
      const body = await api(linkoping, on);
      expect(body.period).toEqual({ start: "2025-01-01", currentPeriodStart: "2025-01-01", ...period });
      expect(body.parties.find((p: { sector: string }) => p.sector === "idea").participatesUntil).toBe("2026-11-30");
    });
  });
});
