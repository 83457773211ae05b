import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { MAX_DOCUMENT_BYTES } from "../../app/domain/document-type";
import { mailHtml } from "../../app/domain/mail";
import { stockholmDate } from "../../app/domain/stockholm-date";
import { translator } from "../../app/i18n";
import type { ActionData } from "../../app/services/result";
import { EXE, FILES, PDF } from "../support/document-files";
import { freshDatabase, type TestDatabase } from "../support/db";
import { stockholmSteeringChairedBy } from "../support/demo";
import { postMeetingForm } from "../support/resource-forms";
import { client, startTestServer } from "../support/server";

const sv = translator("sv");

/** Documents on the Stockholm steering group's meeting, with Södra Stockholm holding the chair today. */
describe("meeting documents", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let groupId: string;
  let meetingId: string;
  // Session cookies: Södra Stockholm's representative (the chair), Västerort's, and someone from Borås.
  let [chair, member, outsider] = ["", "", ""];
  let itemId: string; // § 8 Budget 2027
  const form = { title: "Styrgruppen – handlingar", kind: "ordinary", date: "2027-03-11", startTime: "13:00", endTime: "15:00", location: "Stadshuset" };

  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    groupId = await stockholmSteeringChairedBy(t.sql, stockholmDate(new Date()));
    chair = await http.login("stockholm.bo-sodra@samrad.test");
    member = await http.login("stockholm.bo-vasterort@samrad.test");
    outsider = await http.login("boras.jouren@samrad.test");
    meetingId = await newMeeting();
    expect((await postMeetingForm(http, meetingId, { intent: "add", title: "Budget 2027", type: "decision" }, chair)).status).toBe(200);
    [{ id: itemId }] = await t.sql<{ id: string }[]>`select id from agenda_items where meeting_id = ${meetingId} and title = 'Budget 2027'`;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  async function newMeeting(overrides: Record<string, string> = {}) {
    const res = await http.post(`/groups/${groupId}/meetings/new`, { ...form, ...overrides }, { cookie: chair });
    expect(res.status).toBe(302);
    return res.headers.get("location")!.split("/").pop()!;
  }

  /** Posts the upload form as a browser does (multipart, same origin). */
  function upload(cookie: string, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array }, meeting = meetingId) {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    if (file) body.append("file", new Blob([Buffer.from(file.bytes)], { type: "application/pdf" }), file.name);
    return fetch(`${app.url}/meetings/${meeting}/documents`, { method: "POST", redirect: "manual", headers: { cookie, origin: app.url }, body });
  }
  const attach = (cookie: string, file: { name: string; bytes: Uint8Array }, title = "") => upload(cookie, { intent: "upload", agendaItemId: itemId, title }, file);
  const answerOf = async (res: Response) => (await res.json()) as ActionData;
  const counts = async () =>
    (
      await t.sql<{ rows: number; objects: number }[]>`
    select (select count(*)::int from meeting_documents) as rows, (select count(*)::int from pg_largeobject_metadata) as objects`
    )[0];

  it("lets only who may change the agenda attach a document, and no one outside the group learn of the meeting", async () => {
    const before = await counts();
    expect((await attach(member, { name: "budget.pdf", bytes: PDF })).status).toBe(403);
    expect((await attach(outsider, { name: "budget.pdf", bytes: PDF })).status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  // [label, file, message key]: nothing is stored for any of them.
  it.each<[string, { name: string; bytes: Uint8Array } | undefined, string]>([
    ["a program renamed .pdf", { name: "budget.pdf", bytes: EXE }, "document.unsupportedType"],
    ["text renamed .docx", { name: "budget.docx", bytes: Buffer.from("bara text") }, "document.unsupportedType"],
    ["an empty file", { name: "tom.pdf", bytes: new Uint8Array(0) }, "document.empty"],
    ["no file at all", { name: "", bytes: new Uint8Array(0) }, "document.noFile"],
    ["a file one byte over the limit", { name: "stor.pdf", bytes: Buffer.concat([PDF, Buffer.alloc(MAX_DOCUMENT_BYTES + 1 - PDF.length)]) }, "document.tooLarge"],
  ])("refuses %s with a Swedish message at the file field", async (_, file, key) => {
    const before = await counts();
    const res = await attach(chair, file!);
    expect(res.status).toBe(400);
    const answer = await answerOf(res);
    expect(answer.fieldErrors.file).toBe(key);
    expect(sv(answer.fieldErrors.file!, { max: "25 MB" })).toMatch(/^(Filtypen stöds inte|Filen är tom|Välj en fil|Filen är för stor)/);
    expect(await counts()).toEqual(before);
  });

  it("refuses a body far over the limit before reading it, in Swedish", async () => {
    const before = await counts();
    const res = await attach(chair, { name: "jätte.pdf", bytes: Buffer.concat([PDF, Buffer.alloc(MAX_DOCUMENT_BYTES + 200 * 1024)]) }).catch((e: Error) => e);
    // The server answers at once and closes; a client still sending may see the answer or a reset.
    if (res instanceof Response) {
      expect(res.status).toBe(413);
      expect(await res.text()).toContain("Filen är för stor (högst 25 MB).");
    }
    expect(await counts()).toEqual(before);
  });

  it("stores a PDF in a large object, versions a replacement, and serves each version to members only", async () => {
    const res = await attach(chair, { name: "Budget år 2027.pdf", bytes: PDF }, "Budgetförslag");
    expect(res.status).toBe(200);
    expect((await answerOf(res)).done).toBe("document.uploaded");
    const [v1] = await t.sql`select id, document_key, version, title, content_type, size, sha256, content_oid from meeting_documents where meeting_id = ${meetingId}`;
    expect(v1).toMatchObject({ version: 1, title: "Budgetförslag", content_type: "application/pdf", size: PDF.length });
    const [{ content }] = await t.sql`select lo_get(${v1.content_oid}::oid) as content`;
    expect(Buffer.compare(content, PDF)).toBe(0);

    // Replacing it adds version 2 under the same document, keeping its title; version 1 stays.
    const docx = FILES.docx;
    const replaced = await upload(chair, { intent: "replace", documentKey: v1.document_key, title: "" }, { name: "budget-rev.docx", bytes: docx });
    expect((await answerOf(replaced)).done).toBe("document.replaced");
    const versions = await t.sql`select id, version, title, content_type from meeting_documents where document_key = ${v1.document_key} order by version`;
    expect(versions.map((v) => [v.version, v.title, v.content_type])).toEqual([
      [1, "Budgetförslag", "application/pdf"],
      [2, "Budgetförslag", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ]);

    // The page lists the latest, with the earlier version to download.
    const page = await (await http.get(`/meetings/${meetingId}`, member)).text();
    expect(page).toContain(`href="/meetings/${meetingId}/documents/${versions[1].id}"`);
    expect(page).toContain(`href="/meetings/${meetingId}/documents/${versions[0].id}"`);
    expect(page.replaceAll("<!-- -->", "")).toContain("(Word, 1 kB, version 2,");
    expect(page.replaceAll("<!-- -->", "")).toContain("Tidigare versioner (1)");

    // A member downloads version 1 as the PDF it was found to be, under its own name, never cached by a proxy.
    const download = await http.get(`/meetings/${meetingId}/documents/${versions[0].id}`, member);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="Budget ar 2027.pdf"; filename*=UTF-8''Budget%20%C3%A5r%202027.pdf`);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.compare(Buffer.from(await download.arrayBuffer()), PDF)).toBe(0);
    const latest = await http.get(`/meetings/${meetingId}/documents/${versions[1].id}`, member);
    expect(Buffer.compare(Buffer.from(await latest.arrayBuffer()), docx)).toBe(0);

    // Outside the group: 404; through another meeting's address: 404, even for a member.
    expect((await http.get(`/meetings/${meetingId}/documents/${versions[0].id}`, outsider)).status).toBe(404);
    const other = await newMeeting({ title: "Ett annat möte", date: "2027-04-08" });
    expect((await http.get(`/meetings/${other}/documents/${versions[0].id}`, member)).status).toBe(404);
    expect((await http.get(`/meetings/${meetingId}/documents/not-a-uuid`, member)).status).toBe(404);

    // Who did what is in the audit trail.
    const trail = await t.sql`select action, details->>'version' as version from audit_log where action like 'document.%' order by id`;
    expect(trail.map((a) => [a.action, a.version])).toEqual([
      ["document.upload", "1"],
      ["document.replace", "2"],
    ]);
  });

  it("serves a file of several chunks whole", async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024 + 123, 7)]);
    expect((await attach(chair, { name: "bilaga.pdf", bytes: big }, "Stor bilaga")).status).toBe(200);
    const [{ id }] = await t.sql`select id from meeting_documents where title = 'Stor bilaga'`;
    const res = await http.get(`/meetings/${meetingId}/documents/${id}`, member);
    expect(res.headers.get("content-length")).toBe(String(big.length));
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), big)).toBe(0);
  });

  it("numbers two replacements sent at once 2 and 3, neither lost", async () => {
    expect((await attach(chair, { name: "plan.pdf", bytes: PDF }, "Verksamhetsplan")).status).toBe(200);
    const [{ document_key: key }] = await t.sql`select document_key from meeting_documents where title = 'Verksamhetsplan'`;
    const replace = () => upload(chair, { intent: "replace", documentKey: key }, { name: "plan.pdf", bytes: PDF });
    expect((await Promise.all([replace(), replace()])).map((r) => r.status)).toEqual([200, 200]);
    expect((await t.sql`select version from meeting_documents where document_key = ${key} order by version`).map((r) => r.version)).toEqual([1, 2, 3]);
  });

  it("takes an item's documents and their large objects with it when the item is removed from the agenda", async () => {
    expect((await postMeetingForm(http, meetingId, { intent: "add", title: "Stryks", type: "information" }, chair)).status).toBe(200);
    const [{ id: doomed }] = await t.sql`select id from agenda_items where meeting_id = ${meetingId} and title = 'Stryks'`;
    expect((await upload(chair, { intent: "upload", agendaItemId: doomed }, { name: "bild.png", bytes: FILES.png })).status).toBe(200);
    const [{ content_oid: oid }] = await t.sql`select content_oid from meeting_documents where agenda_item_id = ${doomed}`;
    expect((await postMeetingForm(http, meetingId, { intent: "item", itemId: doomed, op: "remove" }, chair)).status).toBe(200);
    expect(await t.sql`select 1 from pg_largeobject_metadata where oid = ${oid}::oid`).toHaveLength(0);
  });

  it("fixes a meeting's documents, as its agenda, once the minutes leave the draft", async () => {
    const fixed = await newMeeting({ title: "Justerat möte", date: "2027-05-06" });
    const [item] = await t.sql`select id from agenda_items where meeting_id = ${fixed} order by position limit 1`;
    expect((await upload(chair, { intent: "upload", agendaItemId: item.id }, { name: "a.pdf", bytes: PDF }, fixed)).status).toBe(200);
    const [doc] = await t.sql`select document_key from meeting_documents where meeting_id = ${fixed}`;
    await t.sql`insert into minutes (meeting_id, status) values (${fixed}, 'for_approval') on conflict (meeting_id) do update set status = 'for_approval'`;
    const before = await counts();
    const refused = await upload(chair, { intent: "replace", documentKey: doc.document_key }, { name: "b.pdf", bytes: PDF }, fixed);
    expect(refused.status).toBe(409);
    expect((await answerOf(refused)).fieldErrors.refused).toBe("agenda.locked");
    expect((await http.post(`/meetings/${fixed}/documents`, { intent: "delete", documentKey: doc.document_key }, { cookie: chair })).status).toBe(409);
    expect(await counts()).toEqual(before);
    // Still there to download, and the page offers no form to change it.
    const page = await (await http.get(`/meetings/${fixed}`, chair)).text();
    expect(page).toContain(`href="/meetings/${fixed}/documents/`);
    expect(page).not.toContain("Bifoga handling");
  });

  it("lists each item's documents with their download links in the notice, in text and HTML", async () => {
    expect((await postMeetingForm(http, meetingId, { intent: "notice" }, chair)).status).toBe(200);
    const [mail] = await t.sql<{ body: string; subject: string }[]>`select subject, body from outbox where body like ${"%" + meetingId + "%"} order by id limit 1`;
    const [latest] = await t.sql`select id from meeting_documents where title = 'Budgetförslag' order by version desc limit 1`;
    const link = `${app.url}/meetings/${meetingId}/documents/${latest.id}`;
    expect(mail.body).toMatch(new RegExp(`§ \\d+ Budget 2027\\n  Handling: Budgetförslag \\(Word, 1 kB\\) ${link.replace(/[.?]/g, "\\$&")}\\n  Handling: Stor bilaga \\(PDF, 3 MB\\)`));
    expect(mailHtml({ text: mail.body, subject: mail.subject, lang: "sv", product: "Samråd" })).toContain(`<a href="${link}">${link}</a>`);
  });

  it("deletes a document with all its versions, after which no large object is left behind", async () => {
    const [doc] = await t.sql`select document_key from meeting_documents where title = 'Budgetförslag' limit 1`;
    const oids = (await t.sql`select content_oid from meeting_documents where document_key = ${doc.document_key}`).map((r) => Number(r.content_oid));
    expect(oids).toHaveLength(2);
    expect((await http.post(`/meetings/${meetingId}/documents`, { intent: "delete", documentKey: doc.document_key }, { cookie: member })).status).toBe(403);
    const res = await http.post(`/meetings/${meetingId}/documents`, { intent: "delete", documentKey: doc.document_key }, { cookie: chair });
    expect((await answerOf(res)).done).toBe("document.deleted");
    expect(await t.sql`select 1 from meeting_documents where document_key = ${doc.document_key}`).toHaveLength(0);
    expect(await t.sql`select oid from pg_largeobject_metadata where oid = any(${oids}::oid[])`).toHaveLength(0);
    // Every remaining object belongs to a row: nothing orphaned.
    const orphans = await t.sql`select m.oid from pg_largeobject_metadata m where not exists (select 1 from meeting_documents d where d.content_oid = m.oid::bigint)`;
    expect(orphans).toHaveLength(0);
    const again = await http.post(`/meetings/${meetingId}/documents`, { intent: "delete", documentKey: doc.document_key }, { cookie: chair });
    expect(again.status).toBe(409);
    const [{ action }] = await t.sql`select action from audit_log where action = 'document.delete'`;
    expect(action).toBe("document.delete");
  });

  describe("a file named as people name their files", () => {
    let meeting = "";
    let item = "";
    beforeAll(async () => {
      meeting = await newMeeting({ title: "Filnamn", date: "2027-06-10" });
      [{ id: item }] = await t.sql<{ id: string }[]>`select id from agenda_items where meeting_id = ${meeting} order by position limit 1`;
    });
    const attachHere = (file: { name: string; bytes: Uint8Array }) =>
      upload(chair, { intent: "upload", agendaItemId: item, title: "" }, file, meeting);

    it.each(["a=b.pdf", "Budget 2026 = slutlig.pdf", "Protokoll; bilaga.pdf", "Årsrapport å ä ö.pdf"])(
      "keeps %s under exactly that name",
      async (name) => {
        const res = await attachHere({ name, bytes: PDF });
        expect(res.status).toBe(200);
        expect((await answerOf(res)).done).toBe("document.uploaded");
        const [doc] = await t.sql`select id, title, filename from meeting_documents where meeting_id = ${meeting} and filename = ${name}`;
        expect(doc).toMatchObject({ title: name, filename: name });
        const page = (await (await http.get(`/meetings/${meeting}`, member)).text()).replaceAll("<!-- -->", "");
        expect(page).toContain(`href="/meetings/${meeting}/documents/${doc.id}"`);
        expect(page).toContain(name);
        const download = await http.get(`/meetings/${meeting}/documents/${doc.id}`, member);
        expect(download.status).toBe(200);
        expect(decodeURIComponent(download.headers.get("content-disposition")!.split("filename*=UTF-8''")[1])).toBe(name);
        expect(Buffer.compare(Buffer.from(await download.arrayBuffer()), PDF)).toBe(0);
      },
    );

    it("refuses a text field over its 16 kB as too long, storing nothing", async () => {
      const before = await counts();
      const res = await upload(
        chair,
        { intent: "upload", agendaItemId: item, title: "x".repeat(16 * 1024 + 1) },
        { name: "a.pdf", bytes: PDF },
        meeting,
      );
      expect(res.status).toBe(400);
      expect((await answerOf(res)).fieldErrors.title).toBe("form.tooLong");
      expect(await counts()).toEqual(before);
    });

    it("answers a cut-off or garbled upload as a form it cannot read, storing nothing, and goes on serving", async () => {
      const before = await counts();
      const b = "samrad-grans";
      const part = (header: string, value: string) => `--${b}\r\nContent-Disposition: form-data; ${header}\r\n\r\n${value}\r\n`;
      const fields = part('name="intent"', "upload") + part('name="agendaItemId"', item);
      const filePart = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4`;
      // [content type, body]: cut off inside the file; a part whose header is no header; no boundary declared.
      for (const [type, body] of [
        [`multipart/form-data; boundary=${b}`, fields + filePart],
        [`multipart/form-data; boundary=${b}`, `${fields}--${b}\r\nno header here\r\n\r\n%PDF-1.4\r\n--${b}--\r\n`],
        ["multipart/form-data", `${fields}${filePart}\r\n--${b}--\r\n`],
      ]) {
        const headers = { cookie: chair, origin: app.url, "content-type": type };
        const res = await fetch(`${app.url}/meetings/${meeting}/documents`, { method: "POST", redirect: "manual", headers, body });
        expect(res.status).toBe(400);
        expect((await answerOf(res)).fieldErrors.refused).toBe("form.badRequest");
      }
      expect(await counts()).toEqual(before);
      expect((await http.get(`/meetings/${meeting}`, member)).status).toBe(200);
      expect((await attachHere({ name: "efteråt.pdf", bytes: PDF })).status).toBe(200);
    });
  });
});
