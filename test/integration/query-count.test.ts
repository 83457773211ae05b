import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { stockholmDate, stockholmInstant } from "../../app/domain/stockholm-date";
import { addDaysIso } from "../../app/domain/iso-date";
import { freshDatabase, type TestDatabase } from "../support/db";
import { PAGE_STATEMENTS } from "../support/page-statements";
import { client, startTestServer } from "../support/server";

// No N+1: a page makes the same number of queries whether a group has 2 meetings or 40.
let t: TestDatabase;
let app: RunningServer;
let http: ReturnType<typeof client>;
let queries = 0;
let admin: string;
let partnershipId: string;
let groupId: string;

beforeAll(async () => {
  t = await freshDatabase();
  // postgres.js reads pg_catalog's array types once per new connection: not the page's doing.
  app = await startTestServer(t.url, { onQuery: (q) => void (q.includes("pg_catalog") || queries++) });
  http = client(app.url);
  admin = await http.login("admin@samrad.test");
  [{ id: partnershipId }] = await t.sql<{ id: string }[]>`select id from partnerships where reference_number = '2021/630'`;
  [{ id: groupId }] = await t.sql<{ id: string }[]>`select id from groups where partnership_id = ${partnershipId} and kind = 'steering'`;
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

async function countQueries(path: string, cookie = admin) {
  queries = 0;
  const res = await http.get(path, cookie);
  expect(res.status).toBe(200);
  await res.text();
  return queries;
}

async function addMeetings(n: number) {
  const [{ created_by }] = await t.sql`select created_by from meetings limit 1`;
  const today = stockholmDate(new Date());
  for (let i = 1; i <= n; i++) {
    const day = addDaysIso(today, i);
    const [m] = await t.sql`insert into meetings (group_id, title, starts_at, ends_at, status, created_by)
      values (${groupId}, ${"Möte " + i}, ${stockholmInstant(day, "10:00").toISOString()}, ${stockholmInstant(day, "12:00").toISOString()}, 'noticed', ${created_by}) returning id`;
    await t.sql`insert into agenda_items (meeting_id, position, title) values (${m.id}, 1, 'Punkt')`;
  }
}

it("keeps the partnership, group, meeting, meetings-list and overview pages at a bounded number of queries", async () => {
  const [{ id: meetingId }] = await t.sql`select id from meetings where group_id = ${groupId} limit 1`;
  // Each statement costs the page a round trip and a wake-up of PostgreSQL, about as much as the rest
  // of its work: the most each page may ask, the session's own lookup included. The targeted pages
  // make exactly as many as the page bench assumes.
  const exactly: Record<string, number> = {
    [`/partnerships/${partnershipId}`]: PAGE_STATEMENTS.partnership,
    [`/groups/${groupId}`]: PAGE_STATEMENTS.group,
    [`/meetings/${meetingId}`]: PAGE_STATEMENTS.meeting,
  };
  const most: Record<string, number> = {
    ...exactly,
    "/meetings": 2,
    // A page of a long list counts its rows in the same statement, even past the last page.
    "/meetings?view=upcoming&page=2": 2,
    "/partnerships": 2,
    "/partnerships?page=2": 2,
    [`/api/partnerships/${partnershipId}`]: 5,
  };
  const pages = Object.keys(most);
  const before = [];
  for (const p of pages) before.push(await countQueries(p));
  // The overview's short lists share one statement: as many with 40 more meetings to show where they stand.
  const overview = await countQueries("/");
  expect(overview).toBe(PAGE_STATEMENTS.overview);
  await addMeetings(40);
  const after = [];
  for (const p of pages) after.push(await countQueries(p));
  expect(after).toEqual(before);
  for (const [i, p] of pages.entries()) expect(after[i], p).toBeLessThanOrEqual(most[p]);
  for (const p of Object.keys(exactly)) expect(await countQueries(p), p).toBe(exactly[p]);
  expect(await countQueries("/")).toBe(overview);
});

it("asks as few for a member, whose access is checked, as for the coordinator", async () => {
  const member = await http.login("stockholm.socialforvaltningen@samrad.test");
  const [{ id: meetingId }] = await t.sql`select id from meetings where group_id = ${groupId} limit 1`;
  for (const p of [`/partnerships/${partnershipId}`, `/groups/${groupId}`, `/meetings/${meetingId}`, "/"]) {
    expect(await countQueries(p, member), p).toBe(await countQueries(p));
  }
});
