import { describe, expect, it } from "vitest";
import {
  DEFAULT_STATISTIC_KEYS,
  compileReports,
  currentReportYear,
  normaliseStatisticKeys,
  reachedByYear,
  reportCsvRows,
  reportDueOn,
  reportStatus,
  toCsv,
  type FiledReport,
} from "../../../app/domain/yearly-report";

describe("due date and status", () => {
  it("is due one month after the year ends", () => {
    expect(reportDueOn(2025)).toBe("2026-01-31");
  });

  it.each([
    [false, "2025-06-30", { status: "notYetDue" }],
    [false, "2025-11-30", { status: "notYetDue" }],
    [false, "2025-12-01", { status: "reminder", daysLeft: 61 }],
    [false, "2026-01-30", { status: "reminder", daysLeft: 1 }],
    [false, "2026-01-31", { status: "reminder", daysLeft: 0 }],
    [false, "2026-02-01", { status: "overdue", daysLate: 1 }],
    [false, "2026-12-01", { status: "overdue", daysLate: 304 }],
    [true, "2025-12-10", { status: "filed" }],
    [true, "2026-03-01", { status: "filed" }],
  ] as const)("report for 2025, filed %s, on %s → %j", (filed, today, expected) => {
    expect(reportStatus(2025, filed, today)).toEqual({ dueOn: "2026-01-31", ...expected });
  });

  it.each([
    ["2026-11-30", 2025],
    ["2026-12-01", 2026],
    ["2027-01-31", 2026],
  ])("on %s the report asked for is %i's", (today, year) => {
    expect(currentReportYear(today)).toBe(year);
  });
});

describe("statistic keys", () => {
  it("defaults to people reached by gender, contacts by channel, support conversations, volunteers, hours and employees", () => {
    expect(DEFAULT_STATISTIC_KEYS).toEqual([
      "reachedWomen",
      "reachedMen",
      "reachedOther",
      "contactsInPerson",
      "contactsPhone",
      "contactsChat",
      "contactsEmail",
      "supportConversations",
      "volunteers",
      "volunteerHours",
      "employees",
    ]);
  });

  it("keeps known keys only, once, in catalogue order", () => {
    expect(normaliseStatisticKeys(["employees", "nonsense", "reachedWomen", "employees"])).toEqual(["reachedWomen", "employees"]);
  });
});

const reports: FiledReport[] = [
  { partyId: "a", year: 2025, statistics: { reachedWomen: 120, reachedMen: 20, reachedOther: 10, volunteers: 30 }, financial: { grantReceived: 500000, costs: 480000, remaining: 20000 } },
  { partyId: "b", year: 2025, statistics: { reachedWomen: 30, reachedMen: 20 }, financial: { grantReceived: 300000 } },
  { partyId: "a", year: 2024, statistics: { reachedWomen: 100, reachedMen: 10 }, financial: {} },
];

describe("compiling a year", () => {
  it("adds up each statistic and amount, a missing figure counting as none", () => {
    const c = compileReports(reports.filter((r) => r.year === 2025), ["reachedWomen", "volunteers", "employees"]);
    expect(c.totals).toEqual({ reachedWomen: 150, volunteers: 30, employees: 0 });
    expect(c.financial).toEqual({ grantReceived: 800000, costs: 480000, remaining: 20000 });
    expect(c.gender).toEqual({ women: 150, men: 40, other: 10, total: 200 });
  });

  it("gives people reached per year for the trend, oldest first", () => {
    expect(reachedByYear(reports)).toEqual([
      { year: 2024, reached: 110 },
      { year: 2025, reached: 200 },
    ]);
  });
});

describe("CSV", () => {
  const labels = {
    party: "Part",
    total: "Totalt",
    statistic: (k: string) => ({ reachedWomen: "Kvinnor", volunteers: "Ideella" })[k] ?? k,
    financial: (k: string) => ({ grantReceived: "Bidrag", costs: "Kostnader", remaining: "Kvar" })[k] ?? k,
  };
  const parties = [
    { id: "a", name: "Jouren; Ellinor" },
    { id: "b", name: "Tjejjouren Beata" },
    { id: "c", name: "=HYPERLINK(\"x\")" },
  ];

  it("has a header, a row per party (blank when not reported) and a totals row", () => {
    const rows = reportCsvRows(parties, reports.filter((r) => r.year === 2025), ["reachedWomen", "volunteers"], labels);
    expect(rows).toEqual([
      ["Part", "Kvinnor", "Ideella", "Bidrag", "Kostnader", "Kvar"],
      ["Jouren; Ellinor", "120", "30", "500000", "480000", "20000"],
      ["Tjejjouren Beata", "30", "", "300000", "", ""],
      ["=HYPERLINK(\"x\")", "", "", "", "", ""],
      ["Totalt", "150", "30", "800000", "480000", "20000"],
    ]);
  });

  it("is semicolon-separated with a BOM and CRLF, quotes what needs quoting and defuses formulas", () => {
    const csv = toCsv([["Part", "Kvinnor"], ["Jouren; Ellinor", "120"], ['=HYPERLINK("x")', "-5"]]);
    expect(csv).toBe('\uFEFFPart;Kvinnor\r\n"Jouren; Ellinor";120\r\n"\'=HYPERLINK(""x"")";-5\r\n');
  });
});
