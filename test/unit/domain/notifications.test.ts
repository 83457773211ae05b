import { describe, expect, it } from "vitest";
import { mailMode, meetingReminderDue, reminderStage } from "../../../app/domain/notifications";

describe("mailMode", () => {
  it.each([
    ["minutes.final", undefined, "immediately"],
    ["minutes.final", "digest", "digest"],
    ["minutes.final", "off", "off"],
    // Duties with a deadline are always sent at once.
    ["minutes.forApproval", "off", "immediately"],
    ["plan.due", "digest", "immediately"],
    ["amendment.awaitingSignature", "off", "immediately"],
  ] as const)("%s with %s: %s", (kind, preference, mode) => {
    expect(mailMode(kind, preference)).toBe(mode);
  });
});

describe("reminderStage", () => {
  // An action plan due 2026-12-14 (14 days ahead on 2026-11-30), and Stockholm's notice deadline 2027-09-30 (004 §5.1).
  const plan = { onTheDay: true, overdue: true };
  const notice = { onTheDay: false, overdue: false };
  it.each([
    ["2026-12-14", "2026-11-29", [14], plan, null],
    ["2026-12-14", "2026-11-30", [14], plan, "in14"],
    ["2026-12-14", "2026-12-13", [14], plan, "in14"],
    ["2026-12-14", "2026-12-14", [14], plan, "due"],
    ["2026-12-14", "2026-12-15", [14], plan, "overdue"],
    ["2027-09-30", "2027-07-31", [60, 14], notice, null],
    ["2027-09-30", "2027-08-01", [60, 14], notice, "in60"],
    ["2027-09-30", "2027-09-16", [60, 14], notice, "in14"],
    ["2027-09-30", "2027-09-30", [60, 14], notice, "in14"],
    ["2027-09-30", "2027-10-01", [60, 14], notice, null],
  ] as const)("due %s, on %s, leads %j: %s", (dueOn, today, leads, opts, stage) => {
    expect(reminderStage(dueOn, today, leads, opts)).toBe(stage);
  });
});

describe("meetingReminderDue", () => {
  const start = new Date("2026-12-10T12:00:00Z");
  it.each([
    ["2026-12-08T11:59:00Z", false],
    ["2026-12-08T12:00:00Z", true],
    ["2026-12-10T11:59:00Z", true],
    ["2026-12-10T12:00:00Z", false],
  ])("at %s: %s", (now, due) => {
    expect(meetingReminderDue(start, new Date(now))).toBe(due);
  });
});
