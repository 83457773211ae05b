import { describe, expect, it } from "vitest";
import type { IsoDate } from "../../../app/domain/iso-date";
import {
  amendmentCapabilities,
  forParty,
  mayCompleteFollowUp,
  partnershipCapabilities,
  type AmendmentCapabilities,
  type AmendmentState,
  type PartnershipVerdict,
} from "../../../app/domain/partnership-capabilities";
import { LEFT, stockholmFacts as facts, TODAY, type Person } from "../../support/stockholm-facts";

const ALL = ["sf", "gotland", "sodra", "vasterort"];
const IDEA = ["gotland", "sodra", "vasterort"];
/** A verdict per party: those listed as allowed, the refusal given, everything else forbidden. */
const per = (parties: string[], allowed: string[], refusals: Record<string, PartnershipVerdict> = {}) =>
  Object.fromEntries(parties.map((p) => [p, allowed.includes(p) ? true : refusals[p] ?? "forbidden"]));

describe("partnershipCapabilities", () => {
  // person, Västerort's last day, day asked, notice for, reports for, steering decisions on reports, drafting amendments
  const table: [Person, IsoDate | null, IsoDate, ReturnType<typeof per>, ReturnType<typeof per>, PartnershipVerdict, PartnershipVerdict][] = [
    // The coordinator gives notice for any party still in, files no report, records the steering group's decisions on reports.
    ["coordinator", LEFT, TODAY, per(ALL, ["sf", "gotland", "sodra"], { vasterort: "termination.alreadyGiven" }), per(IDEA, []), true, true],
    ["coordinator", null, TODAY, per(ALL, ALL), per(IDEA, []), true, true],
    // The chair's representative: notice for its own party; the public party files no report.
    ["cityRep", LEFT, TODAY, per(ALL, ["sf"]), per(IDEA, []), true, true],
    ["gotlandRep", LEFT, TODAY, per(ALL, ["gotland"]), per(IDEA, ["gotland"]), "forbidden", true],
    // A deputy files the report but gives no notice.
    ["gotlandDeputy", LEFT, TODAY, per(ALL, []), per(IDEA, ["gotland"]), "forbidden", true],
    // An observer does neither; a representative in the cooperation group does both.
    ["sodraObserver", LEFT, TODAY, per(ALL, []), per(IDEA, []), "forbidden", "forbidden"],
    ["sodraCooperationRep", LEFT, TODAY, per(ALL, ["sodra"]), per(IDEA, ["sodra"]), "forbidden", true],
    // Västerort, once its notice is given, gives none again; from the day after it takes effect it files nothing.
    ["vasterortRep", LEFT, TODAY, per(ALL, [], { vasterort: "termination.alreadyGiven" }), per(IDEA, [], { vasterort: "report.partyHasLeft" }), "forbidden", "forbidden"],
    ["vasterortRep", LEFT, LEFT, per(ALL, [], { vasterort: "termination.alreadyGiven" }), per(IDEA, ["vasterort"]), "forbidden", true],
    ["vasterortRep", null, TODAY, per(ALL, ["vasterort"]), per(IDEA, ["vasterort"]), "forbidden", true],
    ["borasRep", LEFT, TODAY, per(ALL, []), per(IDEA, []), "forbidden", "forbidden"],
  ];

  it.each(table)("%s (Västerort until %s) on %s", (person, left, today, giveNotice, fileReport, steering, draftAmendment) => {
    const can = partnershipCapabilities(facts(person, left), today);
    expect(can).toMatchObject({ view: person === "borasRep" ? "forbidden" : true, giveNotice, fileReport, draftAmendment });
    expect([can.recordStatisticsDecision, can.reviewAccounts]).toEqual([steering, steering]);
  });

  // person, Västerort's last day, day asked, appendices created and revised for
  it.each<[Person, IsoDate | null, IsoDate, ReturnType<typeof per>]>([
    // The coordinator registers appendices for the parties taking part; what Västerort committed to stays.
    ["coordinator", LEFT, TODAY, per(ALL, ["sf", "gotland", "sodra"], { vasterort: "appendix.partyHasLeft" })],
    ["coordinator", LEFT, LEFT, per(ALL, ALL)],
    ["coordinator", null, TODAY, per(ALL, ALL)],
    // Nobody else, not even for their own party.
    ["cityRep", LEFT, TODAY, per(ALL, [])],
    ["gotlandRep", LEFT, TODAY, per(ALL, [])],
    ["vasterortRep", null, TODAY, per(ALL, [])],
    ["borasRep", LEFT, TODAY, per(ALL, [])],
  ])("appendices: %s (Västerort until %s) on %s", (person, left, today, appendices) => {
    const can = partnershipCapabilities(facts(person, left), today);
    expect([can.createAppendix, can.reviseAppendix]).toEqual([appendices, appendices]);
  });

  it.each<[Person, string, PartnershipVerdict]>([
    ["gotlandRep", "gotland", true],
    ["cityRep", "gotland", "forbidden"],
    ["sodraObserver", "sodra", "forbidden"],
    ["sodraCooperationRep", "sodra", "forbidden"],
  ])("the steering group's decisions on statistics and accounts: %s while %s chairs → %s", (person, chair, verdict) => {
    const can = partnershipCapabilities(facts(person, null, chair), TODAY);
    expect([can.recordStatisticsDecision, can.reviewAccounts]).toEqual([verdict, verdict]);
  });

  // person, Västerort's last day, day asked, follow-ups planned, court ruling recorded
  it.each<[Person, IsoDate | null, IsoDate, PartnershipVerdict, PartnershipVerdict]>([
    ["coordinator", LEFT, TODAY, true, true],
    // Steering group members with a say plan follow-ups; only the coordinator records a court's ruling.
    ["cityRep", LEFT, TODAY, true, "forbidden"],
    ["gotlandDeputy", LEFT, TODAY, true, "forbidden"],
    ["sodraObserver", LEFT, TODAY, "forbidden", "forbidden"],
    // A seat in the cooperation group only is not enough.
    ["sodraCooperationRep", LEFT, TODAY, "forbidden", "forbidden"],
    // Västerort plans while it takes part, not after.
    ["vasterortRep", LEFT, LEFT, true, "forbidden"],
    ["vasterortRep", LEFT, TODAY, "forbidden", "forbidden"],
    ["borasRep", LEFT, TODAY, "forbidden", "forbidden"],
  ])("follow-ups and court rulings: %s (Västerort until %s) on %s", (person, left, today, planFollowUps, recordCourtRuling) => {
    expect(partnershipCapabilities(facts(person, left), today)).toMatchObject({ planFollowUps, recordCourtRuling });
  });

  it("lets a follow-up's lead record its outcome even without planning rights", () => {
    const observer = partnershipCapabilities(facts("sodraObserver", null), TODAY);
    expect(mayCompleteFollowUp(observer, "u-sodra", { leadUserId: "u-sodra" })).toBe(true);
    expect(mayCompleteFollowUp(observer, "u-sodra", { leadUserId: "u-other" })).toBe("forbidden");
    expect(mayCompleteFollowUp(observer, "u-sodra", { leadUserId: null })).toBe("forbidden");
    expect(mayCompleteFollowUp(partnershipCapabilities(facts("cityRep", null), TODAY), "u-city", { leadUserId: null })).toBe(true);
  });

  it("refuses a party that is not the partnership's, or one the action does not concern", () => {
    const can = partnershipCapabilities(facts("coordinator", null), TODAY);
    expect(forParty(can.giveNotice, "elsewhere")).toBe("forbidden");
    expect(forParty(can.fileReport, "sf")).toBe("forbidden");
    expect(forParty(can.giveNotice, "toString")).toBe("forbidden");
  });

  describe("amendmentCapabilities", () => {
    const draft: AmendmentState = { valid: false, hasPeriodRule: true, applied: false, signedBy: [] };
    const signedByCity: AmendmentState = { ...draft, signedBy: ["sf"] };
    const valid: AmendmentState = { ...draft, valid: true, signedBy: ["sf", "gotland", "sodra"] };
    const applied: AmendmentState = { ...valid, applied: true };
    const noRule: AmendmentState = { ...valid, hasPeriodRule: false };
    const all = (edit: PartnershipVerdict, sign: PartnershipVerdict, applyPeriodRule: PartnershipVerdict, view: PartnershipVerdict = true): AmendmentCapabilities => ({
      view,
      edit,
      sign,
      applyPeriodRule,
    });
    // person, Västerort's last day, day asked, amendment, the record
    const rows: [Person, IsoDate | null, IsoDate, AmendmentState, AmendmentCapabilities][] = [
      ["coordinator", LEFT, TODAY, draft, all(true, "forbidden", "amendment.notValid")],
      ["coordinator", LEFT, TODAY, valid, all("amendment.validLocked", "forbidden", true)],
      ["coordinator", LEFT, TODAY, applied, all("amendment.validLocked", "forbidden", "amendment.alreadyApplied")],
      ["coordinator", LEFT, TODAY, noRule, all("amendment.validLocked", "forbidden", "amendment.noPeriodRule")],
      ["cityRep", LEFT, TODAY, draft, all(true, true, "amendment.notValid")],
      ["cityRep", LEFT, TODAY, signedByCity, all(true, "amendment.alreadySigned", "amendment.notValid")],
      ["cityRep", LEFT, TODAY, valid, all("amendment.validLocked", "amendment.alreadyValid", true)],
      ["gotlandRep", LEFT, TODAY, signedByCity, all(true, true, "amendment.notValid")],
      // A deputy drafts and edits but does not sign; nor does a representative outside the steering group.
      ["gotlandDeputy", LEFT, TODAY, draft, all(true, "forbidden", "forbidden")],
      ["sodraCooperationRep", LEFT, TODAY, draft, all(true, "forbidden", "forbidden")],
      ["sodraObserver", LEFT, TODAY, draft, all("forbidden", "forbidden", "forbidden")],
      // Västerort signs while it takes part, and nothing from the day after its notice takes effect.
      ["vasterortRep", LEFT, TODAY, draft, all("forbidden", "amendment.partyHasLeft", "amendment.notValid")],
      ["vasterortRep", LEFT, LEFT, draft, all(true, true, "amendment.notValid")],
      ["vasterortRep", LEFT, TODAY, valid, all("forbidden", "amendment.alreadyValid", true)],
      ["borasRep", LEFT, TODAY, draft, all("forbidden", "forbidden", "forbidden", "forbidden")],
    ];
    it.each(rows)("%s (Västerort until %s) on %s: %j", (person, left, today, amendment, record) => {
      expect(amendmentCapabilities(facts(person, left), amendment, today)).toEqual(record);
    });
  });
});

describe("funds", () => {
  // person, sees the funds, records grants, index figures, payments and stops
  it.each<[Person, PartnershipVerdict, PartnershipVerdict]>([
    // The coordinator and the public party's representative record; every other member only sees.
    ["coordinator", true, true],
    ["cityRep", true, true],
    ["gotlandRep", true, "forbidden"],
    ["gotlandDeputy", true, "forbidden"],
    ["sodraObserver", true, "forbidden"],
    ["sodraCooperationRep", true, "forbidden"],
    ["borasRep", "forbidden", "forbidden"],
  ])("%s", (person, viewFunds, recordFunds) => {
    expect(partnershipCapabilities(facts(person, null), TODAY)).toMatchObject({ viewFunds, recordFunds });
  });

  // person, the funds condition, recording the funds decision (004 §5.1)
  it.each<[Person, { conditional: boolean; decided: boolean } | null, PartnershipVerdict]>([
    ["coordinator", { conditional: true, decided: false }, true],
    ["coordinator", { conditional: true, decided: true }, "funds.alreadyDecided"],
    ["coordinator", { conditional: false, decided: false }, "funds.notConditional"],
    ["coordinator", null, "funds.notConditional"],
    ["cityRep", { conditional: true, decided: false }, "forbidden"],
    ["gotlandRep", { conditional: true, decided: false }, "forbidden"],
  ])("funds decision: %s with %o", (person, condition, verdict) => {
    expect(partnershipCapabilities(facts(person, null), TODAY, { condition }).recordFundsDecision).toBe(verdict);
  });

  // person, the funds condition, marking the period as conditional on funds (004 §5.1)
  it.each<[Person, { conditional: boolean; decided: boolean } | null, PartnershipVerdict]>([
    ["coordinator", null, true],
    ["coordinator", { conditional: false, decided: false }, true],
    ["coordinator", { conditional: true, decided: false }, "funds.alreadyConditional"],
    ["coordinator", { conditional: true, decided: true }, "funds.alreadyConditional"],
    ["cityRep", null, "forbidden"],
    ["gotlandRep", null, "forbidden"],
  ])("marking the period conditional: %s with %o", (person, condition, verdict) => {
    expect(partnershipCapabilities(facts(person, null), TODAY, { condition }).markFundsConditional).toBe(verdict);
  });
});

describe("invoices", () => {
  // person, whether the idea-based parties invoice (003), the parties they may add a payment or invoice for
  it.each<[Person, boolean, ReturnType<typeof per>]>([
    // Whoever records funds adds payments for every idea-based party.
    ["coordinator", false, per(IDEA, IDEA)],
    ["cityRep", true, per(IDEA, IDEA)],
    // Where the idea-based party invoices, its representatives and deputies add their own invoices, no one else's.
    ["gotlandRep", true, per(IDEA, ["gotland"])],
    ["gotlandDeputy", true, per(IDEA, ["gotland"])],
    ["gotlandRep", false, per(IDEA, [])],
    ["sodraObserver", true, per(IDEA, [])],
    ["borasRep", true, per(IDEA, [])],
  ])("%s (invoiced: %s)", (person, invoiced, recordInvoice) => {
    expect(partnershipCapabilities(facts(person, null), TODAY, { condition: null, invoiced }).recordInvoice).toEqual(recordInvoice);
  });
});
