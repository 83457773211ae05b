import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";

/**
 * Passing on a turn of the Stockholm rotations, with the clock pinned to 2026-11-30 (the server
 * runs in this process, so the demo data is seeded on that day too). The steering group's
 * six-month chairs from 2025-04-01: Södra held turn 2 to 2026-09-30, Västerort holds turn 3 to
 * 2027-03-31, Socialförvaltningen has turn 4.
 */
describe("rotation overrides", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let steering: string;
  let cooperation: string;
  const cookies: Record<string, string> = {};
  const logins = {
    admin: "admin@samrad.test",
    sf: "stockholm.socialforvaltningen@samrad.test",
    gotland: "stockholm.bo-gotland@samrad.test",
    sodra: "stockholm.bo-sodra@samrad.test",
    vasterort: "stockholm.bo-vasterort@samrad.test",
  };

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-30T09:00:00Z"), shouldAdvanceTime: true });
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    const groups = await t.sql<{ id: string; kind: string }[]>`
      select g.id, g.kind from groups g join partnerships p on p.id = g.partnership_id where p.reference_number = '2021/630'`;
    steering = groups.find((g) => g.kind === "steering")!.id;
    cooperation = groups.find((g) => g.kind === "cooperation")!.id;
    for (const [who, email] of Object.entries(logins)) cookies[who] = await http.login(email);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
    vi.useRealTimers();
  });

  const skip = (group: string, who: keyof typeof logins, turnIndex: number, reason = "Jäv i ett ärende på dagordningen") =>
    http.post(`/groups/${group}/rotation/skip`, { turnIndex: String(turnIndex), reason }, { cookie: cookies[who] });
  const page = async (group: string) => (await (await http.get(`/groups/${group}`, cookies.admin)).text()).replace(/<!-- -->/g, "");
  const records = async () => ({
    overrides: await t.sql`select group_id, turn_index, reason from rotation_overrides order by created_at`,
    named: await t.sql`select group_id, turn_index, user_id from turn_holders order by turn_index`,
    audit: await t.sql`select count(*)::int as n from audit_log where action = 'group.rotation.skip'`,
  });

  it("refuses past turns, later turns and other parties' turns, changing nothing", async () => {
    expect(await page(steering)).toContain("Ordförande:</strong> Olof Persson (Brottsofferjouren Västerort), 2026-10-01 – 2027-03-31");
    const before = await records();
    // Who is not the holder of the current or the next turn is refused for who they are (403); the
    // rotation refuses the rest (409), answering the message's key to a post without the page.
    const DENIED = "Åtkomst nekad";
    const refusals: [keyof typeof logins, number, number, string][] = [
      ["vasterort", 2, 409, "rotation.overridePast"],
      ["sodra", 2, 403, DENIED],
      ["admin", 0, 409, "rotation.overridePast"],
      // The chair passing over the next party's turn would keep the chair with a party after it.
      ["vasterort", 4, 403, DENIED],
      ["gotland", 3, 403, DENIED],
      ["gotland", 5, 403, DENIED],
      ["admin", 5, 409, "rotation.overrideTooFar"],
    ];
    for (const [who, turn, status, message] of refusals) {
      const res = await skip(steering, who, turn);
      expect(res.status, `${who} at turn ${turn}`).toBe(status);
      expect(await res.text()).toContain(message);
    }
    const unexplained = await skip(steering, "vasterort", 3, " ");
    expect(unexplained.status).toBe(400);
    expect(await unexplained.text()).toContain("form.required");
    expect(await records()).toEqual(before);
    expect(await page(steering)).toContain("Ordförande:</strong> Olof Persson (Brottsofferjouren Västerort)");
  });

  it("lets the holder give up the current turn, and the coordinator the next one", async () => {
    expect((await records()).named.filter((n) => n.group_id === steering).map((n) => n.turn_index)).toEqual([3]);
    expect((await skip(steering, "vasterort", 3, "Ordföranden är föräldraledig")).status).toBe(200);
    // The turn went to the next party in order; the person Västerort had named no longer chairs.
    const html = await page(steering);
    expect(html).toContain("Ordförande:</strong> person ej utsedd (Socialförvaltningen, Stockholms stad), 2026-10-01 – 2027-03-31");
    expect(html).toContain("Brottsofferjouren Västerort avstod sin tur: Ordföranden är föräldraledig");
    expect((await records()).named.filter((n) => n.group_id === steering)).toEqual([]);

    // Västerort holds no turn now; the coordinator finds the turn passed over already.
    expect((await skip(steering, "vasterort", 3)).status).toBe(403);
    const again = await skip(steering, "admin", 3);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("rotation.overrideTaken");
    // The new chair cannot hand Gotland's coming turn on to keep the chair either: the turn it holds
    // has been passed over once already, so there is nothing it may pass over.
    const chair = await skip(steering, "sf", 4);
    expect(chair.status).toBe(409);
    expect(await chair.text()).toContain("rotation.overrideTaken");

    expect((await skip(steering, "admin", 4, "Gotland har vakans i styrgruppen")).status).toBe(200);
    expect(await page(steering)).toMatch(/Nästa tre överlämningar.*Brottsofferjouren Södra Stockholm\), 2027-04-01 – 2027-09-30/s);

    const { overrides, audit } = await records();
    expect(overrides.map((o) => [o.group_id, o.turn_index])).toEqual([
      [steering, 3],
      [steering, 4],
    ]);
    expect(audit[0].n).toBe(2);
  });

  it("lets the next holder give up its coming turn in a rotation counted in meetings", async () => {
    // Two meetings a turn from 2025-04-01; one seeded meeting is past, so meeting 2 is Socialförvaltningen's (turn 0) and Gotland's turn 1 is next.
    expect((await skip(cooperation, "sodra", 1)).status).toBe(403);
    expect((await skip(cooperation, "gotland", 2)).status).toBe(409);
    expect((await skip(cooperation, "gotland", 1, "Dokumentationsansvarig saknas under våren")).status).toBe(200);
    expect(await page(cooperation)).toMatch(/Nästa tre överlämningar.*Brottsofferjouren Södra Stockholm\), möte 3–4/s);
    // Passing on the current turn now would move Gotland's recorded skip onto another party.
    const late = await skip(cooperation, "sf", 0);
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("rotation.overrideLaterTaken");
  });
});
