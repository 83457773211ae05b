import { describe, expect, it } from "vitest";
import { byDeadline, CLOSED_CASE_KEYS, earliestOpenDue, isOverdue, nextDeadline } from "../../../app/domain/cases";
import { upcomingDates } from "../../../app/domain/period";

describe("upcomingDates: 'Kommande datum' in date order", () => {
  it.each([
    { notice: "2027-06-30", end: "2026-12-31", order: ["periodEnd", "notice"] },
    { notice: "2026-09-30", end: "2026-12-31", order: ["notice", "periodEnd"] },
    { notice: null, end: "2026-12-31", order: ["periodEnd"] },
    { notice: "2026-09-30", end: null, order: ["notice"] },
    { notice: null, end: null, order: [] },
  ])("notice $notice, period end $end → $order", ({ notice, end, order }) => {
    expect(upcomingDates({ noticeDeadline: notice, currentPeriodEnd: end }).map((d) => d.kind)).toEqual(order);
  });
});

describe("nextDeadline of a case", () => {
  it.each([
    { stage: "planRequired", planDueOn: "2026-12-15", nextActionDue: "2027-01-10", expected: "2026-12-15" },
    { stage: "followUp", planDueOn: "2026-12-15", nextActionDue: "2027-01-10", expected: "2027-01-10" },
    { stage: "followUp", planDueOn: null, nextActionDue: null, expected: null },
    { stage: "dialogue", planDueOn: "2026-12-15", nextActionDue: "2027-01-10", expected: null },
  ])("$stage → $expected", ({ expected, ...c }) => {
    expect(nextDeadline(c)).toBe(expected);
  });
});

describe("byDeadline: open cases on the overview", () => {
  it("puts the soonest deadline first and cases waiting for no date last, by title", () => {
    const rows = [
      { title: "Öppettider", deadline: null },
      { title: "Bokslut", deadline: "2027-01-10" },
      { title: "Avtalstext", deadline: null },
      { title: "Åtgärdsplan", deadline: "2026-12-15" },
    ];
    expect(byDeadline(rows).map((r) => r.title)).toEqual(["Åtgärdsplan", "Bokslut", "Avtalstext", "Öppettider"]);
  });

  it("does not reorder the list it was given", () => {
    const rows = [
      { title: "B", deadline: "2027-01-01" },
      { title: "A", deadline: "2026-01-01" },
    ];
    byDeadline(rows);
    expect(rows[0].title).toBe("B");
  });
});

describe("CLOSED_CASE_KEYS", () => {
  it("names each closed stage with its kind, so an open stage of another kind with the same name stays open", () => {
    expect(CLOSED_CASE_KEYS.every((k) => /^(shortcoming|dispute|information|renegotiation):\w+$/.test(k))).toBe(true);
    expect(CLOSED_CASE_KEYS).not.toContain("shortcoming:planRequired");
  });
});

describe("a case's deadline", () => {
  it("is the earliest action not yet done", () => {
    expect(
      earliestOpenDue([
        { dueOn: "2026-11-01", done: true },
        { dueOn: "2027-02-01", done: false },
        { dueOn: "2026-12-20", done: false },
      ]),
    ).toBe("2026-12-20");
    expect(earliestOpenDue([{ dueOn: "2026-11-01", done: true }])).toBeNull();
  });

  it.each([
    { deadline: "2026-11-29", today: "2026-11-30", overdue: true },
    { deadline: "2026-11-30", today: "2026-11-30", overdue: false },
    { deadline: null, today: "2026-11-30", overdue: false },
  ])("$deadline on $today: overdue $overdue", ({ deadline, today, overdue }) => {
    expect(isOverdue(deadline, today)).toBe(overdue);
  });
});
