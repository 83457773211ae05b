import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";

/** The Historik tab reads as sentences, filters by kind, person and period, pages by 50 and exports CSV. */
describe("history", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let queries = 0;
  let eva: string;
  let outsider: string;
  const ids = {} as { partnership: string; group: string; meeting: string; meetingTitle: string; eva: string; ahmed: string; ingrid: string; decision: string };

  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url, { onQuery: (q) => void (q.includes("pg_catalog") || queries++) });
    http = client(app.url);
    const [row] = await t.sql<(typeof ids)[]>`
      select p.id as partnership, g.id as "group", m.id as meeting, m.title as "meetingTitle",
        (select id from users where email = 'stockholm.socialforvaltningen@samrad.test') as eva,
        (select id from users where email = 'stockholm.bo-gotland@samrad.test') as ahmed,
        (select id from users where email = 'stockholm.bo-sodra@samrad.test') as ingrid
      from partnerships p join groups g on g.partnership_id = p.id and g.kind = 'steering'
      join meetings m on m.group_id = g.id
      where p.name like '%Stockholm%' order by m.starts_at limit 1`;
    Object.assign(ids, row);
    const [d] = await t.sql<{ id: string }[]>`
      insert into decisions (group_id, kind, year, number, text, proposed_by) values (${ids.group}, 'meeting', 2031, 4, 'Budgeten antas', ${ids.eva}) returning id`;
    ids.decision = d.id;
    // A clean slate: only the entries below, at known times (UTC; the page shows Stockholm time).
    await t.sql`alter table audit_log disable trigger user`;
    await t.sql`delete from audit_log`;
    await t.sql`alter table audit_log enable trigger user`;
    await t.sql`insert into audit_log (actor_id, action, subject, details, at) values
      (${ids.eva}, 'meeting.notice', ${"meeting:" + ids.meeting}, '{}', '2031-01-15T08:30:00Z'),
      (${ids.ahmed}, 'decision.position', ${"group:" + ids.group}, ${JSON.stringify({
      decisionId: ids.decision,
      partyId: null,
      position: "agree",
    })}::jsonb, '2031-02-10T12:00:00Z'),
      (${ids.eva}, 'decision.create', ${"group:" + ids.group}, ${JSON.stringify({ decisionId: ids.decision, year: 2031, number: 4 })}::jsonb, '2031-02-10T11:00:00Z'),
      (${ids.ingrid}, 'some.futureAction', ${"partnership:" + ids.partnership}, '{}', '2031-03-01T09:00:00Z')`;
    // 60 agenda changes in December, for paging.
    await t.sql`insert into audit_log (actor_id, action, subject, details, at)
      select ${ids.eva}, 'agenda.add', ${"meeting:" + ids.meeting}, jsonb_build_object('title', 'Punkt ' || n), timestamptz '2030-12-01T10:00:00Z' + n * interval '1 hour'
      from generate_series(1, 60) n`;
    eva = await http.login("stockholm.socialforvaltningen@samrad.test");
    outsider = await http.login("boras.jouren@samrad.test");
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const history = async (query = "", cookie = eva) => {
    const res = await http.get(`/partnerships/${ids.partnership}/history${query}`, cookie);
    expect(res.status).toBe(200);
    return res.text();
  };

  it("reads each entry as a sentence with names for ids, in Stockholm time, newest first", async () => {
    const html = await history();
    expect(html).toContain("Ingrid Sjöberg: some.futureAction");
    expect(html).toContain(`Eva Lindqvist skickade kallelse till ${ids.meetingTitle}`);
    expect(html).toContain("Eva Lindqvist registrerade beslut SG 2031 § 4 i ");
    expect(html).toContain("Ahmed Karimi lämnade ställningstagandet för en part till beslut SG 2031 § 4");
    expect(html).toContain("15 jan. 2031 09:30"); // 08:30 UTC is 09:30 in Stockholm in winter
    expect(html.indexOf("some.futureAction")).toBeLessThan(html.indexOf("skickade kallelse"));
    expect(html).toContain("64 händelser");
    // The stored record, for auditors, behind a disclosure.
    expect(html).toContain("<summary>Visa posten som den lagrats</summary>");
    expect(html).toContain(`&quot;decisionId&quot;: &quot;${ids.decision}&quot;`);
    expect(html).not.toContain("<td>meeting.notice");
  });

  it("filters by person, kind and period", async () => {
    const ahmed = await history(`?person=${ids.ahmed}`);
    expect(ahmed).toContain("1 händelser");
    expect(ahmed).toContain("Ahmed Karimi lämnade ställningstagandet");
    expect(ahmed).not.toContain("skickade kallelse");

    const decisions = await history("?kind=decisions");
    expect(decisions).toContain("2 händelser");
    expect(decisions).not.toContain("lade till punkten");

    const january = await history("?from=2031-01-15&to=2031-01-15");
    expect(january).toContain("1 händelser");
    expect(january).toContain("skickade kallelse");
    // "to" takes the whole of its Stockholm day: both entries of 10 February count.
    expect(await history("?from=2031-01-16&to=2031-02-10")).toContain("2 händelser");

    const bad = await history("?from=igår");
    expect(bad).toContain("Ange datum som ÅÅÅÅ-MM-DD.");
    expect(bad).toContain("64 händelser");
    expect(await history("?person=" + ids.eva + "&kind=cases")).toContain("Inga händelser matchar filtret.");
  });

  it("pages by 50 with links that keep the filter", async () => {
    const first = await history("?kind=meetings");
    expect(first).toContain("Sida 1 av 2");
    expect(first.match(/class="history-entry /g)).toHaveLength(50);
    expect(first).toMatch(/href="[^"]*\?kind=meetings&amp;page=2"/);
    const second = await history("?kind=meetings&page=2");
    expect(second.match(/class="history-entry /g)).toHaveLength(11);
    expect(second).toContain("Sida 2 av 2");
    expect(second).toContain("Punkt 1”"); // the oldest
    expect(await history("?kind=meetings&page=9")).toContain("61 händelser");
  });

  it("looks names up in the same number of queries whatever the page holds", async () => {
    queries = 0;
    await history("?kind=meetings&page=2");
    const eleven = queries;
    queries = 0;
    await history("?kind=meetings");
    expect(queries).toBe(eleven);
  });

  it("exports the filtered history as CSV for Excel", async () => {
    const res = await http.get(`/partnerships/${ids.partnership}/history.csv?kind=decisions`, eva);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain("historik.csv");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("Tid;Vem;Typ;Händelse;Åtgärd;Gäller;Detaljer (JSON)");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^2031-02-10 13:00;Ahmed Karimi;Beslut;Ahmed Karimi lämnade ställningstagandet för en part till beslut SG 2031 § 4;decision\.position;group:/);
    expect(lines[2]).toContain(`""decisionId"":""${ids.decision}""`);
  });

  it("is not there for who is not in the partnership", async () => {
    expect((await http.get(`/partnerships/${ids.partnership}/history`, outsider)).status).toBe(404);
    expect((await http.get(`/partnerships/${ids.partnership}/history.csv`, outsider)).status).toBe(404);
  });
});
