import { TZDate } from "@date-fns/tz";
import type { IsoDate } from "./iso-date";

export const TIME_ZONE = "Europe/Stockholm";

// Stockholm's offset from UTC changes only on whole UTC hours (DST starts and ends at 01:00 UTC),
// so it is read through Intl once per hour and kept: page profiles showed formatToParts for every
// meeting time in a list (and a TZDate, earlier, cost more still).
const wallClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});
const HOUR_MS = 3_600_000;
const offsetByHour = new Map<number, number>();

function offsetAt(hourStart: number): number {
  const p: Record<string, number> = {};
  for (const { type, value } of wallClock.formatToParts(hourStart)) p[type] = Number(value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - hourStart;
}

function wallClockParts(instant: Date): Record<"year" | "month" | "day" | "hour" | "minute", string> {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid time value");
  const hourStart = Math.floor(ms / HOUR_MS) * HOUR_MS;
  let offset = offsetByHour.get(hourStart);
  if (offset === undefined) {
    if (offsetByHour.size >= 100_000) offsetByHour.clear(); // a long-running process meets only so many hours
    offsetByHour.set(hourStart, (offset = offsetAt(hourStart)));
  }
  const wall = new Date(ms + offset);
  const two = (n: number) => String(n).padStart(2, "0");
  return {
    year: String(wall.getUTCFullYear()),
    month: two(wall.getUTCMonth() + 1),
    day: two(wall.getUTCDate()),
    hour: two(wall.getUTCHours()),
    minute: two(wall.getUTCMinutes()),
  };
}

/** The calendar date in Sweden at `instant` — "today" for every deadline rule. */
export function stockholmDate(instant: Date): IsoDate {
  const p = wallClockParts(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** A wall-clock time in Stockholm ("2026-03-29", "10:00") as an instant, right across DST changes. */
export function stockholmInstant(date: IsoDate, time: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, TIME_ZONE).getTime());
}

/** The Stockholm wall-clock date and time of an instant, for form fields. */
export function stockholmParts(instant: Date): { date: IsoDate; time: string } {
  const p = wallClockParts(instant);
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** Midnight on 1 January, Stockholm time, of the year `today` falls in. */
export function startOfStockholmYear(today: IsoDate): Date {
  return stockholmInstant(`${today.slice(0, 4)}-01-01`, "00:00");
}
