import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import type { RunningServer } from "../../app/http/server.server";
import { FRAGMENT } from "../../realtime/content";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";
import { minutesClient, type MinutesClient } from "../support/yclient";
import { postMeetingForm } from "../support/resource-forms";

/**
 * The first member to open the minutes creates them from the agenda. An agenda change at the
 * same moment must reach them either way round: the agenda read for new minutes is the one after
 * the change, and a change that finds minutes begun since it looked brings their sections along.
 */
describe("minutes begun while the agenda changes", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let chair: string;
  let member: string;
  let groupId: string;
  const clients: MinutesClient[] = [];

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-30T09:00:00Z"), shouldAdvanceTime: true });
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    chair = await http.login("stockholm.bo-vasterort@samrad.test");
    member = await http.login("stockholm.bo-gotland@samrad.test");
    [{ id: groupId }] = await t.sql<{ id: string }[]>`
      select g.id from groups g join partnerships p on p.id = g.partnership_id where p.reference_number = '2021/630' and g.kind = 'steering'`;
  });
  afterAll(async () => {
    clients.forEach((c) => c.destroy());
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

  /** Opens the minutes as the member would, without waiting for them. */
  function open(meetingId: string) {
    const c = minutesClient(app.url, meetingId, member);
    clients.push(c);
    return c;
  }

  const sections = (doc: Y.Doc) =>
    doc
      .getXmlFragment(FRAGMENT)
      .toArray()
      .filter((b): b is Y.XmlElement => b instanceof Y.XmlElement && b.nodeName === "heading")
      .map((h) => h.toArray().join(""))
      .filter((h) => h.startsWith("§"));

  async function until(check: () => Promise<boolean>, what: string) {
    for (const started = Date.now(); !(await check()); await new Promise((r) => setTimeout(r, 20))) {
      if (Date.now() - started > 5000) throw new Error(`timed out waiting for ${what}`);
    }
  }
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
      await until(waitingForLock, "the first visitor to wait for the change");
      expect(await begun(meetingId)).toBe(false);
      return minutes;
    });
    const minutes = await change;
    await minutes.synced;
    expect(sections(minutes.doc)).toEqual([
      "§ 1 Mötets öppnande",
      "§ 2 Val av justerare",
      "§ 3 Godkännande av dagordningen",
      "§ 4 Föregående mötesprotokoll",
      "§ 5 Övriga frågor",
      "§ 6 Nästa möte",
      "§ 7 Lokalfrågan",
      "§ 8 Mötets avslutande",
    ]);
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
    await until(waitingForLock, "the change to wait for the meeting");
    const minutes = open(meetingId);
    await minutes.synced;
    expect(await begun(meetingId)).toBe(true);
    release();
    await holding;
    expect((await add).status).toBe(200);
    const expected = [
      "§ 1 Mötets öppnande",
      "§ 2 Val av justerare",
      "§ 3 Godkännande av dagordningen",
      "§ 4 Föregående mötesprotokoll",
      "§ 5 Övriga frågor",
      "§ 6 Nästa möte",
      "§ 7 Lokalfrågan",
      "§ 8 Mötets avslutande",
    ];
    await until(async () => JSON.stringify(sections(minutes.doc)) === JSON.stringify(expected), "the minutes to follow the change");
    const page = await (await http.get(`/meetings/${meetingId}`, member)).text();
    expect([...page.matchAll(/<span class="agenda-title">([^<]*)<\/span>/g)].map((m) => m[1])).toEqual(expected);
  });
});
