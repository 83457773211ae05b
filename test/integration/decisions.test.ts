import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { stockholmDate } from "../../app/domain/stockholm-date";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";
import { shownAt } from "../support/answers";
import { speakersIn, toldOf } from "../support/notifications";
import { postDecisionForm, postMeetingForm } from "../support/resource-forms";
import { eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import { decisions, groups } from "../../db/schema";
import type { SessionUser } from "../../app/auth/session.server";
import type { GroupAccess } from "../../app/services/access.server";
import { closeDecision } from "../../app/services/decisions.server";

/** Stockholm's groups, with the rotation pinned so that Södra Stockholm holds the chair (and the documentation duty) today. */
describe("decision register", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  const group = { steering: "", cooperation: "" };
  const held = { steering: "", cooperation: "" };
  const cookie: Record<string, string> = {};
  const userId: Record<string, string> = {};
  const SODRA = "stockholm.bo-sodra@samrad.test"; // the chair
  const SF = "stockholm.socialforvaltningen@samrad.test";
  const GOT = "stockholm.bo-gotland@samrad.test";
  const VAST = "stockholm.bo-vasterort@samrad.test";
  const year = Number(stockholmDate(new Date()).slice(0, 4));

  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    for (const kind of ["steering", "cooperation"] as const) {
      const [{ id }] = await t.sql<{ id: string }[]>`
        select g.id from groups g join partnerships p on p.id = g.partnership_id where p.reference_number = '2021/630' and g.kind = ${kind}`;
      group[kind] = id;
      await t.sql`update groups set rotation_order = array_prepend(p.id, array_remove(rotation_order, p.id)),
        rotation_starts_on = ${stockholmDate(new Date())}, rotation_unit = 'months', rotation_length = 1
        from parties p join organisations o on o.id = p.organisation_id
        where groups.id = ${id} and p.partnership_id = groups.partnership_id and o.org_number = '802476-1044'`;
      [{ id: held[kind] }] = await t.sql<{ id: string }[]>`
        select id from meetings where group_id = ${id} and starts_at < now() and status <> 'cancelled' order by starts_at desc limit 1`;
    }
    for (const email of [SODRA, SF, GOT, VAST, "boras.jouren@samrad.test", "admin@samrad.test"]) {
      cookie[email] = await http.login(email);
      [{ id: userId[email] }] = await t.sql<{ id: string }[]>`select id from users where email = ${email}`;
    }
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const presence = async (kind: keyof typeof held, emails: string[]) =>
    expect((await postMeetingForm(http, held[kind], { intent: "presence", present: emails.map((e) => userId[e]) }, cookie[SODRA])).status).toBe(200);
  const record = async (kind: keyof typeof held, text: string) => {
    const [item] = await t.sql<{ id: string }[]>`select id from agenda_items where meeting_id = ${held[kind]} and not proposed order by position limit 1`;
    const res = await postMeetingForm(http, held[kind], { intent: "decision", agendaItemId: item.id, text }, cookie[SODRA]);
    expect(res.status).toBe(302);
    return res.headers.get("location")!.split("/").pop()!;
  };
  const state = (id: string, email: string, position: string, reservation = "") =>
    postDecisionForm(http, id, { intent: "position", position, reservation }, cookie[email]);
  const close = (id: string, email = SODRA, intent = "close") => postDecisionForm(http, id, { intent }, cookie[email]);
  // The page's text, without the markers React puts between adjacent text parts.
  const pageText = async (path: string, email: string) => (await (await http.get(path, cookie[email])).text()).replaceAll("<!-- -->", "");
  const stored = async (id: string) => (await t.sql`select status, outcome, number, meeting_id from decisions where id = ${id}`)[0];
  const partnershipId = async () => (await t.sql`select partnership_id from groups where id = ${group.steering}`)[0].partnership_id as string;

  it("is not adopted in the steering group when a party is missing, and says which", async () => {
    await presence("steering", [SODRA, SF, GOT]);
    const [item] = await t.sql<{ id: string }[]>`select id from agenda_items where meeting_id = ${held.steering} order by position limit 1`;
    const attempt = { intent: "decision", agendaItemId: item.id, text: "Ett beslut" };
    // Only the chair records; only at a meeting that has been held.
    expect((await postMeetingForm(http, held.steering, attempt, cookie[GOT])).status).toBe(403);
    const [upcoming] = await t.sql<{ id: string }[]>`select id from meetings where group_id = ${group.steering} and starts_at > now() limit 1`;
    expect((await postMeetingForm(http, upcoming.id, attempt, cookie[SODRA])).status).toBe(409);
    const id = await record("steering", "Styrgruppen antar verksamhetsplanen för 2027.");
    for (const email of [SODRA, SF, GOT]) expect((await state(id, email, "agree")).status).toBe(200);
    // Västerort was not there; a coordinator speaks for no party.
    expect((await state(id, VAST, "agree")).status).toBe(403);
    expect((await state(id, "admin@samrad.test", "agree")).status).toBe(403);
    // A member who does not hold the chair may not close it.
    expect((await close(id, GOT)).status).toBe(403);
    expect((await close(id)).status).toBe(200);
    expect(await stored(id)).toMatchObject({ status: "not_adopted", outcome: { missing: ["Brottsofferjouren Västerort"], objecting: [] } });
    const page = await pageText(`/decisions/${id}`, GOT);
    expect(page).toMatch(/inte antaget<\/span>(<!-- -->)? – Brottsofferjouren Västerort saknas/);
    expect(page).toContain(`SG ${year} § 1`);
    // Closed for good.
    expect((await close(id)).status).toBe(409);
    expect((await state(id, SF, "object")).status).toBe(409);
  });

  it("is not adopted when a party objects, with its reservation on record", async () => {
    await presence("steering", [SODRA, SF, GOT, VAST]);
    const id = await record("steering", "Styrgruppen sänker bidraget.");
    for (const email of [SODRA, SF, VAST]) expect((await state(id, email, "agree")).status).toBe(200);
    expect((await state(id, GOT, "object", "Bidraget räcker inte till jourtelefonen.")).status).toBe(200);
    expect((await close(id)).status).toBe(200);
    expect(await stored(id)).toMatchObject({ status: "not_adopted", outcome: { missing: [], objecting: ["Brottsofferjouren Stockholm-Gotland"] } });
    // A decision not adopted is told to every party too.
    const [told] = await t.sql`select count(*)::int as n, min(params->>'statusKey') as status from notifications where kind = 'decision.closed' and link = ${`/decisions/${id}`}`;
    expect(told).toEqual({ n: (await speakersIn(t.sql, await partnershipId())).length, status: "notify.status.not_adopted" });
    const page = await pageText(`/decisions/${id}`, SF);
    expect(page).toContain("invändning från Brottsofferjouren Stockholm-Gotland");
    expect(page).toContain("Bidraget räcker inte till jourtelefonen.");
  });

  it("is adopted when every party is there and agrees, numbered in order", async () => {
    const id = await record("steering", "Styrgruppen fastställer mötesplanen.");
    // Every party states its position in the steering group: its members there (but the chair who recorded it) are told one awaits them.
    const steering = await speakersIn(t.sql, await partnershipId(), group.steering);
    expect(steering).toEqual(expect.arrayContaining([SODRA, SF, GOT, VAST]));
    expect(await toldOf(t.sql, "decision.awaitingPosition", `/decisions/${id}`)).toEqual(steering.filter((e) => e !== SODRA));
    expect(await toldOf(t.sql, "decision.closed", `/decisions/${id}`)).toEqual([]);
    for (const email of [SODRA, SF, GOT, VAST]) expect((await state(id, email, "agree")).status).toBe(200);
    expect((await close(id)).status).toBe(200);
    // 004 §3.1: every party is informed of the outcome, through its people in every group of the partnership.
    expect(await toldOf(t.sql, "decision.closed", `/decisions/${id}`)).toEqual(await speakersIn(t.sql, await partnershipId()));
    const [told] = await t.sql`select params from notifications where kind = 'decision.closed' and link = ${`/decisions/${id}`} limit 1`;
    expect(told.params).toMatchObject({ statusKey: "notify.status.adopted", text: "Styrgruppen fastställer mötesplanen." });
    expect(await stored(id)).toMatchObject({ status: "adopted", number: 3 });
    const register = await pageText(`/groups/${group.steering}/decisions`, VAST);
    expect(register).toContain(`SG ${year} § 3`);
    expect(register).toMatch(/SG \d{4} § 3<\/a>.*antaget/s);
  });

  it("decides by consensus of those present in the cooperation group", async () => {
    await presence("cooperation", [SODRA, SF]);
    const id = await record("cooperation", "Samverkansgruppen tar fram en gemensam rutin för remisser.");
    expect((await state(id, SODRA, "agree")).status).toBe(200);
    expect((await state(id, SF, "abstain")).status).toBe(200);
    expect((await close(id)).status).toBe(200);
    expect(await stored(id)).toMatchObject({ status: "adopted", number: 1 });
    expect(await pageText(`/decisions/${id}`, SF)).toContain(`SVG ${year} § 1`);

    const objected = await record("cooperation", "Samverkansgruppen byter mötesdag.");
    expect((await state(objected, SODRA, "agree")).status).toBe(200);
    expect((await state(objected, SF, "object")).status).toBe(200);
    expect((await close(objected)).status).toBe(200);
    expect(await stored(objected)).toMatchObject({ status: "not_adopted", outcome: { objecting: ["Socialförvaltningen, Stockholms stad"] } });
  });

  it("numbers decisions recorded at the same time without gaps or duplicates", async () => {
    const ids = await Promise.all([1, 2, 3, 4, 5].map((n) => record("cooperation", `Samtidigt beslut ${n}`)));
    const numbers = await t.sql<{ number: number }[]>`select number from decisions where id in ${t.sql(ids)} order by number`;
    expect(numbers.map((r) => r.number)).toEqual([3, 4, 5, 6, 7]);
  });

  it("records a decision per capsulum at the next held meeting from every party's written position", async () => {
    expect((await http.post(`/groups/${group.steering}/decisions`, { text: "Per capsulum: x" }, { cookie: cookie[GOT] })).status).toBe(403);
    const res = await http.post(`/groups/${group.steering}/decisions`, { text: "Styrgruppen yttrar sig över remissen." }, { cookie: cookie[SODRA] });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.split("/").pop()!;
    expect((await close(id, SODRA, "record")).status).toBe(409); // no position yet
    expect((await close(id, SODRA, "close")).status).toBe(409); // recorded at a meeting, not closed
    // Written positions need no presence.
    for (const email of [SODRA, SF, GOT, VAST]) expect((await state(id, email, "agree")).status).toBe(200);
    const early = await close(id, SODRA, "record");
    expect(early.status).toBe(409);
    expect(await shownAt(early, "refused")).toBe("Gruppen har inte hållit något möte efter förslaget ännu.");
    // The proposal was made before the last meeting: it is recorded there.
    await t.sql`update decisions set created_at = now() - interval '60 days' where id = ${id}`;
    expect((await close(id, GOT, "record")).status).toBe(403);
    expect((await close(id, SODRA, "record")).status).toBe(200);
    const [first] = await t.sql<{ id: string }[]>`
      select id from meetings where group_id = ${group.steering} and status <> 'cancelled' and starts_at >= now() - interval '60 days' order by starts_at limit 1`;
    expect(await stored(id)).toMatchObject({ status: "adopted", number: 4, meeting_id: first.id });
    expect((await state(id, VAST, "object")).status).toBe(409);
  });

  it("follows a decision up with tasks and a review date; only the owner or the chair marks a task done", async () => {
    const [{ id }] = await t.sql<{ id: string }[]>`select id from decisions where group_id = ${group.steering} and status = 'adopted' limit 1`;
    const task = { intent: "task", title: "Ta fram rutinen", ownerId: userId[VAST], dueOn: "2026-01-15" };
    expect((await postDecisionForm(http, id, task, cookie[GOT])).status).toBe(403);
    expect((await postDecisionForm(http, id, { ...task, ownerId: userId["boras.jouren@samrad.test"] }, cookie[SODRA])).status).toBe(400);
    expect((await postDecisionForm(http, id, task, cookie[SODRA])).status).toBe(200);
    expect((await postDecisionForm(http, id, { intent: "review", reviewOn: "2027-06-30" }, cookie[SODRA])).status).toBe(200);
    const page = await pageText(`/decisions/${id}`, VAST);
    expect(page).toMatch(/Ta fram rutinen.*Olof Persson.*2026-01-15.*Försenad/s);
    expect(page).toContain("2027-06-30");
    const [{ id: taskId }] = await t.sql<{ id: string }[]>`select id from decision_tasks where decision_id = ${id}`;
    expect((await postDecisionForm(http, id, { intent: "taskDone", taskId }, cookie[GOT])).status).toBe(403);
    expect((await postDecisionForm(http, id, { intent: "taskDone", taskId }, cookie[VAST])).status).toBe(200);
    expect((await t.sql`select status from decision_tasks where id = ${taskId}`)[0].status).toBe("done");
    // Every step is on the partnership's history.
    const [{ partnership_id }] = await t.sql`select partnership_id from groups where id = ${group.steering}`;
    const history = await pageText(`/partnerships/${partnership_id}/history`, "admin@samrad.test");
    for (const label of ["registrerade beslut SG", "lämnade ställningstagandet för", "avslutade beslut SG", "uppgiften ”", "markerade en uppgift till beslut SG"])
      expect(history).toContain(label);
  });

  it("hides the register, a decision and the API from non-members with 404", async () => {
    const [{ id }] = await t.sql<{ id: string }[]>`select id from decisions where group_id = ${group.steering} limit 1`;
    const outsider = cookie["boras.jouren@samrad.test"];
    expect((await http.get(`/groups/${group.steering}/decisions`, outsider)).status).toBe(404);
    expect((await http.get(`/decisions/${id}`, outsider)).status).toBe(404);
    expect((await postDecisionForm(http, id, { intent: "position", position: "agree" }, outsider)).status).toBe(404);
    expect((await http.get(`/api/groups/${group.steering}/decisions`, outsider)).status).toBe(404);
    expect((await http.get(`/api/groups/${group.steering}/decisions`)).status).toBe(401);
  });

  it("serves the register as JSON to a member's bearer token", async () => {
    const page = await http.post("/settings", { intent: "create-token", name: "Diarium" }, { cookie: cookie[VAST] });
    const token = (await page.text()).match(/<code class="secret">([a-z2-7]{32})<\/code>/)![1];
    const res = await fetch(`${app.url}/api/groups/${group.steering}/decisions`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.group).toEqual({ id: group.steering, kind: "steering", name: expect.any(String) });
    expect(body.decisions.map((d: { label: string }) => d.label)).toEqual([4, 3, 2, 1].map((n) => `SG ${year} § ${n}`));
    expect(body.decisions[3]).toEqual({
      id: expect.any(String),
      label: `SG ${year} § 1`,
      year,
      number: 1,
      kind: "meeting",
      text: "Styrgruppen antar verksamhetsplanen för 2027.",
      stage: "not_adopted",
      status: "not_adopted",
      missing: ["Brottsofferjouren Västerort"],
      objecting: [],
      meetingId: held.steering,
      reviewOn: null,
      decidedAt: expect.any(String),
    });
  });

  it("closes a decision on a pool with a single connection: nothing is read through the pool inside its transaction", async () => {
    const id = await record("steering", "Styrgruppen fastställer firmateckningen.");
    const single = createDb(t.url, { max: 1 });
    try {
      const [decision] = await single.db.select().from(decisions).where(eq(decisions.id, id));
      const [steering] = await single.db.select().from(groups).where(eq(groups.id, group.steering));
      const access: GroupAccess = { group: steering, membership: null, isAdmin: true };
      const actor = { id: userId[SODRA] } as SessionUser;
      // Before, the transaction held the one connection while it waited for another: for ever.
      const closing = closeDecision(single.db, decision, access, actor, "close", app.url);
      const waited = new Promise((resolve) => setTimeout(() => resolve("still waiting"), 5_000));
      expect(await Promise.race([closing, waited])).toMatchObject({ ok: true });
    } finally {
      await single.sql.end({ timeout: 1 });
    }
    expect((await stored(id)).status).toBe("not_adopted");
  });
});
