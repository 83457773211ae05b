import { describe, expect, it } from "vitest";
import { compileReports, currentReportYear, normaliseStatisticKeys, reachedByYear, reportCsvRows, toCsv, type FiledReport } from "../../../app/domain/yearly-report";

describe("the report year", () => {
  it.each([
    ["2026-11-30", 2025],
    ["2026-12-01", 2026],
    ["2027-01-31", 2026],
  ])("on %s the report asked for is %i's", (today, year) => {
    expect(currentReportYear(today)).toBe(year);
  });
});

describe("statistic keys", () => {
  it("keeps known keys only, once, in catalogue order", () => {
    expect(normaliseStatisticKeys(["employees", "nonsense", "reached", "employees"])).toEqual(["reached", "employees"]);
  });
});

const reports: FiledReport[] = [
  {
    partyId: "a",
    year: 2025,
    statistics: { reachedWomen: 120, reachedMen: 20, reachedOther: 10, volunteers: 30 },
    financial: { grantReceived: 500000, costs: 480000, remaining: 20000 },
  },
  { partyId: "b", year: 2025, statistics: { reachedWomen: 30, reachedMen: 20 }, financial: { grantReceived: 300000 } },
  { partyId: "a", year: 2024, statistics: { reachedWomen: 100, reachedMen: 10 }, financial: {} },
];

describe("compiling a year", () => {
  it("adds up each statistic and amount, a missing figure counting as none", () => {
    const c = compileReports(
      reports.filter((r) => r.year === 2025),
      ["reachedWomen", "volunteers", "employees"],
    );
    expect(c.totals).toEqual({ reachedWomen: 150, volunteers: 30, employees: 0 });
    expect(c.financial).toEqual({ grantReceived: 800000, costs: 480000, remaining: 20000 });
    expect(c.gender).toEqual({ women: 150, men: 40, other: 10, total: 200 });
  });

  it("gives people reached per year for the trend, oldest first, in total and by gender", () => {
    expect(reachedByYear(reports).map(({ year, reached }) => ({ year, reached }))).toEqual([
      { year: 2024, reached: 110 },
      { year: 2025, reached: 200 },
    ]);
    expect(reachedByYear(reports)[1]).toMatchObject({ women: 150, men: 40, other: 10 });
  });
});

describe("CSV", () => {
  const labels = {
    party: "Part",
    total: "Totalt",
    statistic: (k: string) => ({ reachedWomen: "Kvinnor", volunteers: "Ideella" }[k] ?? k),
    financial: (k: string) => ({ grantReceived: "Bidrag", costs: "Kostnader", remaining: "Kvar" }[k] ?? k),
  };
  const parties = [
    { id: "a", name: "Jouren; Ellinor" },
    { id: "b", name: "Tjejjouren Beata" },
    { id: "c", name: '=HYPERLINK("x")' },
  ];

  it("has a header, a row per party (blank when not reported) and a totals row", () => {
    const rows = reportCsvRows(
      parties,
      reports.filter((r) => r.year === 2025),
      { statistics: ["reachedWomen", "volunteers"], financial: ["grantReceived", "costs", "remaining"] },
      labels,
    );
    expect(rows).toEqual([
      ["Part", "Kvinnor", "Ideella", "Bidrag", "Kostnader", "Kvar"],
      ["Jouren; Ellinor", "120", "30", "500000", "480000", "20000"],
      ["Tjejjouren Beata", "30", "", "300000", "", ""],
      ['=HYPERLINK("x")', "", "", "", "", ""],
      ["Totalt", "150", "30", "800000", "480000", "20000"],
    ]);
  });

  it("leaves out the amounts when the rule asks for none", () => {
    const rows = reportCsvRows(
      parties.slice(0, 1),
      reports.filter((r) => r.year === 2025),
      { statistics: ["volunteers"], financial: [] },
      labels,
    );
    expect(rows).toEqual([
      ["Part", "Ideella"],
      ["Jouren; Ellinor", "30"],
      ["Totalt", "30"],
    ]);
  });

  it("is semicolon-separated with a BOM and CRLF, quotes what needs quoting and defuses formulas", () => {
    const csv = toCsv([
      ["Part", "Kvinnor"],
      ["Jouren; Ellinor", "120"],
      ['=HYPERLINK("x")', "-5"],
    ]);
    expect(csv).toBe('\uFEFFPart;Kvinnor\r\n"Jouren; Ellinor";120\r\n"\'=HYPERLINK(""x"")";-5\r\n');
  });
});
