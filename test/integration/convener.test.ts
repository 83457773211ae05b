import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";

/** Who convenes, as the agreement says: Linköping's (002) names the municipality; the coordinator sets it per group. */
describe("the convener of a group", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let groupId: string;
  let kommunParty: string;
  let kommun: string;
  let jouren: string;
  let admin: string;
  const form = { title: "Samverkansmöte – våren", kind: "ordinary", date: "2027-03-11", startTime: "09:00", endTime: "11:00", location: "Stadshuset, Linköping" };
  const mayConvene = async (cookie: string) => (await http.get(`/groups/${groupId}/meetings/new`, cookie)).status;
  const setConvener = (convener: string, cookie = admin) => http.post(`/groups/${groupId}/convener`, { convener }, { cookie });

  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    [{ id: groupId, party: kommunParty }] = await t.sql<{ id: string; party: string }[]>`
      select g.id, g.convener_party_id as party from groups g join partnerships p on p.id = g.partnership_id where p.name like 'IOP Linköpings kommun%'`;
    [kommun, jouren, admin] = await Promise.all(["linkoping.kommun@samrad.test", "linkoping.jouren@samrad.test", "admin@samrad.test"].map((e) => http.login(e)));
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it("lets the municipality's representative convene in Linköping, with no rotation set, and not the jour", async () => {
    const page = await (await http.get(`/groups/${groupId}`, jouren)).text();
    expect(page.replaceAll("<!-- -->", "")).toContain("Kallar till möten:</strong> Linköpings kommun, Social- och omsorgsnämnden");
    expect(await mayConvene(jouren)).toBe(403);
    expect((await http.post(`/groups/${groupId}/meetings/new`, form, { cookie: jouren })).status).toBe(403);
    const res = await http.post(`/groups/${groupId}/meetings/new`, form, { cookie: kommun });
    expect(res.status).toBe(302);
  });

  it("is set by the coordinator only, to a party of the partnership or the rotating chair", async () => {
    expect((await setConvener("rotatingChair", kommun)).status).toBe(403);
    expect((await setConvener("00000000-0000-4000-8000-000000000000")).status).toBe(400);
    expect((await setConvener("rotatingChair")).status).toBe(200);
    // Linköping has no rotation: only coordinators convene now.
    expect(await mayConvene(kommun)).toBe(403);
    expect(await mayConvene(admin)).toBe(200);
    expect((await setConvener(kommunParty)).status).toBe(200);
    expect(await mayConvene(kommun)).toBe(200);
    const [row] = await t.sql`select details from audit_log where action = 'group.convener.set' order by id desc limit 1`;
    expect(row.details).toEqual({ convenerPartyId: kommunParty });
  });
});
