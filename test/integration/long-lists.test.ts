import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { DEMO_ADMIN } from "../../db/seed/agreements";
import { addManyPartnerships } from "../support/many-partnerships";
import { client, startTestServer } from "../support/server";

const MEMBER = "stockholm.bo-sodra@samrad.test";

/** Partnership cards and meeting links a page shows, by the ids they link to. */
const cards = (html: string) => [...html.matchAll(/<li class="card"><h3><a [^>]*href="\/partnerships\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
const meetingLinks = (html: string) => [...html.matchAll(/<a [^>]*href="\/meetings\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
/** The links to `href` (attributes as one string, text). */
const links = (html: string, href: string) =>
  [...html.replaceAll("&amp;", "&").matchAll(/<a ([^>]*)>([^<]*)<\/a>/g)]
    .filter((m) => m[1].includes(`href="${href}"`))
    .map((m) => ({ attributes: m[1], text: m[2] }));
/** The one link to `href` but for the tabs, undefined when there is none. */
const link = (html: string, href: string) => links(html, href).filter((a) => !a.attributes.includes("aria-current"))[0];

/** Someone in many partnerships sees the first of each long list, with how many there are and a way to the rest. */
describe("long lists", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let member: string;
  let admin: string;

  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    member = await http.login(MEMBER);
    admin = await http.login("admin@samrad.test");
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const page = async (path: string, cookie = member) => {
    const res = await http.get(path, cookie);
    expect(res.status, path).toBe(200);
    return res.text();
  };
  const memberPartnerships = async () =>
    (
      await t.sql<{ id: string }[]>`
        select distinct g.partnership_id as id from groups g join group_members gm on gm.group_id = g.id join users u on u.id = gm.user_id where lower(u.email) = ${MEMBER}`
    ).map((r) => r.id);
  const upcoming = async () =>
    (
      await t.sql<{ id: string }[]>`
        select m.id from meetings m join group_members gm on gm.group_id = m.group_id join users u on u.id = gm.user_id
        where lower(u.email) = ${MEMBER} and m.ends_at >= now()`
    ).map((r) => r.id);

  it("shows a member of few partnerships all of them and all their meetings, with no paging", async () => {
    const home = await page("/");
    expect(cards(home).sort()).toEqual((await memberPartnerships()).sort());
    expect(home).not.toContain("Visa alla partnerskap");
    const meetings = await page("/meetings");
    expect(new Set(meetingLinks(meetings))).toEqual(new Set(await upcoming()));
    expect(meetings).not.toContain('class="pager"');
  });

  describe("with 30 more partnerships of 2 upcoming meetings each", () => {
    beforeAll(async () => {
      await addManyPartnerships(t.sql, { memberEmail: MEMBER, adminEmail: DEMO_ADMIN.email, count: 30, meetingsEach: 2 });
    });

    it("lists the first 20 partnerships on the overview, by name, and links to all of them", async () => {
      const all = await memberPartnerships();
      expect(all.length).toBeGreaterThan(30);
      const home = await page("/");
      const shown = cards(home);
      expect(shown).toHaveLength(20);
      expect(home).toContain(`Visar 20 av ${all.length} partnerskap.`);
      expect(link(home, "/partnerships")?.text).toBe(`Visa alla partnerskap (${all.length})`);
      // The overview's first 20 are the full list's first page.
      const first = await page("/partnerships");
      expect(cards(first)).toEqual(shown);
      expect(first).toContain(`<h2 id="partnerships-count">${all.length} partnerskap</h2>`);
      expect(link(first, "/partnerships?page=2")?.attributes).toContain('aria-label="Nästa sida, sida 2 av 2"');
      const second = await page("/partnerships?page=2");
      expect(cards(second)).toHaveLength(all.length - 20);
      expect(link(second, "/partnerships")?.attributes).toContain('aria-label="Föregående sida, sida 1 av 2"');
      expect([...cards(first), ...cards(second)].sort()).toEqual(all.sort());
    });

    it("still shows the overview's soonest meetings and notices to answer, from all the member's groups", async () => {
      const soonest = async (limit: number, unanswered: boolean) =>
        (
          await t.sql<{ id: string }[]>`
            select m.id from meetings m where m.status = 'noticed' and (case when ${unanswered} then m.starts_at > now() else m.ends_at >= now() end)
              and m.group_id in (select gm.group_id from group_members gm join users u on u.id = gm.user_id where lower(u.email) = ${MEMBER})
              and (${!unanswered} or not exists (select 1 from attendance a join users u on u.id = a.user_id where a.meeting_id = m.id and lower(u.email) = ${MEMBER} and a.rsvp is not null))
            order by m.starts_at, m.id limit ${limit}`
        ).map((r) => r.id);
      // Answer the very next one: it leaves the notices to answer but stays among the next meetings.
      const [next] = await soonest(1, false);
      expect((await http.post(`/meetings/${next}/rsvp`, { rsvp: "attending" }, { cookie: member })).status).toBe(200);
      const home = await page("/");
      const panel = (id: string) => home.slice(home.indexOf(`id="${id}"`), home.indexOf("</section>", home.indexOf(`id="${id}"`)));
      expect(meetingLinks(panel("dash-meetings"))).toEqual(await soonest(5, false));
      const answers = meetingLinks(panel("dash-tasks"));
      expect(answers).toEqual(await soonest(10, true));
      expect(answers).not.toContain(next);
    });

    it("counts every partnership for the coordinator", async () => {
      const [{ n }] = await t.sql<{ n: number }[]>`select count(*)::int as n from partnerships`;
      const home = await page("/", admin);
      expect(cards(home)).toHaveLength(20);
      expect(home).toContain(`Visa alla partnerskap (${n})`);
      expect(cards(await page("/partnerships?page=2", admin)).length).toBe(n - 20);
    });

    it("pages the upcoming meetings 50 at a time, soonest first, keeping the group filter", async () => {
      const all = await upcoming();
      expect(all.length).toBeGreaterThan(50);
      expect(all.length).toBeLessThanOrEqual(100);
      const first = await page("/meetings");
      const second = await page("/meetings?view=upcoming&page=2");
      expect(meetingLinks(first)).toHaveLength(50);
      expect(meetingLinks(second)).toHaveLength(all.length - 50);
      expect([...meetingLinks(first), ...meetingLinks(second)].sort()).toEqual(all.sort());
      expect(first).toContain('<nav aria-label="Sidor i listan över möten" class="pager">');
      expect(link(first, "/meetings?view=upcoming&page=2")).toEqual({
        attributes: expect.stringContaining('aria-label="Nästa sida, sida 2 av 2"'),
        text: "Nästa →",
      });
      expect(first).toContain('<span aria-current="page">Sida 1 av 2</span>');
      expect(link(first, "/meetings?view=upcoming")).toBeUndefined(); // no way back from page 1, but the tab
      expect(link(second, "/meetings?view=upcoming")?.attributes).toContain('aria-label="Föregående sida, sida 1 av 2"');
      // Soonest first across the pages: the last on page 1 starts no later than the first on page 2.
      const starts = async (ids: string[]) =>
        (await t.sql<{ s: number }[]>`select extract(epoch from starts_at)::float8 as s from meetings where id = any(${ids}::uuid[])`).map(
          (r) => r.s,
        );
      expect(Math.max(...(await starts(meetingLinks(first))))).toBeLessThanOrEqual(Math.min(...(await starts(meetingLinks(second)))));
      // One group's few meetings need no pager.
      const [{ group }] = await t.sql<{ group: string }[]>`select id as "group" from groups where name = 'Styrgrupp Mångköping 001'`;
      const filtered = await page(`/meetings?view=upcoming&group=${group}`);
      expect(meetingLinks(filtered)).toHaveLength(2);
      expect(filtered).not.toContain('class="pager"');
    });

    it("keeps the view and group in the paging links", async () => {
      await addManyPartnerships(t.sql, { memberEmail: MEMBER, adminEmail: DEMO_ADMIN.email, count: 1, meetingsEach: 60, town: "Storköping" });
      const [{ group }] = await t.sql<
        { group: string }[]
      >`select g.id as "group" from groups g join meetings m on m.group_id = g.id group by g.id having count(*) = 60`;
      const first = await page(`/meetings?view=upcoming&group=${group}`);
      expect(meetingLinks(first)).toHaveLength(50);
      expect(link(first, `/meetings?view=upcoming&group=${group}&page=2`)?.text).toBe("Nästa →");
      expect(meetingLinks(await page(`/meetings?view=upcoming&group=${group}&page=2`))).toHaveLength(10);
    });

    it("shows page 1 for a page number it cannot read, and says so for a page past the end", async () => {
      const first = meetingLinks(await page("/meetings"));
      for (const bad of ["abc", "0", "-1", "1.5", "1e3", "999999", "%20"])
        expect(meetingLinks(await page(`/meetings?page=${bad}`)), bad).toEqual(first);
      expect(cards(await page("/partnerships?page=x"))).toEqual(cards(await page("/partnerships")));
      const past = await page("/meetings?page=99");
      expect(meetingLinks(past)).toHaveLength(0);
      expect(past).toContain("Sidan 99 finns inte.");
      expect(past).toMatch(/<a [^>]*href="\/meetings\?view=upcoming">Gå till första sidan<\/a>/);
      expect(await page("/partnerships?page=99")).toContain("Sidan 99 finns inte.");
    });

    it("says when a month holds more meetings than its calendar shows", async () => {
      const month = "2027-03";
      const monthOf = async () => (await page(`/meetings?view=month&month=${month}`)).replaceAll("<!-- -->", "");
      expect(await monthOf()).not.toContain("Kalendern visar de första");
      const [{ id: groupId }] = await t.sql<{ id: string }[]>`
        select gm.group_id as id from group_members gm join users u on u.id = gm.user_id where lower(u.email) = ${MEMBER} limit 1`;
      const [{ id: adminId }] = await t.sql<{ id: string }[]>`select id from users where lower(email) = ${DEMO_ADMIN.email}`;
      await t.sql`
        insert into meetings (group_id, title, starts_at, ends_at, status, noticed_at, created_by)
        select ${groupId}, 'Heldagsmöte ' || n, timestamptz '2027-03-10 09:00+01' + n * interval '1 minute',
               timestamptz '2027-03-10 10:00+01' + n * interval '1 minute', 'noticed', now(), ${adminId}
        from generate_series(1, 501) as n`;
      const [{ total }] = await t.sql<{ total: number }[]>`
        select count(*)::int as total from meetings m join group_members gm on gm.group_id = m.group_id join users u on u.id = gm.user_id
        where lower(u.email) = ${MEMBER} and m.starts_at >= timestamptz '2027-03-01 00:00+01' and m.starts_at < timestamptz '2027-04-01 00:00+02'`;
      expect(total).toBeGreaterThan(500);
      expect(await monthOf()).toContain(`Kalendern visar de första 500 av månadens ${total} möten.`);
    });
  });
});
