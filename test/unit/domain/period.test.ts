import { describe, expect, it } from "vitest";
import { periodStatus, validatePeriodRule, type IsoDate, type PeriodRule } from "../../../app/domain/period";

/** The period clauses of the seed agreements (/work/shared/seeds), as rules. */
export const seedRules = {
  // 000 §8: "Överenskommelsen gäller till och med den 31 december 2026". Neither 000 nor the
  // committee paper 001 gives a start (the signature dates are blank), so none is invented: the
  // agreement counts as running on any day up to its end.
  osteraker: { kind: "fixed", start: null, end: "2026-12-31" },
  // 002 Avtalsperiod: 2025-01-01..2030-12-31; leaving early needs six months' written notice.
  linkoping: { kind: "fixedWithNotice", start: "2025-01-01", end: "2030-12-31", noticeMonths: 6 },
  // 003: 1 January 2022..31 December 2024, renewed for another period unless terminated at least
  // nine months before expiry.
  boras: { kind: "renewingTerm", start: "2022-01-01", end: "2024-12-31", noticeMonths: 9 },
  // 004 §5.1, §5.3: 2025-04-01..2025-12-31, then one calendar year at a time up to 2027-12-31,
  // unless notice is given by 30 September, effective 1 January.
  stockholm: {
    kind: "annualRenewal",
    start: "2025-04-01",
    firstEnd: "2025-12-31",
    cap: "2027-12-31",
    noticeBy: { month: 9, day: 30 },
  },
} satisfies Record<string, PeriodRule>;

const rules = {
  ...seedRules,
  // A three-year renewing term ending on a leap day.
  leapTerm: { kind: "renewingTerm", start: "2025-03-01", end: "2028-02-29", noticeMonths: 9 },
  // Stockholm's clause with the cap at the end of the first period: nothing to renew.
  noRenewal: { ...seedRules.stockholm, cap: "2025-12-31" },
} satisfies Record<string, PeriodRule>;

type RuleName = keyof typeof rules;

describe("periodStatus: start and end", () => {
  it.each<[RuleName, IsoDate | null]>([
    ["osteraker", "2026-12-31"],
    ["linkoping", "2030-12-31"],
    ["boras", null], // renews indefinitely
    ["stockholm", "2027-12-31"], // the cap
    ["leapTerm", null],
    ["noRenewal", "2025-12-31"],
  ])("%s ends %s", (name, end) => {
    const status = periodStatus(rules[name], "2025-06-01");
    expect(status.start).toBe(rules[name].start);
    expect(status.end).toBe(end);
  });
});

describe("periodStatus", () => {
  // [rule, on, current period (null: not running), notice deadline, end if notice is given on `on`]
  it.each<[RuleName, IsoDate, string | null, IsoDate | null, IsoDate | null]>([
    // Österåker: fixed end, no notice clause.
    ["osteraker", "2023-10-10", "?..2026-12-31", null, "2026-12-31"],
    ["osteraker", "2026-12-31", "?..2026-12-31", null, "2026-12-31"],
    ["osteraker", "2027-01-01", null, null, null],

    // Linköping: fixed end, early exit six months after notice.
    ["linkoping", "2024-12-31", null, null, null],
    ["linkoping", "2025-01-01", "2025-01-01..2030-12-31", null, "2025-07-01"],
    ["linkoping", "2025-03-15", "2025-01-01..2030-12-31", null, "2025-09-15"],
    ["linkoping", "2025-08-31", "2025-01-01..2030-12-31", null, "2026-02-28"],
    ["linkoping", "2027-08-31", "2025-01-01..2030-12-31", null, "2028-02-29"], // into a leap February
    ["linkoping", "2028-08-31", "2025-01-01..2030-12-31", null, "2029-02-28"],
    ["linkoping", "2028-02-29", "2025-01-01..2030-12-31", null, "2028-08-29"],
    ["linkoping", "2030-06-30", "2025-01-01..2030-12-31", null, "2030-12-30"],
    ["linkoping", "2030-07-01", "2025-01-01..2030-12-31", null, "2030-12-31"], // capped at the end
    ["linkoping", "2030-08-01", "2025-01-01..2030-12-31", null, "2030-12-31"],
    ["linkoping", "2030-12-31", "2025-01-01..2030-12-31", null, "2030-12-31"],
    ["linkoping", "2031-01-01", null, null, null],

    // Borås: three-year terms, notice at least nine months before each expiry.
    ["boras", "2021-12-31", null, "2024-03-31", null],
    ["boras", "2022-01-01", "2022-01-01..2024-12-31", "2024-03-31", "2024-12-31"],
    ["boras", "2024-03-31", "2022-01-01..2024-12-31", "2024-03-31", "2024-12-31"], // the deadline itself
    ["boras", "2024-04-01", "2022-01-01..2024-12-31", "2027-03-31", "2027-12-31"], // too late: one more term
    ["boras", "2024-12-31", "2022-01-01..2024-12-31", "2027-03-31", "2027-12-31"],
    ["boras", "2025-01-01", "2025-01-01..2027-12-31", "2027-03-31", "2027-12-31"],
    ["boras", "2027-03-31", "2025-01-01..2027-12-31", "2027-03-31", "2027-12-31"],
    ["boras", "2027-04-01", "2025-01-01..2027-12-31", "2030-03-31", "2030-12-31"],
    ["boras", "2027-12-31", "2025-01-01..2027-12-31", "2030-03-31", "2030-12-31"],
    ["boras", "2028-01-01", "2028-01-01..2030-12-31", "2030-03-31", "2030-12-31"],
    ["boras", "2030-12-31", "2028-01-01..2030-12-31", "2033-03-31", "2033-12-31"],
    ["boras", "2100-06-15", "2100-01-01..2102-12-31", "2102-03-31", "2102-12-31"],

    // A renewing term ending on 29 February 2028: nine months earlier is 29 May 2027.
    ["leapTerm", "2027-05-29", "2025-03-01..2028-02-29", "2027-05-29", "2028-02-29"],
    ["leapTerm", "2027-05-30", "2025-03-01..2028-02-29", "2030-05-28", "2031-02-28"],
    ["leapTerm", "2028-02-29", "2025-03-01..2028-02-29", "2030-05-28", "2031-02-28"],
    ["leapTerm", "2028-03-01", "2028-03-01..2031-02-28", "2030-05-28", "2031-02-28"],
    ["leapTerm", "2031-03-01", "2031-03-01..2034-02-28", "2033-05-28", "2034-02-28"],

    // Stockholm: first period to 2025-12-31, then calendar years, capped at 2027-12-31.
    ["stockholm", "2025-03-31", null, "2025-09-30", null],
    ["stockholm", "2025-04-01", "2025-04-01..2025-12-31", "2025-09-30", "2025-12-31"],
    ["stockholm", "2025-09-30", "2025-04-01..2025-12-31", "2025-09-30", "2025-12-31"], // the deadline itself
    ["stockholm", "2025-10-01", "2025-04-01..2025-12-31", "2026-09-30", "2026-12-31"], // renewal for 2026 is certain
    ["stockholm", "2025-12-31", "2025-04-01..2025-12-31", "2026-09-30", "2026-12-31"],
    ["stockholm", "2026-01-01", "2026-01-01..2026-12-31", "2026-09-30", "2026-12-31"],
    ["stockholm", "2026-09-30", "2026-01-01..2026-12-31", "2026-09-30", "2026-12-31"],
    ["stockholm", "2026-10-01", "2026-01-01..2026-12-31", null, "2027-12-31"], // the last renewal is certain
    ["stockholm", "2026-12-31", "2026-01-01..2026-12-31", null, "2027-12-31"],
    ["stockholm", "2027-01-01", "2027-01-01..2027-12-31", null, "2027-12-31"], // final, capped year
    ["stockholm", "2027-09-30", "2027-01-01..2027-12-31", null, "2027-12-31"],
    ["stockholm", "2027-10-01", "2027-01-01..2027-12-31", null, "2027-12-31"],
    ["stockholm", "2027-12-31", "2027-01-01..2027-12-31", null, "2027-12-31"], // the cap reached
    ["stockholm", "2028-01-01", null, null, null],

    // Capped at the end of the first period: no renewal to stop.
    ["noRenewal", "2025-03-31", null, null, null],
    ["noRenewal", "2025-06-01", "2025-04-01..2025-12-31", null, "2025-12-31"],
    ["noRenewal", "2026-01-01", null, null, null],
  ])("%s on %s: period %s, notice by %s, ends %s if notice is given", (name, on, current, noticeDeadline, endIfNoticeToday) => {
    // "?" stands for a start the agreement does not state.
    const [currentPeriodStart, currentPeriodEnd] = current === null ? [null, null] : current.split("..").map((d) => (d === "?" ? null : d));
    expect(periodStatus(rules[name], on)).toMatchObject({
      running: current !== null,
      currentPeriodStart,
      currentPeriodEnd,
      noticeDeadline,
      endIfNoticeToday,
    });
  });

  it("throws on an invalid rule or date", () => {
    expect(() => periodStatus({ kind: "fixed", start: "2026-01-01", end: "2025-12-31" }, "2025-06-01")).toThrow(RangeError);
    expect(() => periodStatus(seedRules.boras, "2025-02-30")).toThrow(RangeError);
  });
});

describe("validatePeriodRule", () => {
  it.each(Object.entries(rules))("accepts %s", (_, rule) => {
    expect(validatePeriodRule(rule)).toEqual([]);
  });

  it.each<[string, PeriodRule, string[]]>([
    ["end before start", { kind: "fixed", start: "2027-01-01", end: "2026-12-31" }, ["period.endBeforeStart"]],
    ["one-day period", { kind: "fixed", start: "2026-12-31", end: "2026-12-31" }, []],
    ["malformed date", { kind: "fixed", start: "2025-1-1", end: "2026-12-31" }, ["period.dateInvalid"]],
    ["impossible date", { ...seedRules.linkoping, end: "2030-02-29" }, ["period.dateInvalid"]],
    ["no notice period", { ...seedRules.linkoping, noticeMonths: 0 }, ["period.noticeMonthsInvalid"]],
    ["notice over three years", { ...seedRules.linkoping, noticeMonths: 37 }, ["period.noticeMonthsInvalid"]],
    ["fractional notice", { ...seedRules.boras, noticeMonths: 1.5 }, ["period.noticeMonthsInvalid"]],
    ["three years' notice", { ...seedRules.boras, noticeMonths: 36 }, []],
    ["term not whole months", { ...seedRules.boras, end: "2024-12-30" }, ["period.termNotWholeMonths"]],
    ["term from the 31st", { ...seedRules.boras, start: "2022-01-31", end: "2022-02-27" }, []],
    [
      "renewing term backwards, bad notice",
      { kind: "renewingTerm", start: "2025-01-01", end: "2024-12-31", noticeMonths: 0 },
      ["period.endBeforeStart", "period.noticeMonthsInvalid"],
    ],
    ["first end before start", { ...seedRules.stockholm, start: "2026-01-01" }, ["period.endBeforeStart"]],
    ["cap before first end", { ...seedRules.stockholm, cap: "2024-12-31" }, ["period.capBeforeFirstEnd"]],
    ["first end not 31 December", { ...seedRules.stockholm, firstEnd: "2025-06-30" }, ["period.notYearEnd"]],
    ["cap not 31 December", { ...seedRules.stockholm, cap: "2027-06-30" }, ["period.notYearEnd"]],
    ["notice day 31 September", { ...seedRules.stockholm, noticeBy: { month: 9, day: 31 } }, ["period.noticeDayInvalid"]],
    ["notice day 29 February", { ...seedRules.stockholm, noticeBy: { month: 2, day: 29 } }, ["period.noticeDayInvalid"]],
    ["notice month 13", { ...seedRules.stockholm, noticeBy: { month: 13, day: 1 } }, ["period.noticeDayInvalid"]],
    ["notice day 0", { ...seedRules.stockholm, noticeBy: { month: 9, day: 0 } }, ["period.noticeDayInvalid"]],
    ["notice on 31 December", { ...seedRules.stockholm, noticeBy: { month: 12, day: 31 } }, []],
  ])("%s", (_, rule, problems) => {
    expect(validatePeriodRule(rule)).toEqual(problems);
  });
});
