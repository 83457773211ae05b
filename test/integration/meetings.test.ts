import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { stockholmDate } from "../../app/domain/stockholm-date";
import { freshDatabase, type TestDatabase } from "../support/db";
import { TEMPLATE_AGENDA } from "../support/agenda";
import { client, startTestServer } from "../support/server";
import { postMeetingForm } from "../support/resource-forms";

/** The Stockholm steering group, with the chair rotation pinned so that Södra Stockholm holds it today. */
describe("meetings from notice to attendance", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let groupId: string;
  let chair: string; // Brottsofferjouren Södra Stockholm's representative
  let member: string; // Brottsofferjouren Västerort's representative
  let outsider: string; // Borås
  const form = { title: "Styrgruppen – december", kind: "ordinary", date: "2027-01-14", startTime: "13:00", endTime: "15:00", location: "Ragnar Östbergs plan 1" };

  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    [{ id: groupId }] = await t.sql<{ id: string }[]>`
      select g.id from groups g join partnerships p on p.id = g.partnership_id where p.reference_number = '2021/630' and g.kind = 'steering'`;
    const [{ id: sodra }] = await t.sql<{ id: string }[]>`
      select p.id from parties p join organisations o on o.id = p.organisation_id join groups g on g.partnership_id = p.partnership_id
      where g.id = ${groupId} and o.org_number = '802476-1044'`;
    // One-month terms starting today with Södra first: Södra holds the chair now.
    await t.sql`update groups set rotation_order = array_prepend(${sodra}::uuid, array_remove(rotation_order, ${sodra}::uuid)),
      rotation_starts_on = ${stockholmDate(new Date())}, rotation_unit = 'months', rotation_length = 1 where id = ${groupId}`;
    chair = await http.login("stockholm.bo-sodra@samrad.test");
    member = await http.login("stockholm.bo-vasterort@samrad.test");
    outsider = await http.login("boras.jouren@samrad.test");
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const newMeeting = async (overrides: Record<string, string> = {}) => {
    const res = await http.post(`/groups/${groupId}/meetings/new`, { ...form, ...overrides }, { cookie: chair });
    expect(res.status).toBe(302);
    return res.headers.get("location")!.split("/").pop()!;
  };
  const mails = (meetingId: string) => t.sql<{ to: string; subject: string; body: string; attachments: { content: string }[] }[]>`
    select "to", subject, body, attachments from outbox where body like ${"%" + meetingId + "%"} order by id`;

  it("lets only the chair's party and coordinators convene", async () => {
    expect((await http.get(`/groups/${groupId}/meetings/new`, member)).status).toBe(403);
    expect((await http.get(`/groups/${groupId}/meetings/new`, outsider)).status).toBe(404);
    const before = (await t.sql`select count(*)::int as n from meetings`)[0].n;
    expect((await http.post(`/groups/${groupId}/meetings/new`, form, { cookie: member })).status).toBe(403);
    expect((await t.sql`select count(*)::int as n from meetings`)[0].n).toBe(before);
  });

  it.each([
    [{ kind: "extra" }, "Ange skälet till det extra mötet."],
    [{ endTime: "12:00" }, "Sluttiden måste vara efter starttiden."],
    [{ date: "2027-02-30" }, "Ange ett datum (ÅÅÅÅ-MM-DD)."],
    [{ videoUrl: "javascript:alert(1)" }, "Ange en fullständig webbadress som börjar med https://."],
  ])("refuses %j", async (change, message) => {
    const res = await http.post(`/groups/${groupId}/meetings/new`, { ...form, ...change }, { cookie: chair });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message);
  });

  it("stores times in Stockholm time, prefills the agenda, notices every member with a valid .ics and bumps SEQUENCE on change", async () => {
    const id = await newMeeting();
    const [m] = await t.sql`select starts_at, status, sequence from meetings where id = ${id}`;
    expect(new Date(m.starts_at).toISOString()).toBe("2027-01-14T12:00:00.000Z"); // 13:00 CET
    const agenda = await t.sql`select title from agenda_items where meeting_id = ${id} order by position`;
    expect(agenda.map((a) => a.title)).toEqual(TEMPLATE_AGENDA);

    // A member proposes, the chair adds; only the chair's item is on the agenda at once.
    expect((await postMeetingForm(http, id, { intent: "propose", title: "Gemensam utbildningsdag" }, member)).status).toBe(200);
    expect((await postMeetingForm(http, id, { intent: "add", title: "Verksamhetsplan 2027", type: "decision" }, chair)).status).toBe(200);
    expect((await postMeetingForm(http, id, { intent: "add", title: "Smyger in" }, member)).status).toBe(403);

    expect((await postMeetingForm(http, id, { intent: "notice" }, member)).status).toBe(403);
    expect((await postMeetingForm(http, id, { intent: "notice" }, chair)).status).toBe(200);
    const notices = await mails(id);
    expect(notices).toHaveLength(4); // every member of the steering group
    expect(notices[0].subject).toMatch(/^Kallelse: Styrgruppen – december/);
    expect(notices[0].body).toContain("Verksamhetsplan 2027");
    expect(notices[0].body).not.toContain("Gemensam utbildningsdag");
    const ics = notices[0].attachments[0].content;
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics).toContain(`UID:${id}@samrad`);
    expect(ics).toContain("SEQUENCE:0");
    expect(ics).toContain("DTSTART:20270114T120000Z");

    // Moving the meeting after the notice sends an update with a higher SEQUENCE and the same UID.
    expect((await http.post(`/meetings/${id}/edit`, { ...form, startTime: "14:00", endTime: "16:00" }, { cookie: chair })).status).toBe(302);
    const updates = (await mails(id)).slice(4);
    expect(updates).toHaveLength(4);
    expect(updates[0].subject).toMatch(/^Ändrad kallelse/);
    expect(updates[0].attachments[0].content).toContain("SEQUENCE:1");
    expect(updates[0].attachments[0].content).toContain(`UID:${id}@samrad`);
    expect(updates[0].attachments[0].content).toContain("DTSTART:20270114T130000Z");

    // The member downloads the same invitation from the meeting page; an outsider cannot.
    const download = await http.get(`/meetings/${id}/calendar.ics`, member);
    expect(download.headers.get("content-type")).toMatch(/^text\/calendar/);
    expect(await download.text()).toContain("SEQUENCE:1");
    expect((await http.get(`/meetings/${id}/calendar.ics`, outsider)).status).toBe(404);
    expect((await http.get(`/meetings/${id}`, outsider)).status).toBe(404);

    // Cancelling sends METHOD:CANCEL.
    expect((await postMeetingForm(http, id, { intent: "cancel", reason: "" }, chair)).status).toBe(400);
    expect((await postMeetingForm(http, id, { intent: "cancel", reason: "Lokalen är inte tillgänglig" }, chair)).status).toBe(302);
    const cancels = (await mails(id)).slice(8);
    expect(cancels[0].subject).toMatch(/^Inställt/);
    expect(cancels[0].attachments[0].content).toContain("METHOD:CANCEL");
    expect(cancels[0].attachments[0].content).toContain("SEQUENCE:2");
  });

  it("records answers and presence, and shows which parties are represented with mandate", async () => {
    const id = await newMeeting({ title: "Styrgruppen – februari", date: "2027-02-11" });
    expect((await http.post(`/meetings/${id}/rsvp`, { rsvp: "attending" }, { cookie: member })).status).toBe(200);
    expect((await http.post(`/meetings/${id}/rsvp`, { rsvp: "attending" }, { cookie: outsider })).status).toBe(404);
    const [{ rsvp }] = await t.sql`select a.rsvp from attendance a join users u on u.id = a.user_id where u.email = 'stockholm.bo-vasterort@samrad.test' and a.meeting_id = ${id}`;
    expect(rsvp).toBe("attending");

    const people = await t.sql<{ id: string; email: string }[]>`select u.id, u.email from users u join group_members gm on gm.user_id = u.id where gm.group_id = ${groupId}`;
    const present = people.filter((p) => p.email !== "stockholm.bo-gotland@samrad.test").map((p) => p.id);
    expect((await postMeetingForm(http, id, { intent: "presence", present }, member)).status).toBe(403);
    expect((await postMeetingForm(http, id, { intent: "presence", present }, chair)).status).toBe(200);
    const page = await (await http.get(`/meetings/${id}`, member)).text();
    expect(page).toMatch(/Saknas<!-- -->: <!-- -->Brottsofferjouren Stockholm-Gotland/);
  });

  it("lists the user's meetings and serves a private calendar feed of them", async () => {
    const list = await (await http.get("/meetings", member)).text();
    expect(list).toContain("Styrgruppen – februari");
    expect(await (await http.get("/meetings", outsider)).text()).not.toContain("Styrgruppen – februari");
    const month = await (await http.get("/meetings?view=month&month=2027-02", member)).text();
    expect(month).toContain("februari 2027");
    expect(month).toContain("Styrgruppen – februari");
    expect(await (await http.get("/meetings?view=month&month=2027-03", member)).text()).toContain("Inga möten den här månaden.");
    const settings = await (await http.get("/settings", member)).text();
    const feed = settings.match(/\/calendar\/[a-z2-7]{32}\.ics/)![0];
    const ics = await (await fetch(app.url + feed)).text();
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).not.toContain("METHOD:");
    expect((await fetch(app.url + "/calendar/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics")).status).toBe(404);
  });

  it("shows where each listed meeting stands: held once it has ended, then its minutes' stage", async () => {
    const [{ created_by }] = await t.sql`select created_by from meetings where group_id = ${groupId} limit 1`;
    const add = async (title: string, from: string, to: string) =>
      (
        await t.sql<{ id: string }[]>`insert into meetings (group_id, title, starts_at, ends_at, status, noticed_at, created_by)
          values (${groupId}, ${title}, now() + ${from}::interval, now() + ${to}::interval, 'noticed', now(), ${created_by}) returning id`
      )[0].id;
    await add("Styrgruppen – avslutat", "-50 hours", "-48 hours");
    const sent = await add("Styrgruppen – skickat", "-74 hours", "-72 hours");
    await t.sql`insert into minutes (meeting_id, status) values (${sent}, 'for_approval')`;
    await add("Styrgruppen – i morgon", "24 hours", "26 hours");
    // The text of the list item (or paragraph) that names the meeting.
    const entry = (html: string, title: string) =>
      html.match(new RegExp(`<(li|p)\\b(?:(?!</\\1>).)*${title}(?:(?!</\\1>).)*</\\1>`, "s"))?.[0].replace(/<[^>]+>/g, "") ?? "";

    for (const page of [await (await http.get("/meetings?view=past", member)).text(), await (await http.get(`/groups/${groupId}`, member)).text()]) {
      expect(entry(page, "Styrgruppen – avslutat")).toContain("Genomfört");
      expect(entry(page, "Styrgruppen – skickat")).toContain("Protokoll för justering");
      expect(page).not.toContain("Kallelse skickad");
    }
    const [{ partnership_id }] = await t.sql`select partnership_id from groups where id = ${groupId}`;
    for (const path of ["/meetings", `/groups/${groupId}`, "/", `/partnerships/${partnership_id}`]) {
      expect(entry(await (await http.get(path, member)).text(), "Styrgruppen – i morgon"), path).toContain("Kallat");
    }
  });

  it("answers the meetings API for members only", async () => {
    const body = await (await http.get(`/api/meetings?groupId=${groupId}`, member)).json();
    expect(body.find((m: { title: string }) => m.title === "Styrgruppen – december")).toMatchObject({ kind: "ordinary", status: "cancelled" });
    expect((await http.get(`/api/meetings?groupId=${groupId}`, outsider)).status).toBe(404);
    expect((await http.get(`/api/meetings`, member)).status).toBe(400);
  });
});
