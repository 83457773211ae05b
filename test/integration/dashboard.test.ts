import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodStatus, type PeriodRule } from "../../app/domain/period";
import { addDaysIso } from "../../app/domain/iso-date";
import { stockholmDate } from "../../app/domain/stockholm-date";
import { currentReportYear } from "../../app/domain/yearly-report";
import type { RunningServer } from "../../app/http/server.server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";

/** The overview lists what each user has to do, and only their own partnerships' matters. */
describe("dashboard", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let kommun: string;
  let jouren: string;
  let outsider: string;
  let ids: { group: string; kommunUser: string; jourenUser: string; kommunParty: string; jourenParty: string; partnership: string };
  const today = stockholmDate(new Date());

  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    const [row] = await t.sql`
      select g.id as "group", p.id as partnership,
        (select u.id from users u where u.email = 'linkoping.kommun@samrad.test') as "kommunUser",
        (select u.id from users u where u.email = 'linkoping.jouren@samrad.test') as "jourenUser",
        (select party_id from group_members gm join users u on u.id = gm.user_id where gm.group_id = g.id and u.email = 'linkoping.kommun@samrad.test') as "kommunParty",
        (select party_id from group_members gm join users u on u.id = gm.user_id where gm.group_id = g.id and u.email = 'linkoping.jouren@samrad.test') as "jourenParty"
      from groups g join partnerships p on p.id = g.partnership_id
      where g.kind = 'steering' and p.name like '%Linköping%'`;
    ids = row as typeof ids;
    kommun = await http.login("linkoping.kommun@samrad.test");
    jouren = await http.login("linkoping.jouren@samrad.test");
    outsider = await http.login("boras.jouren@samrad.test"); // Borås: another partnership
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const overview = async (cookie: string) => {
    const res = await http.get("/", cookie);
    expect(res.status).toBe(200);
    return res.text();
  };

  it("shows empty states before anything is pending, and a notice to answer until it is answered", async () => {
    const html = await overview(jouren);
    expect(html).toContain("Inga beslut väntar på din part.");
    expect(html).toContain("Inga ändringar väntar på din underskrift.");
    // The demo's next steering meeting is noticed: answering it is the one thing to do.
    expect(html).toContain("Svara på kallelsen: Samverkansmöte – möte");
    await t.sql`insert into attendance (meeting_id, user_id, rsvp)
      select m.id, u.id, 'attending' from meetings m, users u where m.group_id = ${ids.group} and m.status = 'noticed' and u.email = 'linkoping.jouren@samrad.test'`;
    expect(await overview(jouren)).toContain("Inget att svara på eller lämna in just nu.");
  });

  it("lists an open decision until the user's party has stated its position", async () => {
    const [d] = await t.sql`
      insert into decisions (group_id, year, number, text, proposed_by)
      values (${ids.group}, 2026, 41, 'Styrgruppen godkänner verksamhetsplanen', ${ids.kommunUser}) returning id`;
    expect(await overview(jouren)).toContain("Styrgruppen godkänner verksamhetsplanen");
    expect(await overview(outsider)).not.toContain("Styrgruppen godkänner verksamhetsplanen");
    await t.sql`insert into decision_positions (decision_id, party_id, position, stated_by) values (${d.id}, ${ids.jourenParty}, 'agree', ${ids.jourenUser})`;
    expect(await overview(jouren)).not.toContain("Styrgruppen godkänner verksamhetsplanen");
    expect(await overview(kommun)).toContain("Styrgruppen godkänner verksamhetsplanen");
  });

  it("flags the user's own overdue task and hides tasks once done", async () => {
    const [d] = await t.sql`select id from decisions where number = 41`;
    const [task] = await t.sql`
      insert into decision_tasks (decision_id, title, owner_id, due_on, created_by)
      values (${d.id}, 'Skicka statistik till förvaltningen', ${ids.jourenUser}, ${addDaysIso(today, -1)}, ${ids.kommunUser}) returning id`;
    const html = await overview(jouren);
    expect(html).toContain("Skicka statistik till förvaltningen");
    expect(html).toContain("Försenad");
    expect(await overview(kommun)).not.toContain("Skicka statistik till förvaltningen");
    await t.sql`update decision_tasks set status = 'done', done_at = now() where id = ${task.id}`;
    expect(await overview(jouren)).not.toContain("Skicka statistik till förvaltningen");
  });

  it("asks each party's representative to sign until their party has a valid signature", async () => {
    const [a] = await t.sql`
      insert into amendments (partnership_id, title, text, text_sha256, created_by)
      values (${ids.partnership}, 'Tillägg om chattstöd', 'Jouren erbjuder chatt tre kvällar i veckan.', 'x', ${ids.kommunUser}) returning id`;
    expect(await overview(kommun)).toContain("Tillägg om chattstöd");
    expect(await overview(jouren)).toContain("Tillägg om chattstöd");
    expect(await overview(outsider)).not.toContain("Tillägg om chattstöd");
    await t.sql`insert into amendment_signatures (amendment_id, party_id, user_id, text_sha256) values (${a.id}, ${ids.kommunParty}, ${ids.kommunUser}, 'x')`;
    expect(await overview(kommun)).not.toContain("Tillägg om chattstöd");
    expect(await overview(jouren)).toContain("Tillägg om chattstöd");
    // A voided signature no longer counts: the party has to sign again.
    await t.sql`update amendment_signatures set voided_at = now() where amendment_id = ${a.id}`;
    expect(await overview(kommun)).toContain("Tillägg om chattstöd");
  });

  it("shows the notice deadline of the user's own partnerships only", async () => {
    // Borås renews by equal terms unless notice is given nine months before expiry: a real deadline.
    const [boras] = await t.sql`select name, period_rule as rule from partnerships where name like '%Borås%'`;
    const deadline = periodStatus(boras.rule as PeriodRule, today).noticeDeadline;
    expect(deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const html = await overview(outsider);
    expect(html).toContain(`senast ${deadline}`);
    expect(await overview(kommun)).not.toContain(`senast ${deadline}`);
  });
  it("reminds the idea-based party of its yearly report until it is filed, where its agreement sets a date", async () => {
    const year = currentReportYear(today); // from 1 December this year's, before that last year's
    // Österåker's report is due a month after the year ends (000 §9); Linköping's agreement (002) sets no date.
    const ostJouren = await http.login("osteraker.kvinnojouren@samrad.test");
    const line = `Årsrapport ${year}, Kvinnojouren i Österåker: senast ${year + 1}-01-31`;
    expect(await overview(ostJouren)).toContain(line);
    expect(await overview(jouren)).not.toContain(`Årsrapport ${year},`);
    expect(await overview(kommun)).not.toContain(`Årsrapport ${year},`); // the public party files none
    expect(await overview(outsider)).not.toContain(line);
    await t.sql`
      insert into yearly_reports (partnership_id, party_id, year, narrative, submitted_at, submitted_by, updated_by)
      select pa.partnership_id, pa.id, ${year}, 'Året i korthet.', now(), u.id, u.id
      from parties pa join organisations o on o.id = pa.organisation_id, users u
      where o.name = 'Kvinnojouren i Österåker' and u.email = 'osteraker.kvinnojouren@samrad.test'`;
    expect(await overview(ostJouren)).not.toContain(line);
  });
});
