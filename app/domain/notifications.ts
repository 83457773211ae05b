import { differenceInCalendarDays, parseISO } from "date-fns";
import type { IsoDate } from "./iso-date";

// What Samråd tells people, and how (issue: nobody misses a duty). Each kind is shown in the app
// and mailed per the user's preference; duties with a deadline are always mailed at once.

export const NOTIFICATION_KINDS = [
  "meeting.reminder",
  "minutes.forApproval",
  "minutes.final",
  "decision.awaitingPosition",
  "decision.closed",
  "case.step",
  "plan.due",
  "amendment.awaitingSignature",
  "amendment.valid",
  "report.due",
  "followUp.due",
  "notice.deadline",
  "termination.notice",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Duties with a deadline: mailed at once whatever the preference, since missing them costs the partnership. */
export const DUTY_KINDS: readonly NotificationKind[] = [
  "minutes.forApproval",
  "decision.awaitingPosition",
  "plan.due",
  "amendment.awaitingSignature",
  "report.due",
  "followUp.due",
  "notice.deadline",
  "termination.notice",
];

export type NotificationMode = "immediately" | "digest" | "off";

export const isDuty = (kind: NotificationKind) => DUTY_KINDS.includes(kind);

/** How a notification of `kind` reaches a user who chose `preference` (none chosen: immediately). */
export function mailMode(kind: NotificationKind, preference: NotificationMode | undefined): NotificationMode {
  return isDuty(kind) ? "immediately" : preference ?? "immediately";
}

/**
 * The reminder a deadline calls for on `today`: "in<N>" from N days before (the nearest lead that
 * has come), "due" on the day, "overdue" after it (when asked for); null before the first lead or
 * when nothing is called for. Each stage is sent once (its event key names the stage).
 */
export function reminderStage(dueOn: IsoDate, today: IsoDate, leads: readonly number[], opts: { onTheDay: boolean; overdue: boolean }): string | null {
  const days = differenceInCalendarDays(parseISO(dueOn), parseISO(today));
  if (days < 0) return opts.overdue ? "overdue" : null;
  if (days === 0 && opts.onTheDay) return "due";
  const lead = [...leads].sort((a, b) => a - b).find((n) => days <= n);
  return lead === undefined ? null : `in${lead}`;
}

/** The meeting reminder goes out from two days before the start to those who have not answered. */
export const MEETING_REMINDER_HOURS = 48;
export function meetingReminderDue(startsAt: Date, now: Date): boolean {
  const ms = startsAt.getTime() - now.getTime();
  return ms > 0 && ms <= MEETING_REMINDER_HOURS * 3600_000;
}
