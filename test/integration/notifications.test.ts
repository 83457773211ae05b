import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { notify, sendDigests } from "../../app/services/notify.server";
import { runReminders } from "../../app/services/reminders.server";
import { doneShown, shownAt } from "../support/answers";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";

const BASE = "https://samrad.example";

/** The demo data seeded on 2026-11-30; each reminder is asked for on the day its stage begins. */
describe("notifications: one per event and person, mailed per preference, reminders once", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  const id: Record<string, string> = {};
  const cookie: Record<string, string> = {};
  const SARA = "linkoping.jouren@samrad.test";
  const JOHAN = "linkoping.kommun@samrad.test";
  const ADMIN = "admin@samrad.test";
  const KARIN = "osteraker.kommun@samrad.test";
  const MARIA = "osteraker.kvinnojouren@samrad.test";

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-30T09:00:00Z"), shouldAdvanceTime: true });
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    for (const u of await t.sql<{ id: string; email: string }[]>`select id, email from users`) id[u.email] = u.id;
    for (const email of [SARA, JOHAN, ADMIN]) cookie[email] = await http.login(email);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
    vi.useRealTimers();
  });

  const mailTo = async (email: string) =>
    (await t.sql<{ subject: string; body: string }[]>`select subject, body from outbox where "to" = ${email} order by id`).map((m) => m.subject);
  const minutesFinal = (eventKey: string) =>
    notify(t.db, { kind: "minutes.final", userIds: [id[SARA], id[JOHAN], id[ADMIN]], params: { meeting: "Samverkansmöte" }, link: "/meetings/x/minutes", eventKey }, BASE);

  it("keeps each user's choice per kind, refusing a mode that is not one, and leaves duties always on", async () => {
    const bad = await http.post("/settings/notifications", { "minutes.final": "sometimes" }, { cookie: cookie[SARA] });
    expect(bad.status).toBe(400);
    expect(await shownAt(bad, "minutes.final")).toBe("Välj direkt, sammanfattning eller av.");
    expect(await doneShown(await http.post("/settings/notifications", { "minutes.final": "digest", "plan.due": "off" }, { cookie: cookie[SARA] }))).toBe("Dina val är sparade.");
    await http.post("/settings/notifications", { "minutes.final": "off" }, { cookie: cookie[JOHAN] });
    const prefs = await t.sql`select u.email, p.kind, p.mode::text from notification_preferences p join users u on u.id = p.user_id order by u.email`;
    expect(prefs).toEqual([
      { email: SARA, kind: "minutes.final", mode: "digest" },
      { email: JOHAN, kind: "minutes.final", mode: "off" },
    ]);
  });

  it("mails at once only those who want it, and tells no one twice of the same event", async () => {
    expect(await minutesFinal("minutes-final:m1")).toBe(3);
    expect(await minutesFinal("minutes-final:m1")).toBe(0);
    expect(await mailTo(ADMIN)).toEqual(["Protokollet från Samverkansmöte är justerat och klart."]);
    expect(await mailTo(SARA)).toEqual([]);
    expect(await mailTo(JOHAN)).toEqual([]);
    const [mail] = await t.sql<{ body: string }[]>`select body from outbox where "to" = ${ADMIN}`;
    expect(mail.body).toContain(`${BASE}/meetings/x/minutes`);
    expect(mail.body).toContain(`${BASE}/settings#notifications`);
  });

  it("sends the digest once, with everything owed, only to who chose it", async () => {
    await minutesFinal("minutes-final:m2");
    expect(await sendDigests(t.db, BASE)).toBe(1);
    expect(await sendDigests(t.db, BASE)).toBe(0);
    expect(await mailTo(SARA)).toEqual(["Samråd: 2 nya meddelanden"]);
    const [digest] = await t.sql<{ body: string }[]>`select body from outbox where "to" = ${SARA}`;
    expect(digest.body.match(/Protokollet från Samverkansmöte är justerat och klart\./g)).toHaveLength(2);
    expect(await mailTo(JOHAN)).toEqual([]);
  });

  it("lists them under Att göra with the unread count in the header, and marks only the user's own read", async () => {
    const page = await (await http.get("/todo", cookie[SARA])).text();
    expect(page).toContain("Att göra (2 olästa)");
    expect(page).toContain("Protokollet från Samverkansmöte är justerat och klart.");
    const [admins] = await t.sql<{ id: number }[]>`select id from notifications where user_id = ${id[ADMIN]} limit 1`;
    await http.post("/todo/read", { id: String(admins.id) }, { cookie: cookie[SARA] });
    expect((await t.sql`select read_at from notifications where id = ${admins.id}`)[0].read_at).toBeNull();
    expect((await http.post("/todo/read", { id: "1e400" }, { cookie: cookie[SARA] })).status).toBe(400);
    expect(await doneShown(await http.post("/todo/read", { all: "1" }, { cookie: cookie[SARA] }))).toBe("Markerat som läst.");
    expect(await (await http.get("/todo", cookie[SARA])).text()).not.toContain("olästa)");
  });

  it("reminds of an action plan 14 days ahead, on the day and when late, each once however often it runs", async () => {
    const [{ id: caseId }] = await t.sql<{ id: string }[]>`
      insert into cases (partnership_id, kind, stage, title, description, raised_by_party, concerns_party, plan_due_on, created_by)
      select p.id, 'shortcoming', 'planRequired', 'Jourtelefonen', 'Obemannad kvällstid.', pub.id, idea.id, '2026-12-20', ${id[JOHAN]}
      from partnerships p join parties pub on pub.partnership_id = p.id and pub.sector = 'public' join parties idea on idea.partnership_id = p.id and idea.sector = 'idea'
      where p.name like '%Linköping%' returning id`;
    const planMails = async () => (await mailTo(SARA)).filter((s) => s.startsWith("Åtgärdsplanen"));
    await runReminders(t.db, BASE, new Date("2026-12-05T08:00:00Z"));
    expect(await planMails()).toEqual([]);
    for (const day of ["2026-12-06", "2026-12-06", "2026-12-10", "2026-12-20", "2026-12-21", "2026-12-28"]) await runReminders(t.db, BASE, new Date(`${day}T08:00:00Z`));
    // Sara chose no e-mail for plans, but a duty with a deadline is always sent.
    expect(await planMails()).toEqual([
      "Åtgärdsplanen i ärendet Jourtelefonen ska lämnas senast 2026-12-20 – om högst 14 dagar.",
      "Åtgärdsplanen i ärendet Jourtelefonen ska lämnas senast 2026-12-20 – i dag.",
      "Åtgärdsplanen i ärendet Jourtelefonen ska lämnas senast 2026-12-20 – försenad.",
    ]);
    const [n] = await t.sql<{ link: string; due_on: string }[]>`select link, due_on::text from notifications where kind = 'plan.due' limit 1`;
    expect(n).toEqual({ link: `/cases/${caseId}`, due_on: "2026-12-20" });
  });

  it("reminds of Österåker's dated yearly report, its follow-up, and Stockholm's notice deadline; never of an undated report", async () => {
    await runReminders(t.db, BASE, new Date("2026-12-05T08:00:00Z"));
    // 000 §9: the 2025 report was due 2026-01-31 and is late; the follow-up is due 2026-12-31.
    expect((await mailTo(MARIA)).filter((s) => s.startsWith("Årsrapporten"))).toEqual(["Årsrapporten 2025 för Kvinnojouren i Österåker ska lämnas senast 2026-01-31 – försenad."]);
    expect((await mailTo(KARIN)).filter((s) => s.startsWith("Verksamhetsuppföljning"))).toEqual([
      "Verksamhetsuppföljning (IOP Österåkers kommun – Kvinnojouren i Österåker) ska vara klar senast 2026-12-31 – om högst 30 dagar.",
    ]);
    // Linköping (002) and Stockholm (004) set no date: nothing about their reports.
    expect((await mailTo(SARA)).filter((s) => s.startsWith("Årsrapporten"))).toEqual([]);
    // 004 §5.1: notice by 30 September 2026 stops the last renewal (to 2027); 60 days ahead the coordinator hears.
    await runReminders(t.db, BASE, new Date("2026-08-01T08:00:00Z"));
    expect((await mailTo(ADMIN)).filter((s) => s.startsWith("Sista dag att säga upp IOP Socialförvaltningen"))).toEqual([
      "Sista dag att säga upp IOP Socialförvaltningen Stockholm – Brottsofferjourerna är 2026-09-30 – om högst 60 dagar.",
    ]);
  });

  it("reminds of a report 30 days before it is due and of a follow-up once late; the notice deadline 14 days ahead, to the public party too", async () => {
    const SF = "stockholm.socialforvaltningen@samrad.test";
    const SODRA = "stockholm.bo-sodra@samrad.test";
    await runReminders(t.db, BASE, new Date("2027-01-05T08:00:00Z"));
    // Österåker's 2026 report is due 2027-01-31; its follow-up was due 2026-12-31.
    expect((await mailTo(MARIA)).filter((s) => s.startsWith("Årsrapporten 2026"))).toEqual([
      "Årsrapporten 2026 för Kvinnojouren i Österåker ska lämnas senast 2027-01-31 – om högst 30 dagar.",
    ]);
    expect((await mailTo(KARIN)).filter((s) => s.startsWith("Verksamhetsuppföljning"))).toEqual([
      "Verksamhetsuppföljning (IOP Österåkers kommun – Kvinnojouren i Österåker) ska vara klar senast 2026-12-31 – om högst 30 dagar.",
      "Verksamhetsuppföljning (IOP Österåkers kommun – Kvinnojouren i Österåker) ska vara klar senast 2026-12-31 – försenad.",
    ]);
    // 004 §5.1: the coordinator and the public party's representatives hear of the notice deadline 60 and 14 days ahead; an idea-based party does not.
    await runReminders(t.db, BASE, new Date("2026-09-16T08:00:00Z"));
    await runReminders(t.db, BASE, new Date("2026-09-20T08:00:00Z"));
    const noticeMails = async (email: string) => (await mailTo(email)).filter((s) => s.startsWith("Sista dag att säga upp IOP Socialförvaltningen"));
    for (const email of [ADMIN, SF]) {
      expect(await noticeMails(email)).toEqual([
        "Sista dag att säga upp IOP Socialförvaltningen Stockholm – Brottsofferjourerna är 2026-09-30 – om högst 60 dagar.",
        "Sista dag att säga upp IOP Socialförvaltningen Stockholm – Brottsofferjourerna är 2026-09-30 – om högst 14 dagar.",
      ]);
    }
    expect(await noticeMails(SODRA)).toEqual([]);
  });

  it("reminds members who have not answered a notice two days before the meeting", async () => {
    const [m] = await t.sql<{ id: string; starts_at: string; group_id: string }[]>`
      select m.id, m.starts_at, m.group_id from meetings m join groups g on g.id = m.group_id join partnerships p on p.id = g.partnership_id
      where p.name like '%Linköping%' and m.status = 'noticed' and m.starts_at > now() order by m.starts_at limit 1`;
    // Earlier runs in this file passed this meeting's window already: start afresh, with Johan having answered.
    await t.sql`delete from notifications where kind = 'meeting.reminder'`;
    await t.sql`insert into attendance (meeting_id, user_id, rsvp) values (${m.id}, ${id[JOHAN]}, 'attending')`;
    await runReminders(t.db, BASE, new Date(Date.parse(m.starts_at) - 49 * 3600_000));
    await runReminders(t.db, BASE, new Date(Date.parse(m.starts_at) - 47 * 3600_000));
    await runReminders(t.db, BASE, new Date(Date.parse(m.starts_at) - 2 * 3600_000));
    const reminded = await t.sql<{ email: string }[]>`select u.email from notifications n join users u on u.id = n.user_id where n.kind = 'meeting.reminder' and n.link = ${`/meetings/${m.id}`} order by u.email`;
    expect(reminded.map((r) => r.email)).toEqual([SARA]);
  });
});
