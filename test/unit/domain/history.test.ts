import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { historySentence, kindOf, referencedIds, type HistoryEntry, type HistoryNames } from "../../../app/domain/history";
import { parseHistoryFilter } from "../../../app/forms/history-filter";
import { historyQuery } from "../../../app/forms/history-query";
import { translator } from "../../../app/i18n";
import { sv } from "../../../app/i18n/sv";

const M = "11111111-1111-4111-8111-111111111111";
const G = "22222222-2222-4222-8222-222222222222";
const U = "33333333-3333-4333-8333-333333333333";
const P = "44444444-4444-4444-8444-444444444444";
const D = "55555555-5555-4555-8555-555555555555";
const C = "66666666-6666-4666-8666-666666666666";

const names: HistoryNames = {
  users: { [U]: "Ahmed Karimi" },
  meetings: { [M]: "Styrgruppen – januarimöte" },
  groups: { [G]: "Styrgruppen" },
  parties: { [P]: "Brottsofferjouren Västerort" },
  decisions: { [D]: "SG 2026 § 7" },
  cases: { [C]: "Jouren saknar rapport" },
};

const t = translator("sv");
const meeting = `meeting:${M}`;
const group = `group:${G}`;
const partnership = "partnership:77777777-7777-4777-8777-777777777777";

/** Every action the app audits, with details as it records them, and the sentence the history shows. */
const cases: [action: string, subject: string | null, details: Record<string, unknown>, sentence: string][] = [
  ["partnership.create", partnership, { name: "IOP Stockholm" }, "Eva Lindqvist skapade partnerskapet IOP Stockholm"],
  ["group.create", partnership, { groupId: G, name: "Styrgruppen" }, "Eva Lindqvist skapade gruppen Styrgruppen"],
  ["group.member.set", group, { userId: U, partyId: P, role: "deputy" }, "Eva Lindqvist gjorde Ahmed Karimi till ersättare i Styrgruppen för Brottsofferjouren Västerort"],
  ["group.rotation.set", group, { order: [] }, "Eva Lindqvist bestämde rotationen i Styrgruppen"],
  ["group.rotation.skip", group, { turnIndex: 2, reason: "Sjukdom" }, "Eva Lindqvist hoppade över en tur i rotationen i Styrgruppen"],
  ["group.rotation.holder", group, { turnIndex: 1, userId: U }, "Eva Lindqvist utsåg Ahmed Karimi för turen i Styrgruppen"],
  ["group.convener.set", group, { convenerPartyId: P }, "Eva Lindqvist bestämde vem som kallar till Styrgruppen"],
  ["meeting.create", meeting, { groupId: G, title: "Styrgruppen – januarimöte" }, "Eva Lindqvist skapade mötet Styrgruppen – januarimöte i Styrgruppen"],
  ["meeting.update", meeting, {}, "Eva Lindqvist ändrade mötet Styrgruppen – januarimöte"],
  ["meeting.cancel", meeting, { reason: "Snöstorm" }, "Eva Lindqvist ställde in Styrgruppen – januarimöte"],
  ["meeting.notice", meeting, {}, "Eva Lindqvist skickade kallelse till Styrgruppen – januarimöte"],
  ["document.upload", meeting, { title: "Budgetförslag" }, "Eva Lindqvist bifogade handlingen ”Budgetförslag” till Styrgruppen – januarimöte"],
  ["document.replace", meeting, { title: "Budgetförslag" }, "Eva Lindqvist laddade upp en ny version av handlingen ”Budgetförslag” i Styrgruppen – januarimöte"],
  ["document.delete", meeting, { title: "Budgetförslag" }, "Eva Lindqvist tog bort handlingen ”Budgetförslag” från Styrgruppen – januarimöte"],
  ["meeting.rsvp", meeting, { rsvp: "declined" }, "Eva Lindqvist svarade på kallelsen till Styrgruppen – januarimöte att hen inte kommer"],
  ["meeting.presence", meeting, { present: [U, U] }, "Eva Lindqvist registrerade närvaro vid Styrgruppen – januarimöte (2 närvarande)"],
  ["agenda.add", meeting, { title: "Budget" }, "Eva Lindqvist lade till punkten ”Budget” på dagordningen för Styrgruppen – januarimöte"],
  ["agenda.propose", meeting, { title: "Budget" }, "Eva Lindqvist föreslog punkten ”Budget” till Styrgruppen – januarimöte"],
  ["agenda.accept", meeting, { title: "Budget" }, "Eva Lindqvist tog upp den föreslagna punkten ”Budget” på dagordningen för Styrgruppen – januarimöte"],
  ["agenda.remove", meeting, { title: "Budget" }, "Eva Lindqvist tog bort punkten ”Budget” från dagordningen för Styrgruppen – januarimöte"],
  ["agenda.up", meeting, { title: "Budget" }, "Eva Lindqvist flyttade upp punkten ”Budget” på dagordningen för Styrgruppen – januarimöte"],
  ["agenda.down", meeting, { title: "Budget" }, "Eva Lindqvist flyttade ned punkten ”Budget” på dagordningen för Styrgruppen – januarimöte"],
  ["minutes.forApproval", meeting, { adjusters: [U] }, "Eva Lindqvist skickade protokollet från Styrgruppen – januarimöte för justering"],
  ["minutes.approve", meeting, { contentSha256: "ab" }, "Eva Lindqvist justerade protokollet från Styrgruppen – januarimöte"],
  ["minutes.final", meeting, { contentSha256: "ab" }, "Protokollet från Styrgruppen – januarimöte blev justerat"],
  [
    "minutes.personnummer.confirm",
    meeting,
    { reason: "Offentlig uppgift", count: 1 },
    "Eva Lindqvist behöll personnummer i protokollet från Styrgruppen – januarimöte med motiveringen ”Offentlig uppgift”",
  ],
  ["minutes.correction.add", meeting, { correctionId: 1, text: "x" }, "Eva Lindqvist lade till en rättelse i protokollet från Styrgruppen – januarimöte"],
  ["minutes.correction.approve", meeting, { correctionId: 1 }, "Eva Lindqvist justerade en rättelse i protokollet från Styrgruppen – januarimöte"],
  ["decision.create", group, { decisionId: D, year: 2026, number: 7 }, "Eva Lindqvist registrerade beslut SG 2026 § 7 i Styrgruppen"],
  ["decision.propose", group, { decisionId: D }, "Eva Lindqvist föreslog beslut SG 2026 § 7 per capsulum i Styrgruppen"],
  [
    "decision.position",
    group,
    { decisionId: D, partyId: P, position: "agree" },
    "Eva Lindqvist lämnade ställningstagandet för Brottsofferjouren Västerort till beslut SG 2026 § 7",
  ],
  ["decision.close", group, { decisionId: D, status: "adopted" }, "Eva Lindqvist avslutade beslut SG 2026 § 7"],
  ["decision.record", group, { decisionId: D }, "Eva Lindqvist registrerade beslut SG 2026 § 7 per capsulum vid mötet"],
  ["decision.review", group, { decisionId: D, reviewOn: "2027-01-31" }, "Eva Lindqvist satte uppföljningsdatum 2027-01-31 för beslut SG 2026 § 7"],
  ["decision.task.add", group, { decisionId: D, ownerId: U, title: "Ta fram underlag" }, "Eva Lindqvist gav Ahmed Karimi uppgiften ”Ta fram underlag” till beslut SG 2026 § 7"],
  ["decision.task.done", group, { decisionId: D }, "Eva Lindqvist markerade en uppgift till beslut SG 2026 § 7 som klar"],
  ["case.open.shortcoming", partnership, { caseId: C, title: "Jouren saknar rapport" }, "Eva Lindqvist anmälde en brist: Jouren saknar rapport"],
  ["case.open.dispute", partnership, { caseId: C }, "Eva Lindqvist anmälde oenighet: Jouren saknar rapport"],
  ["case.open.information", partnership, { caseId: C }, "Eva Lindqvist anmälde ändrade förhållanden: Jouren saknar rapport"],
  ["case.open.renegotiation", partnership, { caseId: C }, "Eva Lindqvist begärde omförhandling: Jouren saknar rapport"],
  ["case.step", partnership, { caseId: C, event: "requirePlan" }, "Eva Lindqvist registrerade ett steg i ärendet Jouren saknar rapport"],
  ["case.plan.change", partnership, { caseId: C }, "Eva Lindqvist ändrade åtgärdsplanen i ärendet Jouren saknar rapport"],
  ["amendment.create", partnership, { title: "Ny bilaga" }, "Eva Lindqvist skrev ett utkast till ändringen ”Ny bilaga”"],
  ["amendment.edit", partnership, { title: "Ny bilaga" }, "Eva Lindqvist redigerade ändringen ”Ny bilaga”"],
  ["amendment.sign", partnership, { title: "Ny bilaga", partyId: P }, "Eva Lindqvist skrev under ändringen ”Ny bilaga” för Brottsofferjouren Västerort"],
  ["amendment.valid", partnership, { title: "Ny bilaga" }, "Ändringen ”Ny bilaga” blev gällande"],
  ["amendment.apply", partnership, { title: "Ny bilaga" }, "Eva Lindqvist införde avtalsperioden från ändringen ”Ny bilaga”"],
  ["appendix.create", partnership, { title: "Bilaga 1" }, "Eva Lindqvist registrerade bilagan ”Bilaga 1”"],
  ["appendix.revise", partnership, { version: 2 }, "Eva Lindqvist ändrade en bilaga (version 2)"],
  ["termination.give", partnership, { partyId: P, effectiveOn: "2027-12-31" }, "Eva Lindqvist sade upp avtalet för Brottsofferjouren Västerort från 2027-12-31"],
  ["courtRuling.record", partnership, {}, "Eva Lindqvist registrerade en lagakraftvunnen dom"],
  ["report.file", partnership, { partyId: P, year: 2025 }, "Eva Lindqvist lämnade in årsrapporten 2025 för Brottsofferjouren Västerort"],
  ["report.update", partnership, { partyId: P, year: 2025 }, "Eva Lindqvist ändrade årsrapporten 2025 för Brottsofferjouren Västerort"],
  ["report.statistics", partnership, {}, "Eva Lindqvist ändrade vilken statistik årsrapporterna ska innehålla"],
  ["report.accountsApproved", partnership, {}, "Eva Lindqvist registrerade att styrgruppen godkände ett bokslut"],
  ["report.accountsSentBack", partnership, {}, "Eva Lindqvist registrerade att styrgruppen skickade tillbaka ett bokslut"],
  ["followUp.plan", partnership, { title: "Utvärdering", dueOn: "2027-03-01" }, "Eva Lindqvist planerade uppföljningen ”Utvärdering” till 2027-03-01"],
  ["followUp.done", partnership, {}, "Eva Lindqvist registrerade resultatet av en uppföljning"],
  ["funds.grant", partnership, { partyId: P, year: 2026, amount: 250000 }, "Eva Lindqvist registrerade beviljade medel 2026 för Brottsofferjouren Västerort: 250\u00a0000 kr"],
  ["funds.index", partnership, { year: 2026 }, "Eva Lindqvist registrerade indextal för 2026"],
  ["funds.payment.add", partnership, { partyId: P, amount: 1000 }, "Eva Lindqvist lade till en utbetalning till Brottsofferjouren Västerort på 1\u00a0000 kr"],
  ["funds.payment.paid", partnership, { partyId: P, status: "paid" }, "Eva Lindqvist registrerade en utbetalning till Brottsofferjouren Västerort som utbetald"],
  ["funds.payment.stopped", partnership, { partyId: P, status: "stopped" }, "Eva Lindqvist registrerade en utbetalning till Brottsofferjouren Västerort som stoppad"],
  ["funds.payment.reclaimed", partnership, { partyId: P, status: "reclaimed" }, "Eva Lindqvist registrerade en utbetalning till Brottsofferjouren Västerort som återkrävd"],
  ["funds.stop", partnership, { partyId: P }, "Eva Lindqvist stoppade utbetalningarna till Brottsofferjouren Västerort"],
  ["funds.lift", partnership, { partyId: P }, "Eva Lindqvist hävde stoppet av utbetalningar till Brottsofferjouren Västerort"],
  ["funds.decision", partnership, {}, "Eva Lindqvist registrerade beslutet om medel"],
  ["funds.condition", partnership, { clause: "§ 6" }, "Eva Lindqvist villkorade avtalsperioden av medel"],
  ["invitation.create", null, { email: "ny@kommun.se" }, "Eva Lindqvist bjöd in ny@kommun.se"],
  ["invitation.accept", null, {}, "Eva Lindqvist tackade ja till sin inbjudan"],
  ["auth.login", null, {}, "Eva Lindqvist loggade in"],
  ["auth.logout", null, {}, "Eva Lindqvist loggade ut"],
  ["auth.password.change", null, {}, "Eva Lindqvist bytte sitt lösenord"],
  ["auth.password.resetRequest", null, {}, "Eva Lindqvist begärde en länk för att välja nytt lösenord"],
  ["auth.password.reset", null, {}, "Eva Lindqvist valde ett nytt lösenord via e-postlänken"],
  ["calendar.token.rotate", null, {}, "Eva Lindqvist bytte adressen till sitt kalenderflöde"],
  ["api.token.create", null, { name: "Diariet" }, "Eva Lindqvist skapade API-nyckeln ”Diariet”"],
  ["api.token.revoke", null, {}, "Eva Lindqvist återkallade en API-nyckel"],
  ["outbox.requeue", null, {}, "Eva Lindqvist skickade ett e-postmeddelande igen"],
];

const entry = (action: string, subject: string | null, details: Record<string, unknown>, actor: string | null = "Eva Lindqvist"): HistoryEntry => ({
  action,
  subject,
  details,
  actor,
});

describe("historySentence", () => {
  it.each(cases)("%s reads as a sentence", (action, subject, details, sentence) => {
    expect(historySentence(t, "sv", entry(action, subject, details), names)).toBe(sentence);
  });

  it("reads in English for an English user", () => {
    expect(historySentence(translator("en"), "en", entry("meeting.notice", meeting, {}), names)).toBe("Eva Lindqvist sent the notice of Styrgruppen – januarimöte");
    expect(historySentence(translator("en"), "en", entry("funds.grant", partnership, { partyId: P, year: 2026, amount: 250000 }), names)).toBe(
      "Eva Lindqvist recorded a grant for 2026 to Brottsofferjouren Västerort: SEK 250,000"
    );
  });

  it("says what it can when a name is gone or nobody was logged in", () => {
    expect(historySentence(t, "sv", entry("meeting.notice", "meeting:99999999-9999-4999-8999-999999999999", {}), names)).toBe("Eva Lindqvist skickade kallelse till ett möte");
    expect(historySentence(t, "sv", entry("auth.password.resetRequest", null, {}, null), names)).toBe("Någon begärde en länk för att välja nytt lösenord");
  });

  it("falls back to the action's label, or the action itself, for an action without a sentence", () => {
    expect(historySentence(t, "sv", entry("meeting.unheardOf", meeting, {}), names)).toBe("Eva Lindqvist: meeting.unheardOf");
  });

  it("has a sentence in both languages for every action the app audits", () => {
    const audited = new Set<string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (/\.tsx?$/.test(name)) for (const m of readFileSync(file, "utf8").matchAll(/action: "([a-zA-Z.]+)"/g)) audited.add(m[1]);
      }
    };
    walk(path.resolve(__dirname, "../../../app"));
    const covered = new Set(cases.map(([action]) => action));
    expect([...audited].filter((a) => !covered.has(a) || !(`history.s.${a}` in sv))).toEqual([]);
    expect(audited.size).toBeGreaterThan(40);
  });
});

describe("kindOf", () => {
  it.each([
    ["meeting.notice", "meetings"],
    ["agenda.add", "meetings"],
    ["minutes.final", "minutes"],
    ["decision.position", "decisions"],
    ["case.open.dispute", "cases"],
    ["group.create", "agreement"],
    ["group.convener.set", "agreement"],
    ["amendment.sign", "agreement"],
    ["termination.give", "agreement"],
    ["group.member.set", "members"],
    ["group.rotation.skip", "members"],
    ["funds.payment.paid", "money"],
    ["report.file", "money"],
    ["followUp.plan", "money"],
    ["auth.login", "other"],
  ])("%s is %s", (action, kind) => expect(kindOf(action)).toBe(kind));
});

describe("referencedIds", () => {
  it("collects each id once, from subjects and details, and nothing that is not an id", () => {
    const ids = referencedIds([
      { subject: meeting, details: { userId: U } },
      { subject: group, details: { decisionId: D, partyId: P, userId: U } },
      { subject: partnership, details: { caseId: C, meetingId: "not-an-id" } },
    ]);
    expect(ids).toEqual({ users: [U], meetings: [M], groups: [G], parties: [P], decisions: [D], cases: [C] });
  });
});

describe("history filter", () => {
  it.each([
    ["", { kind: null, personId: null, from: null, to: null, page: 1 }, {}],
    [`kind=decisions&person=${U}&from=2026-01-01&to=2026-01-31&page=3`, { kind: "decisions", personId: U, from: "2026-01-01", to: "2026-01-31", page: 3 }, {}],
    ["kind=bogus&person=1&from=2026-13-01&to=igår&page=-2", { kind: null, personId: null, from: null, to: null, page: 1 }, { from: true, to: true }],
  ])("?%s", (query, filter, errors) => {
    expect(parseHistoryFilter(new URLSearchParams(query))).toEqual({ filter, errors });
  });

  it("keeps the filter in paging links", () => {
    expect(historyQuery({ kind: "cases", personId: null, from: "2026-01-01", to: null, page: 4 }, 2)).toBe("?kind=cases&from=2026-01-01&page=2");
    expect(historyQuery({ kind: null, personId: null, from: null, to: null, page: 1 })).toBe("");
  });
});
