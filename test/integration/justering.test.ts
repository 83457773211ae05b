import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import * as Y from "yjs";
import { FRAGMENT } from "../../realtime/content";
import { contentHash } from "../../realtime/versions";
import { stockholmSteeringMeetings } from "../support/demo";
import { freshDatabase, type TestDatabase } from "../support/db";
import { toldOf } from "../support/notifications";
import { client, startTestServer } from "../support/server";
import { eventually, minutesClient, typeInto, type MinutesClient } from "../support/yclient";
import { postMeetingForm } from "../support/resource-forms";

// Stockholm's steering group, on a day when Brottsofferjouren Västerort holds the chair in the demo rotation.
describe("justering: approval locks the minutes", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let meetingId: string;
  let ids: Record<string, string>;
  let cookies: Record<string, string>;
  const clients: MinutesClient[] = [];
  const connect = (who: string) => {
    const c = minutesClient(app.url, meetingId, cookies[who]);
    clients.push(c);
    return c;
  };
  const post = (who: string, form: Record<string, string | string[]>) => postMeetingForm(http, meetingId, form, cookies[who]);
  const updateCount = async () => (await t.sql`select count(*)::int as n from minutes_updates where meeting_id = ${meetingId}`)[0].n as number;

  beforeAll(async () => {
    // The demo rotation gives Brottsofferjouren Västerort the chair from 2026-10-01 to 2027-03-31.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-30T09:00:00Z"), shouldAdvanceTime: true });
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    meetingId = (await stockholmSteeringMeetings(t.sql))[0];
    const emails = { chair: "stockholm.bo-vasterort@samrad.test", adjuster: "stockholm.bo-gotland@samrad.test", member: "stockholm.bo-sodra@samrad.test", outsider: "boras.jouren@samrad.test" };
    ids = {};
    cookies = {};
    for (const [role, email] of Object.entries(emails)) {
      ids[role] = (await t.sql`select id from users where email = ${email}`)[0].id;
      cookies[role] = await http.login(email);
    }
  });
  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await app.close();
    await t.drop();
    vi.useRealTimers();
  });

  it("only the chair sends for approval; then only the chair and adjusters can write", async () => {
    const [chair, adjuster, member] = [connect("chair"), connect("adjuster"), connect("member")];
    await Promise.all(clients.map((c) => c.synced));
    typeInto(member, "Utkast från Ingrid. ");
    await eventually(() => chair.text().includes("Utkast från Ingrid"), "the draft edit");

    expect((await post("member", { intent: "forApproval", adjuster: ids.adjuster })).status).toBe(403);
    expect((await post("chair", { intent: "forApproval" })).status).toBe(400);
    expect((await post("chair", { intent: "forApproval", adjuster: ids.outsider })).status).toBe(400);
    expect((await post("chair", { intent: "forApproval", adjuster: ids.adjuster })).status).toBe(200);
    // The adjuster is told the minutes await their approval (the chair sent them); a duty, so mailed at once.
    expect(await toldOf(t.sql, "minutes.forApproval", `/meetings/${meetingId}`)).toEqual(["stockholm.bo-gotland@samrad.test"]);
    const [mail] = await t.sql`select subject from outbox where "to" = 'stockholm.bo-gotland@samrad.test' and body like ${`%/meetings/${meetingId}\n%`}`;
    expect(mail.subject).toMatch(/väntar på din justering\.$/);

    const before = await updateCount();
    typeInto(member, "Sent tillägg från Ingrid.");
    typeInto(adjuster, "Justerarens rättelse. ");
    await eventually(() => chair.text().includes("Justerarens rättelse"), "the adjuster's edit");
    await eventually(() => member.denied() > 0, "the server to refuse the member's late edit");
    expect(chair.text()).not.toContain("Sent tillägg från Ingrid.");
    expect(await updateCount()).toBe(before + 1);
  });

  it("blocks approval while the text holds a personnummer, until the chair confirms with a reason", async () => {
    const adjuster = clients[1];
    typeInto(adjuster, "Ärendet gäller 811218-9876. ");
    await eventually(() => clients[0].text().includes("811218-9876"), "the number to reach the chair");
    const blocked = await post("adjuster", { intent: "approve" });
    expect(blocked.status).toBe(409);
    expect(await blocked.text()).toContain("811218-9876");
    expect((await t.sql`select count(*)::int as n from minutes_approvals`)[0].n).toBe(0);
    expect((await post("member", { intent: "approve" })).status).toBe(403);

    expect((await post("chair", { intent: "approve", reason: "Numret är ett diarienummer hos polisen, inte en person." })).status).toBe(200);
    const [audit] = await t.sql`select details from audit_log where action = 'minutes.personnummer.confirm'`;
    expect(audit.details).toMatchObject({ reason: "Numret är ett diarienummer hos polisen, inte en person.", count: 1 });
  });

  it("voids an approval when a link's target changes afterwards, though the words stay the same", async () => {
    const [chair, adjuster] = clients;
    const text = (adjuster.doc.getXmlFragment(FRAGMENT).toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === "paragraph") as Y.XmlElement).get(0) as Y.XmlText;
    const at = text.length;
    text.insert(at, "Underlag", { link: { href: "https://intranat.stockholm.se/underlag" } });
    await eventually(() => chair.doc.getXmlFragment(FRAGMENT).toString().includes("intranat.stockholm.se/underlag"), "the link to reach the chair");
    expect((await post("chair", { intent: "approve" })).status).toBe(200);

    text.format(at, "Underlag".length, { link: { href: "https://annan.example/underlag" } });
    await eventually(() => chair.doc.getXmlFragment(FRAGMENT).toString().includes("annan.example"), "the changed link to reach the chair");
    expect((await post("adjuster", { intent: "approve" })).status).toBe(200);
    // Both have approved, but not the same content: the chair's approval was of the old link.
    expect((await t.sql`select status from minutes where meeting_id = ${meetingId}`)[0].status).toBe("for_approval");
    const hashes = await t.sql<{ h: string }[]>`select distinct text_sha256 as h from minutes_approvals where meeting_id = ${meetingId}`;
    expect(hashes).toHaveLength(2);
  });

  it("finalizes when chair and adjuster approved the same text, stores an immutable version, and drops every later update", async () => {
    // The chair approved above; the adjuster edits, which voids the chair's approval of the old text.
    typeInto(clients[1], "Sista rättelse. ");
    await eventually(() => clients[0].text().includes("Sista rättelse"), "the last edit");
    expect((await post("adjuster", { intent: "approve" })).status).toBe(200);
    expect((await t.sql`select status from minutes where meeting_id = ${meetingId}`)[0].status).toBe("for_approval");
    expect((await post("chair", { intent: "approve" })).status).toBe(200);

    const [final] = await t.sql`select text, text_sha256, html, state, approvals from minutes_versions where meeting_id = ${meetingId} and kind = 'final'`;
    expect((await t.sql`select status from minutes where meeting_id = ${meetingId}`)[0].status).toBe("final");
    const approved = new Y.Doc();
    Y.applyUpdate(approved, final.state);
    expect(final.text_sha256).toBe(contentHash(approved));
    expect(final.text).toContain("Sista rättelse.");
    expect(final.approvals.map((a: { role: string }) => a.role).sort()).toEqual(["adjuster", "chair"]);
    // Every member of the group is told the minutes are final, with the link to the printable minutes.
    const members = await t.sql<{ email: string }[]>`
      select u.email from group_members gm join users u on u.id = gm.user_id where gm.group_id = (select group_id from meetings where id = ${meetingId}) order by u.email`;
    expect(members.map((m) => m.email)).toEqual(expect.arrayContaining(["stockholm.bo-gotland@samrad.test", "stockholm.bo-sodra@samrad.test", "stockholm.bo-vasterort@samrad.test"]));
    expect(await toldOf(t.sql, "minutes.final", `/meetings/${meetingId}/minutes`)).toEqual(members.map((m) => m.email));

    const before = await updateCount();
    const deniedBefore = clients.map((c) => c.denied());
    for (const c of clients) typeInto(c, "Efter justering. ");
    await eventually(() => clients.every((c, i) => c.denied() > deniedBefore[i]), "the server to refuse every edit after approval");
    expect(await updateCount()).toBe(before);
    const fresh = connect("member");
    await fresh.synced;
    expect(fresh.text()).not.toContain("Efter justering.");

    await expect(t.sql`update minutes set status = 'draft' where meeting_id = ${meetingId}`).rejects.toThrow(/cannot be reopened/);
    await expect(t.sql`update minutes_versions set text = 'ändrad' where meeting_id = ${meetingId}`).rejects.toThrow(/immutable/);
  });

  it("takes corrections as notes approved by the same people, never as edits", async () => {
    expect((await post("member", { intent: "correction", text: "Fel datum." })).status).toBe(403);
    expect((await post("chair", { intent: "correction", text: "" })).status).toBe(400);
    expect((await post("chair", { intent: "correction", text: "Under § 1 ska det stå 13.05, inte 13.00." })).status).toBe(200);
    const [c] = await t.sql`select id, approved_at from minutes_corrections where meeting_id = ${meetingId}`;
    expect(c.approved_at).toBeNull();
    expect((await post("member", { intent: "approveCorrection", correctionId: String(c.id) })).status).toBe(403);
    expect((await post("adjuster", { intent: "approveCorrection", correctionId: String(c.id) })).status).toBe(200);
    const [after] = await t.sql`select approved_at from minutes_corrections where id = ${c.id}`;
    expect(after.approved_at).not.toBeNull();
    const [{ n }] = await t.sql`select count(*)::int as n from minutes_versions where meeting_id = ${meetingId} and kind = 'final'`;
    expect(n).toBe(1);
  });

  it("serves the printable page and downloads to members only", async () => {
    const page = await http.get(`/meetings/${meetingId}/minutes`, cookies.member);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Justering");
    expect(html).toContain("Olof Persson");
    expect(html).toContain("Ahmed Karimi");
    expect(html).toContain("Under § 1 ska det stå 13.05, inte 13.00.");
    // The header names the partnership, its diarienummer and the end time; no one is named secretary, as none is recorded.
    const text = html.replaceAll("<!-- -->", "");
    expect(text).toContain("<dt>Partnerskap</dt><dd>IOP Socialförvaltningen Stockholm – Brottsofferjourerna</dd>");
    expect(text).toContain("<dt>Diarienummer</dt><dd>2021/630</dd>");
    expect(text).toContain("<dt>Mötet avslutades</dt>");
    expect(text).not.toContain("Sekreterare");
    const md = await http.get(`/meetings/${meetingId}/minutes.md`, cookies.member);
    expect(md.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(await md.text()).toContain("## § 1 Mötets öppnande");
    expect((await http.get(`/meetings/${meetingId}/minutes`, cookies.outsider)).status).toBe(404);
    expect((await http.get(`/meetings/${meetingId}/minutes.html`, cookies.outsider)).status).toBe(404);
  });
});
