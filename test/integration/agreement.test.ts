import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import type { ActionData } from "../../app/services/result";
import { doneShown, shownAt } from "../support/answers";
import { freshDatabase, type TestDatabase } from "../support/db";
import { speakersIn, toldOf } from "../support/notifications";
import { client, startTestServer } from "../support/server";

/** Amendments and notice of termination over HTTP on the demo partnerships (yearly reports: reports.test.ts). */
describe("agreement procedures", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let linkoping: string;
  let kommun: string; // Linköpings kommun's representative
  let jouren: string; // Kvinnojouren Ellinor och Tjejjouren Beata's representative
  let admin: string;
  let outsider: string; // Borås

  const partnershipId = async (like: string) => (await t.sql<{ id: string }[]>`select id from partnerships where name like ${like}`)[0].id;
  const partyIds = (partnership: string) =>
    t.sql<{ id: string; sector: string; name: string }[]>`
      select p.id, p.sector, o.name from parties p join organisations o on o.id = p.organisation_id where p.partnership_id = ${partnership} order by p.sector, o.name`;

  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    linkoping = await partnershipId("IOP Linköpings kommun%");
    [kommun, jouren, admin, outsider] = await Promise.all(
      ["linkoping.kommun@samrad.test", "linkoping.jouren@samrad.test", "admin@samrad.test", "boras.jouren@samrad.test"].map((e) => http.login(e)),
    );
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  describe("amendments", () => {
    let id: string;
    const draft = {
      title: "Förlängning till 2032",
      text: "Avtalet förlängs till och med 2032-12-31.\n\nÖvriga villkor gäller oförändrade.",
      periodKind: "fixedWithNotice",
      periodStart: "2025-01-01",
      periodEnd: "2032-12-31",
      noticeMonths: "6",
    };
    const hash = async () => (await t.sql<{ h: string }[]>`select text_sha256 as h from amendments where id = ${id}`)[0].h;
    const liveSignatures = async () => (await t.sql`select party_id from amendment_signatures where amendment_id = ${id} and voided_at is null`).length;
    const sign = async (cookie: string, password = "samrad-demo", textSha256?: string) =>
      http.post(`/amendments/${id}/signatures`, { password, textSha256: textSha256 ?? (await hash()) }, { cookie });

    it("a representative writes a draft", async () => {
      const res = await http.post(`/partnerships/${linkoping}/amendments`, draft, { cookie: kommun });
      expect(res.status).toBe(302);
      id = res.headers.get("location")!.split("/").pop()!;
      const page = await (await http.get(`/partnerships/${linkoping}/amendments`, jouren)).text();
      expect(page).toContain("Förlängning till 2032");
      expect(page).toContain("0 av 2 parter har skrivit under.");
      // Each party's representative in the steering group is told it awaits their signature.
      expect(await toldOf(t.sql, "amendment.awaitingSignature", `/amendments/${id}`)).toEqual(["linkoping.jouren@samrad.test", "linkoping.kommun@samrad.test"]);
    });

    it("a wrong password signs nothing and says so in Swedish", async () => {
      const res = await sign(jouren, "fel-lösenord-123");
      expect(res.status).toBe(400);
      expect(await shownAt(res, "password")).toBe("Fel lösenord. Ingen underskrift har registrerats.");
      expect(await liveSignatures()).toBe(0);
    });

    it("refuses a signature from someone who is not a party's representative in the steering group", async () => {
      expect((await sign(admin)).status).toBe(403);
      expect((await http.get(`/amendments/${id}`, outsider)).status).toBe(404);
      expect((await sign(outsider)).status).toBe(404);
      expect(await liveSignatures()).toBe(0);
    });

    it("an edit after the first signature voids it (kept, marked) and an old hash can no longer be signed", async () => {
      expect((await sign(kommun)).status).toBe(200);
      expect(await liveSignatures()).toBe(1);
      expect((await sign(kommun)).status).toBe(409); // signing twice
      const old = await hash();
      const res = await http.post(`/amendments/${id}/text`, { ...draft, text: draft.text + " Bilaga 2 utgår." }, { cookie: jouren });
      expect(res.status).toBe(200);
      expect(await doneShown(res)).toBe("Utkastet är ändrat. 1 underskrifter har upphävts.");
      expect(await hash()).not.toBe(old);
      const all = await t.sql`select voided_at from amendment_signatures where amendment_id = ${id}`;
      expect(all).toHaveLength(1);
      expect(all[0].voided_at).not.toBeNull();
      // Whose signature was voided is told the new text awaits it.
      const again = await t.sql`select u.email from notifications n join users u on u.id = n.user_id where n.event_key = ${`amendment-sign:${id}:${await hash()}`}`;
      expect(again.map((r) => r.email)).toEqual(["linkoping.kommun@samrad.test"]);
      const stale = await sign(jouren, "samrad-demo", old);
      expect(stale.status).toBe(409);
      expect(await shownAt(stale, "password")).toContain("Texten har ändrats sedan du öppnade sidan.");
      expect(await liveSignatures()).toBe(0);
    });

    it("is valid once both parties have signed, is listed as valid, and its period rule can be applied", async () => {
      expect((await sign(kommun)).status).toBe(200);
      const last = await sign(jouren);
      expect(await doneShown(last)).toContain("Alla parter har skrivit under. Ändringen gäller.");
      const [a] = await t.sql`select valid_at from amendments where id = ${id}`;
      expect(a.valid_at).not.toBeNull();
      // Once valid, every party's people in the partnership are told.
      const told = await toldOf(t.sql, "amendment.valid", `/amendments/${id}`);
      expect(told).toEqual(await speakersIn(t.sql, linkoping));
      expect(told).toEqual(expect.arrayContaining(["linkoping.jouren@samrad.test", "linkoping.kommun@samrad.test"]));
      expect(await (await http.get(`/partnerships/${linkoping}/amendments`, kommun)).text()).toMatch(/Gällande ändringar[\s\S]*Förlängning till 2032[\s\S]*Utkast/);

      const locked = await http.post(`/amendments/${id}/text`, { ...draft, text: "Ändrad" }, { cookie: jouren });
      expect(locked.status).toBe(409);

      expect((await http.post(`/amendments/${id}/period-rule`, {}, { cookie: kommun })).status).toBe(200);
      const [p] = await t.sql`select period_rule from partnerships where id = ${linkoping}`;
      expect(p.period_rule).toEqual({ kind: "fixedWithNotice", start: "2025-01-01", end: "2032-12-31", noticeMonths: 6 });
      const audits = await t.sql`select action from audit_log where subject = ${"partnership:" + linkoping} and action like 'amendment.%' order by id`;
      expect(audits.map((r) => r.action)).toEqual([
        "amendment.create",
        "amendment.sign",
        "amendment.edit",
        "amendment.sign",
        "amendment.sign",
        "amendment.valid",
        "amendment.apply",
      ]);
      expect((await http.post(`/amendments/${id}/period-rule`, {}, { cookie: kommun })).status).toBe(409);
      const history = await (await http.get(`/partnerships/${linkoping}/history`, kommun)).text();
      expect(history).toContain("införde avtalsperioden från ändringen ”");
    });
  });

  it("after three wrong passwords signing waits, even with the right password", async () => {
    const osteraker = await partnershipId("IOP Österåkers%");
    const karin = await http.login("osteraker.kommun@samrad.test");
    const res = await http.post(`/partnerships/${osteraker}/amendments`, { title: "Ny bilaga", text: "Text." }, { cookie: karin });
    const id = res.headers.get("location")!.split("/").pop()!;
    const [{ h }] = await t.sql<{ h: string }[]>`select text_sha256 as h from amendments where id = ${id}`;
    // Every request here comes from one IP, which the throttle also counts: start and end clean.
    await t.sql`delete from login_attempts`;
    for (let i = 0; i < 3; i++) expect((await http.post(`/amendments/${id}/signatures`, { password: `gissning-${i}`, textSha256: h }, { cookie: karin })).status).toBe(400);
    const refused = await http.post(`/amendments/${id}/signatures`, { password: "samrad-demo", textSha256: h }, { cookie: karin });
    expect(refused.status).toBe(429);
    expect(await shownAt(refused, "password")).toContain("För många felaktiga lösenord. Försök igen om");
    expect(await t.sql`select 1 from amendment_signatures where amendment_id = ${id}`).toHaveLength(0);
    await t.sql`delete from login_attempts`;
  });

  describe("notice of termination", () => {
    /** What the notice form's preview shows, from the preview's answer. */
    const previewOf = async (res: Response) => ((await res.json()) as ActionData).details?.preview;

    it("asks the public party for the nämnd's decision behind its notice (004 §3)", async () => {
      const id = await partnershipId("IOP Österåkers%");
      const party = (await partyIds(id)).find((p) => p.sector === "public")!;
      const form = { partyId: party.id, givenOn: "2026-06-01", reason: "Verksamheten upphandlas i stället." };
      const missing = await http.post(`/partnerships/${id}/termination/preview`, form, { cookie: admin });
      expect(missing.status).toBe(400);
      expect(await shownAt(missing.clone(), "committeeReference")).toBe("Ange diarienumret för nämndens beslut om uppsägningen.");
      expect(await shownAt(missing, "committeeDecidedOn")).toBe("Ange dagen för nämndens beslut.");
      const later = await http.post(`/partnerships/${id}/termination/preview`, { ...form, committeeReference: "SN 2026/114", committeeDecidedOn: "2026-06-02" }, { cookie: admin });
      expect(await shownAt(later, "committeeDecidedOn")).toBe("Nämndens beslut kan inte vara senare än uppsägningen.");
      expect(await t.sql`select 1 from terminations where partnership_id = ${id}`).toHaveLength(0);
    });

    // Each period shape, with the public party giving notice through the coordinator on a chosen day.
    it.each([
      ["IOP Österåkers%", "2026-06-01", "2026-12-31"],
      ["IOP Borås%", "2024-04-01", "2027-12-31"], // a day after the deadline: the next three-year term runs out
      ["IOP Socialförvaltningen Stockholm%", "2026-10-01", "2027-12-31"],
      ["IOP Linköpings%", "2026-06-01", "2026-12-01"], // rule from the amendment above: six months' notice
    ])("%s: notice on %s ends the agreement on %s", async (like, givenOn, effectiveOn) => {
      const id = await partnershipId(like);
      const party = (await partyIds(id)).find((p) => p.sector === "public")!;
      const form = { partyId: party.id, givenOn, reason: "Verksamheten upphandlas i stället.", committeeReference: "SN 2026/114", committeeDecidedOn: givenOn };
      const preview = await http.post(`/partnerships/${id}/termination/preview`, form, { cookie: admin });
      expect(preview.status).toBe(200);
      // The public party leaving ends the agreement as a whole.
      expect(await previewOf(preview)).toMatchObject({ partyName: party.name, givenOn, effectiveOn, agreementEnds: effectiveOn });
      expect(await t.sql`select 1 from terminations where partnership_id = ${id}`).toHaveLength(0);

      const confirm = await http.post(`/partnerships/${id}/termination/notices`, { ...form, password: "samrad-demo" }, { cookie: admin });
      expect(confirm.status).toBe(200);
      expect(await doneShown(confirm)).toBe(`Uppsägningen är registrerad. Partens åtagande upphör ${effectiveOn}.`);
      const [row] = await t.sql`select given_on::text, effective_on::text, committee_reference, committee_decided_on::text from terminations where partnership_id = ${id}`;
      expect(row).toEqual({ given_on: givenOn, effective_on: effectiveOn, committee_reference: "SN 2026/114", committee_decided_on: givenOn });
      expect(await (await http.get(`/partnerships/${id}/termination`, admin)).text()).toContain(`Nämndens beslut SN 2026/114, ${givenOn}.`);
      expect(await (await http.get(`/partnerships/${id}`, admin)).text()).toContain(`Avtalet är uppsagt och upphör ${effectiveOn}.`);
      expect((await http.post(`/partnerships/${id}/termination/notices`, { ...form, password: "samrad-demo" }, { cookie: admin })).status).toBe(409);
    });

    it("only the party's representative may give notice for it; a representative's notice is dated today", async () => {
      const sthlm = await partnershipId("IOP Socialförvaltningen Stockholm%");
      const parties = await partyIds(sthlm);
      const sodra = await http.login("stockholm.bo-sodra@samrad.test");
      const other = parties.find((p) => p.name === "Brottsofferjouren Stockholm-Gotland")!;
      const own = parties.find((p) => p.name === "Brottsofferjouren Södra Stockholm")!;
      const reason = "Styrelsebeslut.";
      expect((await http.post(`/partnerships/${sthlm}/termination/preview`, { partyId: other.id, reason }, { cookie: sodra })).status).toBe(403);
      // Without the city's notice from the case above, one organisation leaving does not end the agreement (004 §5.3).
      await t.sql`delete from terminations where partnership_id = ${sthlm}`;
      const preview = await http.post(`/partnerships/${sthlm}/termination/preview`, { partyId: own.id, reason }, { cookie: sodra });
      expect(await previewOf(preview)).toMatchObject({ agreementEnds: null }); // "Avtalet fortsätter för övriga parter."
      const confirm = { partyId: own.id, reason, givenOn: "2025-05-01" };
      const res = await http.post(`/partnerships/${sthlm}/termination/notices`, { ...confirm, password: "samrad-demo" }, { cookie: sodra });
      expect(res.status).toBe(200);
      const [row] = await t.sql`select given_on::text from terminations where party_id = ${own.id}`;
      expect(row.given_on).not.toBe("2025-05-01");
      const page = await (await http.get(`/partnerships/${sthlm}`, sodra)).text();
      expect(page).toContain("Brottsofferjouren Södra Stockholm lämnar partnerskapet");
      expect(page).not.toContain("Avtalet är uppsagt");
      expect((await http.get(`/partnerships/${sthlm}/termination`, outsider)).status).toBe(404);
      const future = await http.post(`/partnerships/${sthlm}/termination/preview`, { partyId: other.id, reason, givenOn: "2099-01-01" }, { cookie: admin });
      expect(await shownAt(future, "givenOn")).toBe("Datumet kan inte vara senare än i dag.");
    });

    it("is confirmed with the giver's password (throttled like a login), goes on the next steering agenda and is mailed to every party's representatives", async () => {
      const sthlm = await partnershipId("IOP Socialförvaltningen Stockholm%");
      const parties = await partyIds(sthlm);
      const [vasterort, sodra] = ["Brottsofferjouren Västerort", "Brottsofferjouren Södra Stockholm"].map((name) => parties.find((p) => p.name === name)!);
      const olof = await http.login("stockholm.bo-vasterort@samrad.test");
      const form = { partyId: vasterort.id, reason: "Föreningen avvecklas." };
      // Södra Stockholm left at the end of 2025: it no longer gets the partnership's mail.
      await t.sql`update terminations set given_on = '2025-09-30', effective_on = '2025-12-31' where party_id = ${sodra.id}`;
      const mailsBefore = (await t.sql`select count(*)::int as n from outbox`)[0].n;
      for (const password of ["", "fel-losenord-1", "fel-losenord-2"]) {
        const wrong = await http.post(`/partnerships/${sthlm}/termination/notices`, { ...form, password }, { cookie: olof });
        expect(wrong.status).toBe(400);
        expect(await shownAt(wrong, "password")).toBe("Fel lösenord. Ingen uppsägning har registrerats.");
      }
      const throttled = await http.post(`/partnerships/${sthlm}/termination/notices`, { ...form, password: "samrad-demo" }, { cookie: olof });
      expect(throttled.status).toBe(429);
      expect(await shownAt(throttled, "password")).toMatch(/^För många felaktiga lösenord\. Försök igen om \d+ sekunder\./);
      expect(await t.sql`select 1 from terminations where party_id = ${vasterort.id}`).toHaveLength(0);
      expect((await t.sql`select count(*)::int as n from outbox`)[0].n).toBe(mailsBefore);
      await t.sql`delete from login_attempts`;

      expect((await http.post(`/partnerships/${sthlm}/termination/notices`, { ...form, password: "samrad-demo" }, { cookie: olof })).status).toBe(200);
      const items = await t.sql`
        select a.title from agenda_items a join meetings m on m.id = a.meeting_id join groups g on g.id = m.group_id
        where g.partnership_id = ${sthlm} and g.kind = 'steering' and m.starts_at > now() and a.title = 'Uppsägning: Brottsofferjouren Västerort'`;
      expect(items).toHaveLength(1);
      const mails = await t.sql<{ to: string; body: string }[]>`select "to", body from outbox where subject like 'Uppsägning: Brottsofferjouren Västerort i %' order by "to"`;
      expect(mails.map((m) => m.to)).toEqual(["stockholm.bo-gotland@samrad.test", "stockholm.bo-vasterort@samrad.test", "stockholm.socialforvaltningen@samrad.test"]);
      expect(mails[0].body).toContain("Brottsofferjouren Västerort har skriftligen sagt upp sitt åtagande");
      // The same people find it under "Att göra"; the formal notice is their mail, not a second one.
      const told = await t.sql`
        select u.email, n.mailed_at is not null as settled from notifications n join users u on u.id = n.user_id
        where n.kind = 'termination.notice' and n.event_key = ${`termination:${sthlm}:${vasterort.id}`} order by u.email`;
      expect(told).toEqual(mails.map((m) => ({ email: m.to, settled: true })));
      expect(await t.sql`select 1 from outbox where subject like '%har sagt upp sitt åtagande. Det upphör%'`).toHaveLength(0);
    });
  });
});
