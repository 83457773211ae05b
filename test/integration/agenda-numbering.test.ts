import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import type { RunningServer } from "../../app/http/server.server";
import { FRAGMENT } from "../../realtime/content";
import { loadStored } from "../../realtime/store";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";
import { eventually, minutesClient, type MinutesClient } from "../support/yclient";
import { postMeetingForm } from "../support/resource-forms";
import { shownAt } from "../support/answers";
import { templateAgendaWith } from "../support/agenda";
import { createDb } from "../../db/client";
import type { SessionUser } from "../../app/auth/session.server";
import { addAgendaItem } from "../../app/services/meetings.server";
import { DocumentRegistry } from "../../realtime/registry";
import { postgresMinutesStore } from "../../realtime/store";

/**
 * One agenda, one numbering: after adding, moving and removing items, before and after the
 * notice, the meeting page, the latest notice e-mail, its .ics, the downloadable .ics and the
 * live minutes all number the agenda alike. The clock is pinned to 2026-11-30, when Västerort
 * holds the Stockholm steering group's chair in the demo rotation.
 */
describe("agenda numbering across page, notice, calendar and minutes", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let meetingId: string;
  let chair: string; // Brottsofferjouren Västerort
  let member: string; // Brottsofferjouren Stockholm-Gotland
  let live: MinutesClient;
  let groupId: string;
  const others: MinutesClient[] = [];
  const memberEmail = "stockholm.bo-gotland@samrad.test";

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-30T09:00:00Z"), shouldAdvanceTime: true });
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    chair = await http.login("stockholm.bo-vasterort@samrad.test");
    member = await http.login(memberEmail);
    [{ id: groupId }] = await t.sql<{ id: string }[]>`
      select g.id from groups g join partnerships p on p.id = g.partnership_id where p.reference_number = '2021/630' and g.kind = 'steering'`;
    meetingId = await newMeeting("Styrgruppen – januari", "2027-01-14");
  });
  afterAll(async () => {
    live?.destroy();
    others.forEach((c) => c.destroy());
    await app?.close();
    await t?.drop();
    vi.useRealTimers();
  });

  async function newMeeting(title: string, date: string) {
    const form = { title, kind: "ordinary", date, startTime: "13:00", endTime: "15:00", location: "Ragnar Östbergs plan 1" };
    const res = await http.post(`/groups/${groupId}/meetings/new`, form, { cookie: chair });
    expect(res.status).toBe(302);
    return res.headers.get("location")!.split("/").pop()!;
  }

  const post = (form: Record<string, string>, cookie = chair) => postMeetingForm(http, meetingId, form, cookie);
  const itemId = async (title: string) => (await t.sql`select id from agenda_items where meeting_id = ${meetingId} and title = ${title}`)[0].id as string;
  const op = async (title: string, what: "up" | "down" | "accept" | "remove") => {
    const res = await post({ intent: "item", itemId: await itemId(title), op: what });
    expect(res.status, `${what} ${title}`).toBe(200);
  };

  const onPage = async () => [...(await (await http.get(`/meetings/${meetingId}`, member)).text()).matchAll(/<span class="agenda-title">([^<]*)<\/span>/g)].map((m) => m[1]);
  const paragraphsIn = (text: string) => text.split("\n").filter((line) => /^§ \d+ /.test(line));
  /** DESCRIPTION of an .ics, unfolded and unescaped. */
  const icsAgenda = (ics: string) => paragraphsIn(/^DESCRIPTION:(.*)$/m.exec(ics.replace(/\r\n[ \t]/g, ""))![1].replace(/\\n/g, "\n").replace(/\\([,;\\])/g, "$1"));
  const lastNotice = async () =>
    (await t.sql<{ body: string; attachments: { content: string }[] }[]>`
      select body, attachments from outbox where "to" = ${memberEmail} and body like ${"%" + meetingId + "%"} order by id desc limit 1`)[0];
  const headings = (doc: Y.Doc) =>
    doc
      .getXmlFragment(FRAGMENT)
      .toArray()
      .filter((b): b is Y.XmlElement => b instanceof Y.XmlElement && b.nodeName === "heading")
      .map((h) => h.toArray().map((c) => (c instanceof Y.XmlText ? c.toString() : "")).join(""));
  /** The text written right after the heading `heading`. */
  const under = (doc: Y.Doc, heading: string) => {
    const blocks = doc.getXmlFragment(FRAGMENT).toArray() as Y.XmlElement[];
    const at = blocks.findIndex((b) => b.nodeName === "heading" && b.toArray().join("") === heading);
    return at < 0 ? null : blocks[at + 1].toArray().join("");
  };

  /** Page, live minutes and, once noticed, the latest notice, its .ics and the download all show `expected`. */
  async function agree(expected: string[], noticed: boolean) {
    expect(await onPage()).toEqual(expected);
    await eventually(() => JSON.stringify(headings(live.doc).filter((h) => h.startsWith("§"))) === JSON.stringify(expected), `the minutes to read ${expected.join(" | ")}`);
    if (!noticed) return;
    const notice = await lastNotice();
    expect(paragraphsIn(notice.body)).toEqual(expected);
    expect(icsAgenda(notice.attachments[0].content)).toEqual(expected);
    expect(icsAgenda(await (await http.get(`/api/meetings/${meetingId}/calendar.ics`, member)).text())).toEqual(expected);
  }

  it("numbers alike while the agenda changes before the notice, keeping text under a removed item", async () => {
    live = minutesClient(app.url, meetingId, member);
    await live.synced;
    // The member writes under § 4; then the chair reshapes the agenda.
    const blocks = live.doc.getXmlFragment(FRAGMENT).toArray() as Y.XmlElement[];
    const at = blocks.findIndex((b) => b.nodeName === "heading" && b.toArray().join("").startsWith("§ 4 "));
    blocks[at + 1].insert(0, [new Y.XmlText("Protokollet från oktober lades till handlingarna.")]);
    await eventually(() => live.saved() > 0, "the text to be stored");

    // A new item lands before "Mötets avslutande", which stays last.
    expect((await post({ intent: "add", title: "Verksamhetsplan 2027", type: "decision" })).status).toBe(200);
    await op("Verksamhetsplan 2027", "up");
    await op("Nästa möte", "remove");
    await op("Föregående mötesprotokoll", "remove");
    await agree(["§ 1 Mötets öppnande", "§ 2 Val av justerare", "§ 3 Godkännande av dagordningen", "§ 4 Övriga frågor", "§ 5 Verksamhetsplan 2027", "§ 6 Mötets avslutande"], false);
    // Nothing was written under "Nästa möte": its section is gone. What was written under the other removed item stays, marked.
    expect(headings(live.doc)).not.toContain("§ 6 Nästa möte");
    expect(headings(live.doc).filter((h) => h.includes("Nästa möte"))).toEqual([]);
    expect(under(live.doc, "Struken punkt: Föregående mötesprotokoll")).toBe("Protokollet från oktober lades till handlingarna.");
    expect(headings(live.doc).indexOf("Struken punkt: Föregående mötesprotokoll")).toBe(3); // where it was, after § 3
    expect((await t.sql`select count(*)::int as n from outbox where body like ${"%" + meetingId + "%"}`)[0].n).toBe(0);
  });

  it("numbers alike in the notice, and in every update after it", async () => {
    expect((await post({ intent: "notice" })).status).toBe(200);
    await agree(["§ 1 Mötets öppnande", "§ 2 Val av justerare", "§ 3 Godkännande av dagordningen", "§ 4 Övriga frågor", "§ 5 Verksamhetsplan 2027", "§ 6 Mötets avslutande"], true);

    // A proposal is not on the agenda until accepted: no update for it.
    expect((await post({ intent: "propose", title: "Lokalfrågan" }, member)).status).toBe(200);
    expect(await onPage()).toHaveLength(6);
    expect((await lastNotice()).attachments[0].content).toContain("SEQUENCE:0");

    await op("Lokalfrågan", "accept");
    await op("Lokalfrågan", "up");
    await op("Val av justerare", "remove");
    expect((await post({ intent: "add", title: "Rapport från samverkansgruppen", type: "information" })).status).toBe(200);
    // Accepted and added items land before "Mötets avslutande".
    const expected = [
      "§ 1 Mötets öppnande",
      "§ 2 Godkännande av dagordningen",
      "§ 3 Övriga frågor",
      "§ 4 Lokalfrågan",
      "§ 5 Verksamhetsplan 2027",
      "§ 6 Rapport från samverkansgruppen",
      "§ 7 Mötets avslutande",
    ];
    await agree(expected, true);
    const notice = await lastNotice();
    expect(notice.body).toMatch(/är ändrad/);
    expect(notice.attachments[0].content).toContain("SEQUENCE:4"); // one update per change of the agenda

    // The stored document says the same once everyone has left.
    live.destroy();
    await eventually(() => app.minutesLoaded() === 0, "the minutes to unload");
    const stored = new Y.Doc();
    (await loadStored(t.db, meetingId))!.updates.forEach((u) => Y.applyUpdate(stored, u.update));
    expect(headings(stored).filter((h) => h.startsWith("§"))).toEqual(expected);
    expect(under(stored, "Struken punkt: Föregående mötesprotokoll")).toBe("Protokollet från oktober lades till handlingarna.");
    live = minutesClient(app.url, meetingId, member);
    await live.synced;
  });

  it("changes the agenda of begun minutes on a pool of one connection: nothing inside its transaction waits for another", async () => {
    const other = await newMeeting("Styrgruppen – februari", "2027-02-11");
    const [single, log] = [createDb(t.url, { max: 1 }), createDb(t.url, { max: 1 })];
    try {
      // Minutes begun and unloaded again: each change first checks they exist, then loads them.
      const registry = new DocumentRegistry(postgresMinutesStore(single.db, log.db));
      await registry.withDocument(other, async () => {});
      expect(registry.loadedCount).toBe(0);
      const [{ id }] = await t.sql<{ id: string }[]>`select id from users where email = 'stockholm.bo-vasterort@samrad.test'`;
      const actor = { id, locale: "sv" } as SessionUser;
      const add = (title: string) =>
        addAgendaItem(
          { db: single.db, minutes: registry, baseUrl: app.url },
          other,
          { title, type: "information", presenter: "", estimatedMinutes: null, links: [] },
          false,
          actor,
        );
      // Before, each held the one connection in its transaction while the sections waited for another: for ever.
      const changes = Promise.all([add("Lokalfrågan"), add("Rapport från samverkansgruppen")]);
      const waited = new Promise((resolve) => setTimeout(() => resolve("still waiting"), 5_000));
      expect(await Promise.race([changes, waited])).toMatchObject([{ ok: true }, { ok: true }]);
      expect(registry.loadedCount).toBe(0);
    } finally {
      await Promise.all([single.sql.end({ timeout: 1 }), log.sql.end({ timeout: 1 })]);
    }
    const stored = new Y.Doc();
    (await loadStored(t.db, other))!.updates.forEach((u) => Y.applyUpdate(stored, u.update));
    expect(headings(stored).filter((h) => h.startsWith("§"))).toEqual(templateAgendaWith("Lokalfrågan", "Rapport från samverkansgruppen"));
  });

  it("refuses agenda changes once the minutes are sent for approval, changing nothing", async () => {
    const [{ id: adjuster }] = await t.sql`select id from users where email = ${memberEmail}`;
    expect((await post({ intent: "forApproval", adjuster })).status).toBe(200);
    const before = {
      agenda: await t.sql`select id, position, proposed, title from agenda_items where meeting_id = ${meetingId} order by id`,
      mails: (await t.sql`select count(*)::int as n from outbox`)[0].n,
      minutes: (await t.sql`select count(*)::int as n from minutes_updates where meeting_id = ${meetingId}`)[0].n,
    };
    for (const [form, cookie] of [
      [{ intent: "add", title: "Sent inkommen punkt", type: "information" }, chair],
      [{ intent: "item", itemId: await itemId("Lokalfrågan"), op: "up" }, chair],
      [{ intent: "item", itemId: await itemId("Lokalfrågan"), op: "remove" }, chair],
      [{ intent: "propose", title: "Ett förslag för sent" }, member],
    ] as const) {
      const res = await post(form, cookie);
      expect(res.status, form.intent).toBe(409);
      expect(await shownAt(res, "refused")).toBe("Protokollet är skickat för justering, så dagordningen kan inte längre ändras.");
    }
    expect({
      agenda: await t.sql`select id, position, proposed, title from agenda_items where meeting_id = ${meetingId} order by id`,
      mails: (await t.sql`select count(*)::int as n from outbox`)[0].n,
      minutes: (await t.sql`select count(*)::int as n from minutes_updates where meeting_id = ${meetingId}`)[0].n,
    }).toEqual(before);
    const page = await (await http.get(`/meetings/${meetingId}?fas=fore`, chair)).text();
    expect(page).toContain("Protokollet är skickat för justering, så dagordningen kan inte längre ändras.");
    expect(page).not.toContain(`Flytta upp Lokalfrågan`);
  });

  // The first member to open the minutes creates them from the agenda. An agenda change at that
  // moment must reach them either way round.
  /** Opens the minutes as the member would, without waiting for them. */
  function open(meetingId: string) {
    const c = minutesClient(app.url, meetingId, member);
    others.push(c);
    return c;
  }

  const sections = (doc: Y.Doc) => headings(doc).filter((h) => h.startsWith("§"));

  const waitingForLock = async () =>
    (await t.sql`select 1 from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`).length > 0;
  const begun = async (meetingId: string) => (await t.sql`select 1 from minutes where meeting_id = ${meetingId}`).length > 0;

  it("reads the agenda for new minutes only after a change in progress has committed", async () => {
    const meetingId = await newMeeting("Styrgruppen – mars", "2027-03-11");
    const [{ id: userId }] = await t.sql<{ id: string }[]>`select id from users where email = 'stockholm.bo-vasterort@samrad.test'`;
    // A change to the agenda, its meeting locked as Samråd's own changes lock it, not yet committed.
    const change = t.sql.begin(async (tx) => {
      await tx`select id from meetings where id = ${meetingId} for no key update`;
      await tx`update agenda_items set position = position + 1 where meeting_id = ${meetingId} and title = 'Mötets avslutande'`;
      const [{ position }] = await tx<
        { position: number }[]
      >`select position - 1 as position from agenda_items where meeting_id = ${meetingId} and title = 'Mötets avslutande'`;
      await tx`insert into agenda_items (meeting_id, position, title, created_by) values (${meetingId}, ${position}, 'Lokalfrågan', ${userId})`;
      const minutes = open(meetingId);
      await eventually(waitingForLock, "the first visitor to wait for the change");
      expect(await begun(meetingId)).toBe(false);
      return minutes;
    });
    const minutes = await change;
    await minutes.synced;
    expect(sections(minutes.doc)).toEqual(templateAgendaWith("Lokalfrågan"));
  });

  it("brings minutes begun after the change looked for them along with it", async () => {
    const meetingId = await newMeeting("Styrgruppen – april", "2027-04-08");
    // Something holds the meeting so the change, having found no minutes, waits for its lock; a
    // member opens the minutes meanwhile (a share lock lets them be created), then it lets go.
    let release = () => {};
    let held = () => {};
    const isHeld = new Promise<void>((resolve) => (held = resolve));
    const holding = t.sql.begin(async (tx) => {
      await tx`select id from meetings where id = ${meetingId} for share`;
      held();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isHeld;
    const add = postMeetingForm(http, meetingId, { intent: "add", title: "Lokalfrågan", type: "information" }, chair);
    await eventually(waitingForLock, "the change to wait for the meeting");
    const minutes = open(meetingId);
    await minutes.synced;
    expect(await begun(meetingId)).toBe(true);
    release();
    await holding;
    expect((await add).status).toBe(200);
    await eventually(
      () => JSON.stringify(sections(minutes.doc)) === JSON.stringify(templateAgendaWith("Lokalfrågan")),
      "the minutes to follow the change",
    );
    const page = await (await http.get(`/meetings/${meetingId}`, member)).text();
    expect([...page.matchAll(/<span class="agenda-title">([^<]*)<\/span>/g)].map((m) => m[1])).toEqual(templateAgendaWith("Lokalfrågan"));
  });
});
