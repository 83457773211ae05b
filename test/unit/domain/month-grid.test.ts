import { describe, expect, it } from "vitest";
import { monthGrid, shiftMonth } from "../../../app/domain/month-grid";

describe("month grid", () => {
  it.each([
    ["2026-12", 5], // starts on a Tuesday
    ["2026-02", 5], // starts on a Sunday: six days of January padding
    ["2024-02", 5], // leap year, 29 days
    ["2027-02", 4], // 28 days starting on a Monday: exactly four rows
  ])("%s has %i weeks of seven days", (month, weeks) => {
    const grid = monthGrid(month);
    expect(grid).toHaveLength(weeks);
    for (const week of grid) expect(week).toHaveLength(7);
  });

  it("puts each date under its weekday, Monday first", () => {
    const grid = monthGrid("2026-12");
    expect(grid[0]).toEqual([null, "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]);
    expect(grid.at(-1)).toEqual(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", null, null, null]);
    expect(monthGrid("2024-02").flat().filter(Boolean)).toHaveLength(29);
    expect(monthGrid("2026-02")[0][6]).toBe("2026-02-01"); // a Sunday
  });

  it.each([
    ["2026-12", 1, "2027-01"],
    ["2027-01", -1, "2026-12"],
    ["2026-05", 12, "2027-05"],
  ])("%s shifted by %i is %s", (month, by, expected) => {
    expect(shiftMonth(month, by)).toBe(expected);
  });
});
