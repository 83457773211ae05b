import { differenceInCalendarMonths, parseISO } from "date-fns";
import { addDaysIso, addMonthsIso, assertIsoDate, isIsoDate, minIso, type IsoDate } from "./iso-date";

export type { IsoDate } from "./iso-date";

// The four shapes of agreement period found in the seeds; docs/decisions/004-period-rules.md.
// A fixed period may have no known start: 000 states only its end, and none is invented.
export type PeriodRule =
  | { kind: "fixed"; start: IsoDate | null; end: IsoDate }
  | { kind: "fixedWithNotice"; start: IsoDate; end: IsoDate; noticeMonths: number }
  | { kind: "annualRenewal"; start: IsoDate; firstEnd: IsoDate; cap: IsoDate; noticeBy: { month: number; day: number } }
  | { kind: "renewingTerm"; start: IsoDate; end: IsoDate; noticeMonths: number };

export interface PeriodStatus {
  start: IsoDate | null;
  end: IsoDate | null;
  running: boolean;
  currentPeriodStart: IsoDate | null;
  currentPeriodEnd: IsoDate | null;
  noticeDeadline: IsoDate | null;
  endIfNoticeToday: IsoDate | null;
}

export type PeriodProblem =
  | "period.dateInvalid"
  | "period.endBeforeStart"
  | "period.capBeforeFirstEnd"
  | "period.notYearEnd"
  | "period.noticeMonthsInvalid"
  | "period.noticeDayInvalid"
  | "period.termNotWholeMonths";

interface Period {
  start: IsoDate | null;
  end: IsoDate;
}

/** The periods a rule produces, numbered from 0, and for each the last day on which notice
 *  stops the renewal that follows it (null when nothing follows it). */
interface Schedule {
  period(k: number): Period;
  deadline(k: number): IsoDate | null;
  finalEnd: IsoDate | null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const year = (date: IsoDate) => Number(date.slice(0, 4));
const pad = (n: number, width: number) => String(n).padStart(width, "0");
const isYearEnd = (date: IsoDate) => date.endsWith("-12-31");

function termMonths(start: IsoDate, end: IsoDate): number {
  return differenceInCalendarMonths(parseISO(addDaysIso(end, 1)), parseISO(start));
}

function schedule(rule: PeriodRule): Schedule {
  switch (rule.kind) {
    case "fixed":
    case "fixedWithNotice": {
      const only = { start: rule.start, end: rule.end };
      return { period: () => only, deadline: () => null, finalEnd: rule.end };
    }
    case "annualRenewal": {
      // After the first period, whole calendar years; the one ending on the cap renews no more.
      const firstYear = year(rule.firstEnd);
      const last = year(rule.cap) - firstYear;
      const { month, day } = rule.noticeBy;
      const period = (k: number): Period => {
        if (k === 0) return { start: rule.start, end: rule.firstEnd };
        const y = pad(firstYear + k, 4);
        return { start: `${y}-01-01`, end: `${y}-12-31` };
      };
      return {
        period,
        deadline: (k) => (k < last ? `${pad(firstYear + k, 4)}-${pad(month, 2)}-${pad(day, 2)}` : null),
        finalEnd: rule.cap,
      };
    }
    case "renewingTerm": {
      // Every period as long as the first; counted from the start each time so month ends don't drift.
      const months = termMonths(rule.start, rule.end);
      const period = (k: number): Period => ({
        start: addMonthsIso(rule.start, k * months),
        end: addDaysIso(addMonthsIso(rule.start, (k + 1) * months), -1),
      });
      return { period, deadline: (k) => addMonthsIso(period(k).end, -rule.noticeMonths), finalEnd: null };
    }
  }
}

export function validatePeriodRule(rule: PeriodRule): PeriodProblem[] {
  const dates = rule.kind === "annualRenewal" ? [rule.start, rule.firstEnd, rule.cap] : [rule.start, rule.end];
  if (!dates.every((d) => (d === null ? rule.kind === "fixed" : isIsoDate(d)))) return ["period.dateInvalid"];

  const problems: PeriodProblem[] = [];
  if (rule.kind === "annualRenewal") {
    if (rule.firstEnd < rule.start) problems.push("period.endBeforeStart");
    if (rule.cap < rule.firstEnd) problems.push("period.capBeforeFirstEnd");
    // Renewal is by calendar year, so both the first period and the cap must end on 31 December.
    if (!isYearEnd(rule.firstEnd) || !isYearEnd(rule.cap)) problems.push("period.notYearEnd");
    const { month, day } = rule.noticeBy;
    // 29 February is refused: it would not exist in most years.
    const monthOk = Number.isInteger(month) && month >= 1 && month <= 12;
    if (!monthOk || !Number.isInteger(day) || day < 1 || day > DAYS_IN_MONTH[month - 1]) {
      problems.push("period.noticeDayInvalid");
    }
    return problems;
  }
  if (rule.start !== null && rule.end < rule.start) problems.push("period.endBeforeStart");
  if (rule.kind === "fixed") return problems;
  if (!Number.isInteger(rule.noticeMonths) || rule.noticeMonths < 1 || rule.noticeMonths > 36) {
    problems.push("period.noticeMonthsInvalid");
  }
  if (rule.kind === "renewingTerm" && rule.end >= rule.start) {
    const months = termMonths(rule.start, rule.end);
    if (addMonthsIso(rule.start, months) !== addDaysIso(rule.end, 1)) problems.push("period.termNotWholeMonths");
  }
  return problems;
}

// Pages ask for the same few rules on the same day over and over (a member's overview asks
// for each of their partnerships), so answers are kept, frozen, until the cache fills up.
const statuses = new Map<string, Readonly<PeriodStatus>>();
const STATUSES_KEPT = 2000;

/** Where the agreement stands on `on`. Throws RangeError for a rule validatePeriodRule rejects. */
export function periodStatus(rule: PeriodRule, on: IsoDate): Readonly<PeriodStatus> {
  const key = `${on} ${JSON.stringify(rule)}`;
  let status = statuses.get(key);
  if (!status) {
    if (statuses.size >= STATUSES_KEPT) statuses.clear();
    status = Object.freeze(computePeriodStatus(rule, on));
    statuses.set(key, status);
  }
  return status;
}

function computePeriodStatus(rule: PeriodRule, on: IsoDate): PeriodStatus {
  const problems = validatePeriodRule(rule);
  if (problems.length > 0) throw new RangeError(`Invalid period rule: ${problems.join(", ")}`);
  assertIsoDate(on);

  const s = schedule(rule);
  const base = { start: rule.start, end: s.finalEnd };
  const notRunning = { running: false, currentPeriodStart: null, currentPeriodEnd: null, endIfNoticeToday: null };
  if (s.finalEnd !== null && on > s.finalEnd) return { ...base, ...notRunning, noticeDeadline: null };

  const before = rule.start !== null && on < rule.start;
  let k = 0;
  while (!before && s.period(k).end < on) k++;
  // The first renewal, from the current period on, that notice given today still stops.
  const passed = (deadline: IsoDate | null) => deadline !== null && deadline < on;
  let j = k;
  while (passed(s.deadline(j))) j++;
  const noticeDeadline = s.deadline(j);
  if (before) return { ...base, ...notRunning, noticeDeadline };

  const current = s.period(k);
  const endIfNoticeToday =
    rule.kind === "fixedWithNotice" ? minIso(rule.end, addMonthsIso(on, rule.noticeMonths)) : s.period(j).end;
  return {
    ...base,
    running: true,
    currentPeriodStart: current.start,
    currentPeriodEnd: current.end,
    noticeDeadline,
    endIfNoticeToday,
  };
}

/** The dates "Kommande datum" lists, soonest first: the notice deadline may fall after the current period ends. */
export function upcomingDates(status: Pick<PeriodStatus, "noticeDeadline" | "currentPeriodEnd">): { kind: "notice" | "periodEnd"; date: IsoDate }[] {
  const dates: { kind: "notice" | "periodEnd"; date: IsoDate }[] = [];
  if (status.noticeDeadline) dates.push({ kind: "notice", date: status.noticeDeadline });
  if (status.currentPeriodEnd) dates.push({ kind: "periodEnd", date: status.currentPeriodEnd });
  return dates.sort((a, b) => a.date.localeCompare(b.date));
}
