import { describe, expect, it } from "vitest";
import { agreementEndsOn, committeeErrors, courtRulingEndsOn, terminationEffectiveOn } from "../../../app/domain/termination";
import { seedPartnerships } from "../../../db/seed/agreements";

const rule = (key: string) => seedPartnerships.find((p) => p.key === key)!.periodRule;

describe("effective date of a notice, by the seeds' real period rules", () => {
  it.each([
    // Österåker 000 §8: fixed to 2026-12-31; notice changes nothing, the agreement ends then.
    ["osteraker", "2023-10-11", "2026-12-31"],
    ["osteraker", "2026-12-31", "2026-12-31"],
    // Linköping 002: six months' notice, never beyond 2030-12-31.
    ["linkoping", "2025-01-01", "2025-07-01"],
    ["linkoping", "2026-08-31", "2027-02-28"],
    ["linkoping", "2030-06-30", "2030-12-30"],
    ["linkoping", "2030-07-01", "2030-12-31"],
    ["linkoping", "2030-12-31", "2030-12-31"],
    // Borås 003: three-year terms, notice at least nine months before expiry.
    ["boras", "2024-03-31", "2024-12-31"],
    ["boras", "2024-04-01", "2027-12-31"],
    ["boras", "2027-03-31", "2027-12-31"],
    ["boras", "2027-04-01", "2030-12-31"],
    // Stockholm 004 §5.1/§5.3: by 30 September, effective at the year end; capped at 2027-12-31.
    ["stockholm", "2025-04-01", "2025-12-31"],
    ["stockholm", "2025-09-30", "2025-12-31"],
    ["stockholm", "2025-10-01", "2026-12-31"],
    ["stockholm", "2026-09-30", "2026-12-31"],
    ["stockholm", "2026-10-01", "2027-12-31"],
    ["stockholm", "2027-12-31", "2027-12-31"],
  ])("%s, notice given %s → ends %s", (key, givenOn, effectiveOn) => {
    expect(terminationEffectiveOn(rule(key), givenOn)).toMatchObject({ ok: true, givenOn, effectiveOn });
  });

  it.each([
    ["osteraker", "2027-01-01"],
    ["linkoping", "2031-01-01"],
    ["stockholm", "2028-01-01"],
    ["linkoping", "2024-12-31"],
  ])("refuses %s on %s, when the agreement is not running", (key, givenOn) => {
    expect(terminationEffectiveOn(rule(key), givenOn)).toEqual({ ok: false, error: "termination.notRunning" });
  });

  it("refuses when no period is registered", () => {
    expect(terminationEffectiveOn(null, "2026-01-01")).toEqual({ ok: false, error: "termination.noPeriod" });
  });
});

describe("when the agreement as a whole ends (004 §5.3: each party ends its own commitment)", () => {
  // Stockholm: the city and three victim-support organisations.
  const parties = [
    { id: "stad", sector: "public" as const },
    { id: "gotland", sector: "idea" as const },
    { id: "sodra", sector: "idea" as const },
    { id: "vasterort", sector: "idea" as const },
  ];
  it.each([
    ["no notice", [], null],
    ["one idea party leaves, the others stay", [{ partyId: "gotland", effectiveOn: "2027-01-01" }], null],
    ["two of three idea parties leave", [{ partyId: "gotland", effectiveOn: "2027-01-01" }, { partyId: "sodra", effectiveOn: "2028-01-01" }], null],
    [
      "the last idea party leaves: the agreement ends with it",
      [
        { partyId: "gotland", effectiveOn: "2027-01-01" },
        { partyId: "sodra", effectiveOn: "2028-01-01" },
        { partyId: "vasterort", effectiveOn: "2027-06-01" },
      ],
      "2028-01-01",
    ],
    ["the city gives notice", [{ partyId: "stad", effectiveOn: "2027-01-01" }], "2027-01-01"],
    ["the city leaves after an idea party", [{ partyId: "gotland", effectiveOn: "2027-01-01" }, { partyId: "stad", effectiveOn: "2028-01-01" }], "2028-01-01"],
  ] as const)("%s", (_, notices, expected) => {
    expect(agreementEndsOn(parties, [...notices])).toBe(expected);
  });

  it("ends a two-party agreement with either party's notice", () => {
    const two = [parties[0], parties[1]];
    expect(agreementEndsOn(two, [{ partyId: "gotland", effectiveOn: "2027-01-01" }])).toBe("2027-01-01");
    expect(agreementEndsOn(two, [{ partyId: "stad", effectiveOn: "2026-07-01" }])).toBe("2026-07-01");
  });
});

// 004 §3: Socialnämnden decides for the city; notice for 2026 was due by 2025-09-30 (§5.1).
describe("the nämnd's decision behind the public party's notice", () => {
  it.each<[string, "public" | "idea", { reference?: string; decidedOn?: string }, object]>([
    ["the city, with diarienummer and date", "public", { reference: "SN 2025/630", decidedOn: "2025-09-23" }, {}],
    ["the city, decided the day of the notice", "public", { reference: "SN 2025/630", decidedOn: "2025-09-30" }, {}],
    ["the city, without either", "public", {}, { committeeReference: "termination.committeeReferenceRequired", committeeDecidedOn: "termination.committeeDecidedOnRequired" }],
    ["the city, without a date", "public", { reference: "SN 2025/630" }, { committeeDecidedOn: "termination.committeeDecidedOnRequired" }],
    ["the city, decided after the notice", "public", { reference: "SN 2025/630", decidedOn: "2025-10-01" }, { committeeDecidedOn: "termination.committeeAfterNotice" }],
    ["a Brottsofferjour, which has no nämnd", "idea", {}, {}],
  ])("%s", (_, sector, committee, expected) => {
    expect(committeeErrors(sector, "2025-09-30", committee)).toEqual(expected);
  });
});

describe("a court's final ruling (000 §10)", () => {
  it.each([
    ["2026-03-15", "2026-12-31"],
    ["2026-12-31", "2026-12-31"],
    ["2027-01-01", "2027-12-31"],
  ])("final on %s ends the agreement on %s", (finalOn, endsOn) => {
    expect(courtRulingEndsOn(finalOn)).toBe(endsOn);
  });
});
