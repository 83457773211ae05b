import { TZDate } from "@date-fns/tz";
import type { IsoDate } from "./iso-date";

export const TIME_ZONE = "Europe/Stockholm";

// Reading the wall clock through one prebuilt formatter is far cheaper than a TZDate, whose
// offset lookup showed up in page profiles (lists convert every meeting's time).
const wallClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function wallClockParts(instant: Date): Record<"year" | "month" | "day" | "hour" | "minute", string> {
  const parts = { year: "", month: "", day: "", hour: "", minute: "" };
  for (const { type, value } of wallClock.formatToParts(instant)) if (type in parts) parts[type as keyof typeof parts] = value;
  return parts;
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
