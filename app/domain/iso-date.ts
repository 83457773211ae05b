import { addDays, addMonths, formatISO, parseISO } from "date-fns";

/** A calendar date "YYYY-MM-DD" with no time of day and no time zone. */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Well-formed ISO dates compare correctly as strings, so callers use < and > directly.
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  // A real calendar day survives the round trip through a UTC date; 2026-02-30 does not.
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function assertIsoDate(value: string): void {
  if (!isIsoDate(value)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${value}`);
}

// parseISO reads a date-only string as local midnight and formatISO writes the local date back,
// so the round trip keeps the calendar date whatever time zone the machine runs in.
function shift(date: IsoDate, by: (d: Date) => Date): IsoDate {
  assertIsoDate(date);
  return formatISO(by(parseISO(date)), { representation: "date" });
}

/** Swedish month counting: same day number, clamped to the month's last day (31 Aug + 6 → 28/29 Feb). */
export function addMonthsIso(date: IsoDate, months: number): IsoDate {
  return shift(date, (d) => addMonths(d, months));
}

export function addDaysIso(date: IsoDate, days: number): IsoDate {
  return shift(date, (d) => addDays(d, days));
}

export function minIso(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}
