import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";

/** Search finds inflected forms, marks the words found, and shows each user only what they may see. */
describe("search", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let borasMember: string;
  let linkopingMember: string;
  let admin: string;
  const ids: Record<string, string> = {};

  const decisionIn = async (town: string, number: number, text: string) => {
    const [row] = await t.sql<{ id: string }[]>`
      insert into decisions (group_id, kind, year, number, text, proposed_by)
      select g.id, 'meeting', 2031, ${number}, ${text}, (select id from users where email = 'admin@samrad.test')
      from groups g join partnerships p on p.id = g.partnership_id
      where p.name like ${"%" + town + "%"} and g.kind = 'steering' returning id`;
    return row.id;
  };

  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    ids.linkoping = await decisionIn("Linköping", 1, "Styrgruppens beslut om kvällsöppettider för chatten");
    ids.boras = await decisionIn("Borås", 1, "Beslut om kvällsöppettider i Borås jourtelefon");
    ids.markup = await decisionIn("Linköping", 2, "<script>alert(1)</script> Beslut om <b>fet</b> text");
    const [c] = await t.sql<{ id: string }[]>`
      insert into cases (partnership_id, kind, stage, title, description, created_by)
      select p.id, 'information', 'reported', '<img src=x onerror=alert(1)> Lokalerna byggs om', 'Jouren flyttar tillfälligt under ombyggnaden av lokalerna.', u.id
      from partnerships p, users u where p.name like '%Linköping%' and u.email = 'admin@samrad.test' returning id`;
    ids.case = c.id;
    const [m] = await t.sql<{ id: string }[]>`
      select m.id from meetings m join groups g on g.id = m.group_id join partnerships p on p.id = g.partnership_id
      where p.name like '%Linköping%' order by m.starts_at limit 1`;
    ids.meeting = m.id;
    await t.sql`insert into minutes (meeting_id) values (${m.id}) on conflict do nothing`;
    // An older draft mentions a word the newest draft no longer holds: only the newest counts.
    await t.sql`insert into minutes_versions (meeting_id, kind, html, text, markdown, state, text_sha256)
      values (${m.id}, 'draft', '', 'Vi diskuterade snöröjningen vid jouren.', '', '\\x00', 'a'),
             (${m.id}, 'draft', '', 'Vi diskuterade sophämtningen vid jouren.', '', '\\x00', 'b')`;
    await t.sql`insert into agenda_items (meeting_id, position, title) values (${m.id}, 99, 'Genomgång av verksamhetsberättelsen')`;
    borasMember = await http.login("boras.jouren@samrad.test");
    linkopingMember = await http.login("linkoping.jouren@samrad.test");
    admin = await http.login("admin@samrad.test");
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const page = async (cookie: string, q: string | null) => {
    const res = await http.get(q === null ? "/search" : `/search?q=${encodeURIComponent(q)}`, cookie);
    expect(res.status).toBe(200);
    return res.text();
  };

  it("finds a decision by an inflected Swedish form and marks the word found", async () => {
    const html = await page(linkopingMember, "beslutade kvällsöppettider");
    expect(html).toContain(`href="/decisions/${ids.linkoping}"`);
    expect(html).toContain("<mark>beslut</mark>");
    expect(html).toContain("<mark>kvällsöppettider</mark>");
    expect(html).toContain("SG 2031 § 1");
    // A quoted phrase finds its words, marked, and "-word" leaves out what holds it.
    const phrase = await page(linkopingMember, '"chatten kvällsöppettider"');
    expect(phrase).toContain(`href="/decisions/${ids.linkoping}"`);
    expect(phrase).toContain("<mark>chatten</mark>");
    expect(await page(linkopingMember, "kvällsöppettider -chatten")).not.toContain(`href="/decisions/${ids.linkoping}"`);
  });

  it("shows a member of Borås nothing of Linköping, and the administrator both", async () => {
    const boras = await page(borasMember, "kvällsöppettider");
    expect(boras).toContain(`href="/decisions/${ids.boras}"`);
    expect(boras).not.toContain(ids.linkoping);
    expect(await page(borasMember, "ombyggnaden")).toContain("Inga träffar för ”ombyggnaden”.");
    expect(await page(borasMember, "sophämtningen")).toContain("Inga träffar");

    const all = await page(admin, "kvällsöppettider");
    expect(all).toContain(`href="/decisions/${ids.boras}"`);
    expect(all).toContain(`href="/decisions/${ids.linkoping}"`);
  });

  it("searches cases, the newest minutes and agenda items, each linking to its page", async () => {
    expect(await page(linkopingMember, "lokalen")).toContain(`href="/cases/${ids.case}"`);
    const minutes = await page(linkopingMember, "sophämtning");
    expect(minutes).toContain(`href="/meetings/${ids.meeting}/minutes"`);
    expect(minutes).toContain("protokollsutkast");
    expect(await page(linkopingMember, "snöröjningen")).toContain("Inga träffar");
    expect(await page(linkopingMember, "verksamhetsberättelse")).toContain(`href="/meetings/${ids.meeting}"`);
  });

  it("searches a meeting's final minutes once there are any, not its drafts, even a later one", async () => {
    const [m] = await t.sql<{ id: string }[]>`
      select m.id from meetings m join groups g on g.id = m.group_id join partnerships p on p.id = g.partnership_id
      where p.name like '%Linköping%' order by m.starts_at offset 1 limit 1`;
    await t.sql`insert into minutes (meeting_id) values (${m.id}) on conflict do nothing`;
    const version = (kind: string, text: string) =>
      t.sql`insert into minutes_versions (meeting_id, kind, html, text, markdown, state, text_sha256) values (${m.id}, ${kind}, '', ${text}, '', '\\x00', ${text})`;
    await version("draft", "Utkastet nämner takläckaget.");
    expect(await page(linkopingMember, "takläckaget")).toContain(`href="/meetings/${m.id}/minutes"`);
    await version("final", "Justerat: beslut om vinterdäcken.");
    await version("draft", "Ett sent utkast om cykelställen.");
    expect(await page(linkopingMember, "vinterdäcken")).toContain(`href="/meetings/${m.id}/minutes"`);
    for (const word of ["takläckaget", "cykelställen"]) expect(await page(linkopingMember, word), word).toContain("Inga träffar");
    const [{ marked }] = await t.sql<{ marked: number }[]>`select count(*)::int as marked from minutes_versions where meeting_id = ${m.id} and searchable`;
    expect(marked).toBe(1);
  });

  it("renders the text found as text, never as markup", async () => {
    const html = await page(linkopingMember, "fet");
    expect(html).toContain("<mark>fet</mark>");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<b>fet</b>");
    const cases = await page(linkopingMember, "ombyggnaden");
    expect(cases).toContain("&lt;img src=x onerror=alert(1)&gt; Lokalerna byggs om");
    expect(cases).not.toContain("<img src=x");
  });

  it("asks for words when the query is empty, and offers the box in the header", async () => {
    expect(await page(linkopingMember, "   ")).toContain("Skriv ett eller flera ord att söka efter.");
    const blank = await page(linkopingMember, null);
    expect(blank).not.toContain("Skriv ett eller flera ord");
    expect(blank).toContain('role="search"');
    expect(await (await http.get("/", linkopingMember)).text()).toContain('id="site-search"');
  });

  it("searches in English for an English user", async () => {
    await t.sql`update users set locale = 'en' where email = 'linkoping.kommun@samrad.test'`;
    const english = await http.login("linkoping.kommun@samrad.test");
    await decisionIn("Linköping", 3, "The steering group decision on evening opening hours");
    const html = await page(english, "decisions opening");
    expect(html).toContain("<mark>decision</mark>");
    expect(html).toContain("<mark>opening</mark>");
  });

  it("asks nothing of who is not logged in but to log in", async () => {
    const res = await http.get("/search?q=beslut");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("/login");
  });
});
