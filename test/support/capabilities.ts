import { expect, vi } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { freshDatabase, type TestDatabase } from "./db";
import { client, startTestServer } from "./server";

/** The people of the capability tests: Stockholm's members, and Borås's, who sits in none of Stockholm's groups. */
export const CITY = "stockholm.socialforvaltningen@samrad.test";
export const GOTLAND = "stockholm.bo-gotland@samrad.test";
export const SODRA = "stockholm.bo-sodra@samrad.test";
export const VASTERORT = "stockholm.bo-vasterort@samrad.test";
export const BORAS = "boras.jouren@samrad.test";

export interface Stockholm {
  t: TestDatabase;
  app: RunningServer;
  http: ReturnType<typeof client>;
  /** Stockholm's steering group. */
  groupId: string;
  partnershipId: string;
  cookie: Record<string, string>;
  userId: (email: string) => Promise<string>;
  close: () => Promise<void>;
}

/**
 * Stockholm on 2026-11-30 (the clock pinned), with Brottsofferjouren Västerort's notice taken
 * effect on 2025-12-31, so the steering chair has passed to the city; Södra Stockholm's member
 * observes in the steering group; everyone logged in.
 */
export async function stockholmAfterVasterortLeft(): Promise<Stockholm> {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-30T09:00:00Z"), shouldAdvanceTime: true });
  const t = await freshDatabase();
  const app = await startTestServer(t.url);
  const http = client(app.url);
  const [{ id: groupId, partnershipId }] = await t.sql<{ id: string; partnershipId: string }[]>`
    select g.id, g.partnership_id as "partnershipId" from groups g join partnerships p on p.id = g.partnership_id
    where p.reference_number = '2021/630' and g.kind = 'steering'`;
  await t.sql`insert into terminations (partnership_id, party_id, given_on, effective_on, reason, given_by)
    select ${partnershipId}, gm.party_id, '2025-06-30', '2025-12-31', 'Föreningen avvecklas.', u.id
    from group_members gm join users u on u.id = gm.user_id where gm.group_id = ${groupId} and u.email = ${VASTERORT}`;
  await t.sql`update group_members set role = 'observer' where group_id = ${groupId} and user_id = (select id from users where email = ${SODRA})`;
  const cookie: Record<string, string> = {};
  for (const email of [CITY, GOTLAND, SODRA, VASTERORT, BORAS]) cookie[email] = await http.login(email);
  return {
    t,
    app,
    http,
    groupId,
    partnershipId,
    cookie,
    userId: async (email) => (await t.sql`select id from users where email = ${email}`)[0].id as string,
    close: async () => {
      await app.close();
      await t.drop();
      vi.useRealTimers();
    },
  };
}

/** A form on a page: the page it is on, where it posts, and its intent when that address takes several (in the field `field`, `intent` unless told). */
export interface FormAt {
  page: string;
  action: string;
  intent?: string;
  field?: string;
}

/**
 * The page shows `email` no such form, and posting it anyway is refused — 404 for Borås, who may
 * not see the page, else 403 "Åtkomst nekad" — and changes nothing `everything` reads.
 */
export async function expectRefused(s: Stockholm, at: FormAt, form: Record<string, string | string[]>, email: string, everything: () => Promise<string>) {
  const what = at.intent ?? at.action;
  const page = await s.http.get(at.page, s.cookie[email]);
  if (email === BORAS) expect(page.status).toBe(404);
  else expect(await page.text(), `${email} sees no ${what} form`).not.toContain(formMarker(at));
  const before = await everything();
  const res = await s.http.post(at.action, at.intent ? { [at.field ?? "intent"]: at.intent, ...form } : form, { cookie: s.cookie[email] });
  expect(res.status, `${what} by ${email}`).toBe(email === BORAS ? 404 : 403);
  if (email !== BORAS) expect(await res.text()).toContain("Åtkomst nekad");
  expect(await everything(), `${what} by ${email} changed nothing`).toBe(before);
}

/** What in a page's HTML shows the form: its intent, or else the address it posts to. */
export const formMarker = (at: FormAt) => (at.intent ? `name="${at.field ?? "intent"}" value="${at.intent}"` : `action="${at.action}"`);

/** What a refused form must not change: every row of `tables` (by their first column) and how many mails and audit entries there are. */
export const contentOf = (s: Stockholm, tables: string[]) => async () =>
  JSON.stringify(await Promise.all([...tables.map((name) => s.t.sql.unsafe(`select * from "${name}" order by 1`)), s.t.sql`select count(*)::int from outbox`, s.t.sql`select count(*)::int from audit_log`]));
