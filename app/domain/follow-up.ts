import { differenceInCalendarDays, parseISO } from "date-fns";
import { addMonthsIso, type IsoDate } from "./iso-date";

// Follow-up and evaluation (000 §9: yearly, to the steering group and the nämnd; 002: evaluated
// once a year; 001: evaluated before the agreement ends in 2026). Each is planned with a due date;
// a yearly one, once done, is planned again a year on.

export type FollowUpRecurrence = "yearly" | "once";

export interface FollowUpDue {
  dueOn: IsoDate;
  status: "planned" | "done";
}

/** Days ahead in which a planned follow-up shows as coming due on the overview. */
export const FOLLOW_UP_HORIZON_DAYS = 60;

export type FollowUpState = { state: "done" } | { state: "planned"; daysLeft: number } | { state: "dueSoon"; daysLeft: number } | { state: "overdue"; daysLate: number };

/** Where a follow-up stands on `today`. */
export function followUpState(f: FollowUpDue, today: IsoDate): FollowUpState {
  if (f.status === "done") return { state: "done" };
  const days = differenceInCalendarDays(parseISO(f.dueOn), parseISO(today));
  if (days < 0) return { state: "overdue", daysLate: -days };
  return days <= FOLLOW_UP_HORIZON_DAYS ? { state: "dueSoon", daysLeft: days } : { state: "planned", daysLeft: days };
}

/** Whether the overview lists it: coming due within the horizon, or late. */
export const isDueForOverview = (f: FollowUpDue, today: IsoDate) => {
  const s = followUpState(f, today).state;
  return s === "dueSoon" || s === "overdue";
};

/** The due date of the next one once a yearly follow-up is done (same day a year on); none for a one-off. */
export function nextDueOn(recurrence: FollowUpRecurrence, dueOn: IsoDate): IsoDate | null {
  return recurrence === "yearly" ? addMonthsIso(dueOn, 12) : null;
}
