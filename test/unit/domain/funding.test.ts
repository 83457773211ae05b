import { describe, expect, it } from "vitest";
import { fundsTotals, parsePercent, proposedAmount, scheduledDueOn, unusedToRepay, type FundingRule } from "../../../app/domain/funding";
import { seedPartnerships } from "../../../db/seed/agreements";

const rule = (key: string): FundingRule => seedPartnerships.find((p) => p.key === key)!.fundingRule;
const NO_INDEX = new Map<number, string>();
// Invented index figures of the nämnd, to show the compounding; the agreement names the index, not its figures.
const INDEXES = new Map([
  [2026, "2.6"],
  [2027, "3,1"],
]);

describe("proposedAmount, with the agreements' own figures", () => {
  it.each<[string, number, ReadonlyMap<number, string>, number | null]>([
    // 000 §7: 2 400 000 kr once.
    ["osteraker", 2023, NO_INDEX, 2_400_000],
    // 002: 1 571 605 kr in 2025; indexed from 2026 by each year's figure, compounding, whole kronor.
    ["linkoping", 2024, INDEXES, null],
    ["linkoping", 2025, INDEXES, 1_571_605],
    ["linkoping", 2025, NO_INDEX, 1_571_605],
    ["linkoping", 2026, INDEXES, Math.round(1_571_605 * 1.026)],
    ["linkoping", 2026, NO_INDEX, null],
    ["linkoping", 2027, INDEXES, Math.round(Math.round(1_571_605 * 1.026) * 1.031)],
    ["linkoping", 2028, INDEXES, null],
    // 003: 700 000 kr a year 2022–2024 (KF 2021-11-17/18), the standing 550 000 otherwise.
    ["boras", 2021, NO_INDEX, null],
    ["boras", 2022, NO_INDEX, 700_000],
    ["boras", 2024, NO_INDEX, 700_000],
    ["boras", 2025, NO_INDEX, 550_000],
    // 004 §5.2: each party's appendix states its grant.
    ["stockholm", 2026, NO_INDEX, null],
  ])("%s %i", (key, year, indexes, expected) => {
    expect(proposedAmount(rule(key), year, indexes)).toBe(expected);
  });

  it("rounds the indexed amount to whole kronor", () => {
    expect(proposedAmount(rule("linkoping"), 2026, new Map([[2026, "2.6"]]))).toBe(1_612_467);
  });

  it("proposes nothing without a rule", () => expect(proposedAmount(null, 2026, NO_INDEX)).toBeNull());
});

describe("parsePercent", () => {
  it.each<[string, number | null]>([
    ["2.6", 2.6],
    ["2,6", 2.6],
    ["-0.5", -0.5],
    ["3", 3],
    ["2.655", null],
    ["", null],
    ["1e2", null],
  ])("%s", (text, expected) => expect(parsePercent(text)).toBe(expected));
});

describe("scheduledDueOn", () => {
  it.each<[string, number, string | null]>([
    // 002: paid in January each year.
    ["linkoping", 2025, "2025-01-31"],
    ["linkoping", 2026, "2026-01-31"],
    // 000: once, on the nämnd's decision; 003: by invoice; 004: per appendix.
    ["osteraker", 2023, null],
    ["boras", 2023, null],
    ["stockholm", 2026, null],
  ])("%s %i", (key, year, expected) => expect(scheduledDueOn(rule(key).schedule, year)).toBe(expected));

  it("takes the month's last day", () => expect(scheduledDueOn({ kind: "yearly", month: 2 }, 2028)).toBe("2028-02-29"));
});

describe("fundsTotals", () => {
  it("sums grants and payments by year, a reclaimed payment paid and then repaid", () => {
    const totals = fundsTotals(
      [
        { year: 2022, amount: 700_000 },
        { year: 2023, amount: 700_000 },
        { year: 2025, amount: 1_571_605 },
      ],
      [
        { year: 2022, amount: 700_000, status: "paid" },
        { year: 2023, amount: 350_000, status: "reclaimed" },
        { year: 2023, amount: 350_000, status: "stopped" },
        { year: 2025, amount: 1_571_605, status: "due" },
      ],
    );
    expect(totals).toEqual([
      { year: 2022, granted: 700_000, paid: 700_000, stopped: 0, reclaimed: 0, outstanding: 0 },
      { year: 2023, granted: 700_000, paid: 350_000, stopped: 350_000, reclaimed: 350_000, outstanding: 350_000 },
      { year: 2025, granted: 1_571_605, paid: 0, stopped: 0, reclaimed: 0, outstanding: 1_571_605 },
    ]);
  });

  it("is empty without grants", () => expect(fundsTotals([], [])).toEqual([]));
});

describe("unusedToRepay", () => {
  it.each<[string, number, number, number[], number | null]>([
    // 000 §7: unused funds are repaid: what was paid less the costs reported.
    ["osteraker", 2_400_000, 0, [800_000, 900_000], 700_000],
    ["osteraker", 2_400_000, 100_000, [800_000, 900_000], 600_000],
    ["osteraker", 2_400_000, 0, [2_500_000], 0],
    // No report states costs yet: nothing to compute.
    ["osteraker", 2_400_000, 0, [], null],
    // 002 reclaims only what is not used "för avsett ändamål"; 003 reclaims nothing; 004 after a breach.
    ["linkoping", 1_571_605, 0, [1_000_000], null],
    ["boras", 700_000, 0, [500_000], null],
    ["stockholm", 0, 0, [0], null],
  ])("%s", (key, paid, reclaimed, costs, expected) => expect(unusedToRepay(rule(key), paid, reclaimed, costs)).toBe(expected));
});
