import { describe, expect, it } from "vitest";
import { followUpState, isDueForOverview, nextDueOn } from "../../../app/domain/follow-up";

// The seeds' follow-ups: Österåker's yearly follow-up (000 §9) and its evaluation before the
// agreement ends on 2026-12-31 (001); Linköping's yearly evaluation (002).
describe("followUpState", () => {
  it.each([
    // 001: evaluated before the agreement ends 2026-12-31.
    ["2026-12-31", "2026-10-01", "planned"],
    ["2026-12-31", "2026-11-01", "dueSoon"], // 60 days ahead
    ["2026-12-31", "2026-10-31", "planned"], // 61 days ahead
    ["2026-12-31", "2026-12-31", "dueSoon"], // the day itself
    ["2026-12-31", "2027-01-01", "overdue"],
  ] as const)("due %s, on %s: %s", (dueOn, today, state) => {
    expect(followUpState({ dueOn, status: "planned" }, today).state).toBe(state);
    expect(isDueForOverview({ dueOn, status: "planned" }, today)).toBe(state !== "planned");
  });

  it("counts the days left and late", () => {
    expect(followUpState({ dueOn: "2026-12-31", status: "planned" }, "2026-11-30")).toEqual({ state: "dueSoon", daysLeft: 31 });
    expect(followUpState({ dueOn: "2025-12-31", status: "planned" }, "2026-01-10")).toEqual({ state: "overdue", daysLate: 10 });
  });

  it("leaves a done follow-up off the overview, however late it was", () => {
    expect(followUpState({ dueOn: "2025-12-31", status: "done" }, "2026-11-30")).toEqual({ state: "done" });
    expect(isDueForOverview({ dueOn: "2025-12-31", status: "done" }, "2026-11-30")).toBe(false);
  });
});

describe("nextDueOn", () => {
  it.each([
    ["yearly", "2025-12-31", "2026-12-31"],
    ["yearly", "2028-02-29", "2029-02-28"],
    ["once", "2026-12-31", null],
  ] as const)("%s due %s: next %s", (recurrence, dueOn, next) => {
    expect(nextDueOn(recurrence, dueOn)).toBe(next);
  });
});
