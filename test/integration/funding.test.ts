import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { doneShown, shownAt } from "../support/answers";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";

/** Grants, payments, stops and the funds page, CSV and API over HTTP on the demo partnerships. */
describe("funds", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let http: ReturnType<typeof client>;
  let linkoping: string;
  let osteraker: string;
  let jourenParty: string;
  let kommun: string; // Linköpings kommun's representative
  let jouren: string; // Kvinnojouren Ellinor och Tjejjouren Beata's representative
  let admin: string;
  let outsider: string; // Borås
  let stopDecision: string;
  let liftDecision: string;

  const partnershipId = async (like: string) => (await t.sql<{ id: string }[]>`select id from partnerships where name like ${like}`)[0].id;
  const record = (body: Record<string, string>, cookie: string, id = linkoping) => http.post(`/partnerships/${id}/funding/records`, body, { cookie });
  const paymentsOf = (year: number) =>
    t.sql<{ id: string; status: string; due_on: string; amount: string; settled_on: string | null; decision_id: string | null }[]>`
      select p.id, p.status, p.due_on::text, p.amount::text, p.settled_on::text, p.decision_id from payments p join grants g on g.id = p.grant_id
      where g.partnership_id = ${linkoping} and g.year = ${year} order by p.due_on`;
  const audited = async (action: string) =>
    (await t.sql`select details from audit_log where action = ${action} and subject = ${`partnership:${linkoping}`} order by id`).map((r) => r.details);
  /** An adopted decision of Linköping's steering group at its meeting held a month ago (as seeded). */
  const adopted = async (number: number, text: string) => {
    const [m] = await t.sql<{ id: string; group_id: string }[]>`
      select m.id, m.group_id from meetings m join groups g on g.id = m.group_id
      where g.partnership_id = ${linkoping} and g.kind = 'steering' and m.starts_at < now() order by m.starts_at desc limit 1`;
    const [d] = await t.sql<{ id: string }[]>`
      insert into decisions (group_id, meeting_id, year, number, text, status, proposed_by)
      values (${m.group_id}, ${m.id}, 2026, ${number}, ${text}, 'adopted', (select id from users where email = 'admin@samrad.test')) returning id`;
    return d.id;
  };

  beforeAll(async () => {
    t = await freshDatabase();
    app = await startTestServer(t.url);
    http = client(app.url);
    linkoping = await partnershipId("IOP Linköpings kommun%");
    osteraker = await partnershipId("IOP Österåkers kommun%");
    jourenParty = (await t.sql<{ id: string }[]>`select id from parties where partnership_id = ${linkoping} and sector = 'idea'`)[0].id;
    [kommun, jouren, admin, outsider] = await Promise.all(
      ["linkoping.kommun@samrad.test", "linkoping.jouren@samrad.test", "admin@samrad.test", "boras.jouren@samrad.test"].map((e) => http.login(e)),
    );
    stopDecision = await adopted(7, "Utbetalningarna till jouren stoppas tills redovisningen har kompletterats.");
    liftDecision = await adopted(8, "Stoppet av utbetalningarna hävs.");
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it("the demo holds the grants the agreements state, and Linköping's January payment as due", async () => {
    const grants =
      await t.sql`select p.name, g.year, g.amount::int as amount, g.decision_reference from grants g join partnerships p on p.id = g.partnership_id order by p.name, g.year`;
    expect(grants.map((g) => [g.name.slice(0, 12), g.year, g.amount, g.decision_reference])).toEqual([
      ["IOP Borås St", 2022, 700000, "KF 2021-11-17/18"],
      ["IOP Borås St", 2023, 700000, "KF 2021-11-17/18"],
      ["IOP Borås St", 2024, 700000, "KF 2021-11-17/18"],
      ["IOP Linköpin", 2025, 1571605, ""],
      ["IOP Österåke", 2023, 2400000, "SN 2023/0050"],
    ]);
    expect((await paymentsOf(2025)).map((p) => [p.due_on, p.amount, p.status])).toEqual([["2025-01-31", "1571605", "due"]]);
    expect((await t.sql`select count(*)::int as n from payments`)[0].n).toBe(1);
    // Its due day has passed (any day this runs), and the page says so beside the next payment.
    const page = await (await http.get(`/partnerships/${linkoping}/funding`, jouren)).text();
    expect(page).toMatch(/2025-01-31: Kvinnojouren Ellinor och Tjejjouren Beata, 1\s571\s605\s?kr\.<strong class="badge badge-warning"> <!-- -->Förfallodagen har passerat/);
  });

  it("the public party's representative records a grant with the year's index figure and its January payment; an idea party may not", async () => {
    expect((await record({ intent: "grant", partyId: jourenParty, year: "2026", amount: "1612467" }, jouren)).status).toBe(403);
    expect((await record({ intent: "index", year: "2026", percent: "2,6" }, jouren)).status).toBe(403);

    const bad = await record({ intent: "index", year: "2026", percent: "2,655" }, kommun);
    expect(bad.status).toBe(400);
    expect(await shownAt(bad, "percent")).toBe("Ange procent med högst två decimaler, till exempel 2,6.");
    expect(await doneShown(await record({ intent: "index", year: "2026", percent: "2,6", reference: "SON 2025-12-10" }, kommun))).toBe("Indextalet har registrerats.");

    const res = await record({ intent: "grant", partyId: jourenParty, year: "2026", amount: "1612467", decisionReference: "SON 2025/12" }, kommun);
    expect(await doneShown(res)).toBe("De beviljade medlen har registrerats.");
    const [grant] = await t.sql`select amount::int as amount, index_percent, decision_reference from grants where partnership_id = ${linkoping} and year = 2026`;
    expect(grant).toEqual({ amount: 1612467, index_percent: "2.6", decision_reference: "SON 2025/12" });
    expect((await paymentsOf(2026)).map((p) => [p.due_on, p.amount, p.status])).toEqual([["2026-01-31", "1612467", "due"]]);

    const again = await record({ intent: "grant", partyId: jourenParty, year: "2026", amount: "1" }, kommun);
    expect(again.status).toBe(409);
    expect(await shownAt(again, "year")).toBe("Parten har redan beviljade medel registrerade för året.");
    expect(await audited("funds.grant")).toEqual([expect.objectContaining({ year: 2026, amount: 1612467, partyId: jourenParty, scheduledOn: "2026-01-31" })]);
    expect(await audited("funds.index")).toEqual([{ year: 2026, percent: "2.6", reference: "SON 2025-12-10" }]);
  });

  it("a stop from an adopted steering decision holds the party's payments until another decision lifts it", async () => {
    const [due2026] = await paymentsOf(2026);
    // Not without a steering decision, and not from the same decision again.
    const noDecision = await record({ intent: "stop", partyId: jourenParty, decisionId: "", reason: "Redovisningen saknas." }, kommun);
    expect(await shownAt(noDecision, "decisionId")).toBe("Välj styrgruppens beslut.");
    expect((await record({ intent: "stop", partyId: jourenParty, decisionId: stopDecision, reason: "x" }, jouren)).status).toBe(403);
    expect(await doneShown(await record({ intent: "stop", partyId: jourenParty, decisionId: stopDecision, reason: "Redovisningen saknas." }, kommun))).toBe(
      "Utbetalningarna har stoppats.",
    );

    // While it holds, the payment shows as stopped and is not paid.
    const page = await (await http.get(`/partnerships/${linkoping}/funding`, jouren)).text();
    expect(page).toContain("Kvinnojouren Ellinor och Tjejjouren Beata: stoppade sedan");
    expect(page).toContain("SG 2026 § 7");
    const refused = await record({ intent: "settle", paymentId: due2026.id, status: "paid", settledOn: "2026-01-20" }, kommun);
    expect(refused.status).toBe(409);
    expect(await shownAt(refused, "refused")).toBe("Partens utbetalningar är stoppade av styrgruppen. Ett nytt beslut måste häva stoppet först.");
    expect((await paymentsOf(2026))[0].status).toBe("due");

    const [stop] = await t.sql<{ id: string }[]>`select id from payment_stops where partnership_id = ${linkoping}`;
    const same = await record({ intent: "lift", stopId: stop.id, decisionId: stopDecision }, kommun);
    expect(await shownAt(same, "decisionId")).toBe("Hävningen behöver ett annat beslut än det som stoppade utbetalningarna.");
    expect(await doneShown(await record({ intent: "lift", stopId: stop.id, decisionId: liftDecision }, admin))).toBe("Stoppet har hävts.");
    expect(await audited("funds.stop")).toEqual([expect.objectContaining({ partyId: jourenParty, decisionId: stopDecision })]);
    expect(await audited("funds.lift")).toEqual([{ stopId: stop.id, decisionId: liftDecision, partyId: jourenParty }]);
  });

  it("records payments as paid, stopped and reclaimed, each audited", async () => {
    const [due2025] = await paymentsOf(2025);
    const [due2026] = await paymentsOf(2026);
    expect(await doneShown(await record({ intent: "settle", paymentId: due2025.id, status: "paid", settledOn: "2025-01-24", reference: "Utbetalning 2025" }, admin))).toBe(
      "Utbetalningen har registrerats som utbetald.",
    );
    const stopWithout = await record({ intent: "settle", paymentId: due2026.id, status: "stopped", settledOn: "2026-01-20" }, kommun);
    expect(await shownAt(stopWithout, "decisionId")).toBe("Välj styrgruppens beslut.");
    expect(await doneShown(await record({ intent: "settle", paymentId: due2026.id, status: "stopped", settledOn: "2026-01-20", decisionId: stopDecision }, kommun))).toBe(
      "Utbetalningen har registrerats som stoppad.",
    );
    expect((await record({ intent: "settle", paymentId: due2026.id, status: "reclaimed", settledOn: "2026-02-01" }, kommun)).status).toBe(409);
    expect(await doneShown(await record({ intent: "settle", paymentId: due2025.id, status: "reclaimed", settledOn: "2026-03-01", decisionId: liftDecision }, kommun))).toBe(
      "Utbetalningen har registrerats som återkrävd.",
    );
    expect((await paymentsOf(2025)).map((p) => [p.status, p.settled_on, p.decision_id])).toEqual([["reclaimed", "2026-03-01", liftDecision]]);
    expect((await paymentsOf(2026)).map((p) => [p.status, p.decision_id])).toEqual([["stopped", stopDecision]]);
    expect((await audited("funds.payment.paid")).map((d) => d.paymentId)).toEqual([due2025.id]);
    expect((await audited("funds.payment.stopped")).map((d) => d.paymentId)).toEqual([due2026.id]);
    expect((await audited("funds.payment.reclaimed")).map((d) => [d.paymentId, d.from])).toEqual([[due2025.id, "paid"]]);
  });

  it("exports the payments and the totals by year as semicolon CSV with Swedish headers", async () => {
    const res = await http.get(`/partnerships/${linkoping}/funding.csv`, jouren);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n")).toEqual([
      "År;Part;Förfallodag;Belopp;Status;Referens;Datum",
      "2025;Kvinnojouren Ellinor och Tjejjouren Beata;2025-01-31;1571605;Återkrävd;Utbetalning 2025;2026-03-01",
      "2026;Kvinnojouren Ellinor och Tjejjouren Beata;2026-01-31;1612467;Stoppad;;2026-01-20",
      "",
      "År;Beviljat;Utbetalt;Stoppat;Återkrävt;Kvar att betala ut",
      "2025;1571605;1571605;0;1571605;0",
      "2026;1612467;0;1612467;0;1612467",
    ]);
  });

  it("GET /api/partnerships/:id/funding?year= gives the year's grants, payments, stops and totals", async () => {
    const res = await http.get(`/api/partnerships/${linkoping}/funding?year=2026`, jouren);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      year: 2026,
      grants: [{ partyId: jourenParty, year: 2026, amount: 1612467, decisionReference: "SON 2025/12", indexPercent: "2.6" }],
      payments: [{ partyId: jourenParty, year: 2026, dueOn: "2026-01-31", amount: 1612467, status: "stopped" }],
      stops: [{ partyId: jourenParty, decision: "SG 2026 § 7", holds: false }],
      totals: { year: 2026, granted: 1612467, paid: 0, stopped: 1612467, reclaimed: 0, outstanding: 1612467 },
      fundingRule: { kind: "yearly", schedule: { kind: "yearly", month: 1 } },
    });
    expect((await http.get(`/api/partnerships/${linkoping}/funding?year=20x6`, jouren)).status).toBe(400);
  });

  it("Borås's idea-based party invoices its own grant (003), which only the public party records as paid", async () => {
    const boras = await partnershipId("IOP Borås Stad%");
    const [g] = await t.sql<{ id: string; party_id: string }[]>`select id, party_id from grants where partnership_id = ${boras} and year = 2024`;
    const borasJouren = outsider;
    const borasStad = await http.login("boras.stad@samrad.test");
    const invoice = { intent: "payment", partyId: g.party_id, grantId: g.id, dueOn: "2024-03-31", amount: "175000", reference: "Faktura 2024-01" };
    expect(await doneShown(await record(invoice, borasJouren, boras))).toBe("Utbetalningen har lagts till.");
    const [p] = await t.sql<{ id: string; status: string; reference: string }[]>`select id, status, reference from payments where grant_id = ${g.id}`;
    expect(p).toMatchObject({ status: "due", reference: "Faktura 2024-01" });
    expect((await record({ intent: "settle", paymentId: p.id, status: "paid", settledOn: "2024-04-15" }, borasJouren, boras)).status).toBe(403);
    expect(await doneShown(await record({ intent: "settle", paymentId: p.id, status: "paid", settledOn: "2024-04-15" }, borasStad, boras))).toBe(
      "Utbetalningen har registrerats som utbetald.",
    );
    // Linköping's idea-based party is paid in January, not by invoice.
    const [lg] = await t.sql<{ id: string }[]>`select id from grants where partnership_id = ${linkoping} and year = 2025`;
    expect((await record({ ...invoice, partyId: jourenParty, grantId: lg.id }, jouren)).status).toBe(403);
    // An unknown form is not one of the page's.
    expect((await record({ intent: "delete" }, kommun)).status).toBe(404);
  });

  it("the coordinator marks a period conditional on funds, citing the clause, until the funds decision is recorded (004 §5.1)", async () => {
    const condition = (body: Record<string, string>, cookie: string) =>
      http.post(`/partnerships/${linkoping}/funding/decision`, body, { cookie });
    const stored = async () => (await t.sql<{ c: unknown }[]>`select funds_condition as c from partnerships where id = ${linkoping}`)[0].c;
    expect(await stored()).toBeNull();
    expect(await (await http.get(`/partnerships/${linkoping}/funding`, admin)).text()).toContain("Villkora avtalsperioden av medel");
    // Only the coordinator; the public party's representative neither sees the form nor may post it.
    expect(await (await http.get(`/partnerships/${linkoping}/funding`, kommun)).text()).not.toContain("Villkora avtalsperioden av medel");
    expect((await condition({ intent: "condition", clause: "§ 4" }, kommun)).status).toBe(403);
    expect((await condition({ intent: "condition", clause: "§ 4" }, outsider)).status).toBe(404);
    expect(await shownAt(await condition({ intent: "condition", clause: " " }, admin), "clause")).toBe("Fyll i fältet.");
    expect(await stored()).toBeNull();

    expect(await doneShown(await condition({ intent: "condition", clause: "Ekonomi och finansiering" }, admin))).toBe(
      "Avtalsperioden är villkorad av medel tills beslutet om medel registreras.",
    );
    expect(await stored()).toEqual({ conditional: true, clause: "Ekonomi och finansiering" });
    expect(await audited("funds.condition")).toEqual([{ clause: "Ekonomi och finansiering" }]);
    const warning =
      "Avtalsperioden gäller under förutsättning att det finns medel (Ekonomi och finansiering). Beslut om medel är inte registrerat än.";
    expect(await (await http.get(`/partnerships/${linkoping}`, jouren)).text()).toContain(warning);
    const again = await condition({ intent: "condition", clause: "§ 4" }, admin);
    expect(again.status).toBe(409);
    expect(await shownAt(again, "refused")).toBe("Avtalsperioden är redan villkorad av medel.");

    expect(await doneShown(await condition({ intent: "decide", decidedOn: "2026-02-12", reference: "SOMN 2026-41" }, admin))).toBe(
      "Beslutet om medel har registrerats.",
    );
    expect(await (await http.get(`/partnerships/${linkoping}`, jouren)).text()).not.toContain("Avtalsperioden gäller under förutsättning");
    await t.sql`update partnerships set funds_condition = null where id = ${linkoping}`;
  });

  it("is not there for a non-member: 404 on the page, its CSV, its actions and the API", async () => {
    expect((await http.get(`/partnerships/${linkoping}/funding`, outsider)).status).toBe(404);
    expect((await http.get(`/partnerships/${linkoping}/funding.csv`, outsider)).status).toBe(404);
    expect((await http.get(`/api/partnerships/${linkoping}/funding`, outsider)).status).toBe(404);
    expect((await record({ intent: "index", year: "2027", percent: "3" }, outsider)).status).toBe(404);
  });

  it("shows what Österåker must repay of unused funds once its reports state costs (000 §7)", async () => {
    const [g] = await t.sql<{ id: string; party_id: string }[]>`select id, party_id from grants where partnership_id = ${osteraker}`;
    const osterakerAdmin = admin;
    const before = await (await http.get(`/partnerships/${osteraker}/funding`, osterakerAdmin)).text();
    expect(before).toContain("Kvinnojouren i Österåker: inga kostnader är redovisade i årsrapporterna än.");
    expect(await doneShown(await record({ intent: "payment", partyId: g.party_id, grantId: g.id, dueOn: "2023-06-30", amount: "2400000" }, admin, osteraker))).toBe(
      "Utbetalningen har lagts till.",
    );
    const [p] = await t.sql<{ id: string }[]>`select id from payments where grant_id = ${g.id}`;
    await record({ intent: "settle", paymentId: p.id, status: "paid", settledOn: "2023-06-30" }, admin, osteraker);
    await t.sql`insert into yearly_reports (partnership_id, party_id, year, financial, submitted_at, updated_by)
      values (${osteraker}, ${g.party_id}, 2024, ${JSON.stringify({ costs: 1_500_000 })}::jsonb, now(), (select id from users where email = 'admin@samrad.test'))`;
    const after = await (await http.get(`/partnerships/${osteraker}/funding`, osterakerAdmin)).text();
    expect(after.replace(/\u00a0/g, " ")).toContain("Kvinnojouren i Österåker: utbetalt 2 400 000 kr, redovisade kostnader 1 500 000 kr, att återbetala 900 000 kr.");
  });
});
