import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BORAS, CITY, expectRefused, formMarker, GOTLAND, SODRA, stockholmAfterVasterortLeft, VASTERORT, type FormAt, type Stockholm } from "../support/capabilities";

/**
 * The group page's and the appendices' actions refuse what the pages hide (decision 017). Stockholm's
 * steering group on 2026-11-30, with Brottsofferjouren Västerort's notice taken effect on 2025-12-31:
 * the city holds the chair's turn in force (3) and Gotland the next (4); Södra Stockholm sits as an
 * observer; Borås is no member. Only the coordinator sets members, the rotation, the convener and the
 * appendices.
 */
describe("group capabilities: every form refused where it is hidden", () => {
  let s: Stockholm;
  let t: Stockholm["t"];
  let admin: string;
  let parties: { city: string; gotland: string; vasterort: string };
  let appendixId: string;

  beforeAll(async () => {
    s = await stockholmAfterVasterortLeft();
    t = s.t;
    admin = await s.http.login("admin@samrad.test");
    const rows = await t.sql<{ id: string; name: string }[]>`
      select p.id, o.name from parties p join organisations o on o.id = p.organisation_id where p.partnership_id = ${s.partnershipId}`;
    const party = (name: string) => rows.find((r) => r.name.includes(name))!.id;
    parties = { city: party("Socialförvaltningen"), gotland: party("Gotland"), vasterort: party("Västerort") };
    const created = await s.http.post(
      `/partnerships/${s.partnershipId}/appendices`,
      { partyId: parties.gotland, title: "Bilaga 2: Stockholm-Gotland", commitments: "Stödsamtal alla vardagar.", reason: "Överenskommelsen 2025" },
      { cookie: admin },
    );
    expect(created.status).toBe(200);
    [{ id: appendixId }] = await t.sql<{ id: string }[]>`select id from appendices where party_id = ${parties.gotland}`;
  });
  afterAll(() => s?.close());

  /** Everything a group's and an appendix's forms could change. */
  const everything = async () =>
    JSON.stringify(
      await Promise.all([
        t.sql`select * from group_members order by group_id, user_id`,
        t.sql`select id, convener_party_id, rotation_order, rotation_starts_on, rotation_unit, rotation_length from groups order by id`,
        t.sql`select group_id, turn_index, reason from rotation_overrides order by group_id, turn_index`,
        t.sql`select * from turn_holders order by group_id, turn_index`,
        t.sql`select * from appendices order by id`,
        t.sql`select appendix_id, version, commitments, reason from appendix_versions order by appendix_id, version`,
        t.sql`select count(*)::int from audit_log`,
      ]),
    );

  const group = (concern: string): FormAt => ({ page: `/groups/${s.groupId}`, action: `/groups/${s.groupId}/${concern}` });
  const appendices = (concern = ""): FormAt => ({ page: `/partnerships/${s.partnershipId}/appendices`, action: `/partnerships/${s.partnershipId}/appendices${concern}` });
  const EVERYONE = [CITY, GOTLAND, SODRA, VASTERORT, BORAS];
  const cases: [name: string, at: () => FormAt, form: () => Promise<Record<string, string | string[]>>, refused: string[]][] = [
    ["members", () => group("members"), async () => ({ email: BORAS, partyId: parties.gotland, role: "deputy" }), EVERYONE],
    ["rotation", () => group("rotation"), async () => ({ order: [parties.gotland, parties.city], startsOn: "2027-01-01", unit: "months", length: "6" }), EVERYONE],
    ["convener", () => group("convener"), async () => ({ convener: parties.gotland }), EVERYONE],
    // The city holds the turn in force and Gotland the next: they pass them over; Västerort has left.
    ["skip", () => group("rotation/skip"), async () => ({ turnIndex: "3", reason: "Jäv i ett ärende" }), [SODRA, VASTERORT, BORAS]],
    ["holder", () => group("rotation/holder"), async () => ({ turnIndex: "3", userId: await s.userId(CITY) }), [GOTLAND, SODRA, VASTERORT, BORAS]],
    ["create appendix", () => appendices(), async () => ({ partyId: parties.gotland, title: "Smyger in", commitments: "Inget.", reason: "Inget beslut" }), EVERYONE],
    ["revise appendix", () => appendices(`/${appendixId}`), async () => ({ commitments: "Egen ändring", reason: "Inget beslut" }), EVERYONE],
  ];

  it.each(cases)("%s", async (_name, at, form, refused) => {
    for (const email of refused) await expectRefused(s, at(), await form(), email, everything);
  });

  it("refuses a coordinator changing the appendix of a party that has left, for the party's state", async () => {
    const before = await everything();
    const res = await s.http.post(appendices().action, { partyId: parties.vasterort, title: "Bilaga 4", commitments: "Inget.", reason: "Inget beslut" }, { cookie: admin });
    expect(res.status).toBe(409);
    expect(await everything()).toBe(before);
  });

  it("shows the allowed users the forms it refuses others, and takes them", async () => {
    const page = async (cookie: string, at: FormAt) => (await s.http.get(at.page, cookie)).text();
    const ok = async (at: FormAt, form: Record<string, string | string[]>, cookie: string) => expect((await s.http.post(at.action, form, { cookie })).status, at.action).toBe(200);
    const city = await page(s.cookie[CITY], group("members"));
    for (const concern of ["rotation/skip", "rotation/holder"]) expect(city, concern).toContain(formMarker(group(concern)));
    expect(await page(s.cookie[GOTLAND], group("members"))).toContain(formMarker(group("rotation/skip")));
    const coordinator = await page(admin, group("members"));
    for (const concern of ["members", "rotation", "convener", "rotation/skip", "rotation/holder"]) expect(coordinator, concern).toContain(formMarker(group(concern)));
    const register = await page(admin, appendices());
    for (const at of [appendices(), appendices(`/${appendixId}`)]) expect(register, at.action).toContain(formMarker(at));

    await ok(group("rotation/holder"), { turnIndex: "3", userId: await s.userId(CITY) }, s.cookie[CITY]);
    await ok(group("rotation/skip"), { turnIndex: "4", reason: "Vakans i styrgruppen" }, s.cookie[GOTLAND]);
    await ok(group("members"), { email: BORAS, partyId: parties.gotland, role: "observer" }, admin);
    await ok(group("convener"), { convener: parties.city }, admin);
    await ok(appendices(`/${appendixId}`), { commitments: "Stödsamtal alla dagar.", reason: "Styrgruppens beslut 2026-03-12 § 4" }, admin);
    await ok(group("rotation"), { order: [parties.gotland, parties.city], startsOn: "2027-01-01", unit: "months", length: "6" }, admin);
    expect(await t.sql`select turn_index from rotation_overrides where group_id = ${s.groupId}`).toEqual([{ turn_index: 4 }]);
    expect((await t.sql`select version from appendix_versions where appendix_id = ${appendixId} order by version`).map((r) => r.version)).toEqual([1, 2]);
  });
});
