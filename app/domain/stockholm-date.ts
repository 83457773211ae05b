import { TZDate } from "@date-fns/tz";
import type { IsoDate } from "./iso-date";

export const TIME_ZONE = "Europe/Stockholm";

/** The calendar date in Sweden at `instant` — "today" for every deadline rule. */
export function stockholmDate(instant: Date): IsoDate {
  return new TZDate(instant, TIME_ZONE).toISOString().slice(0, 10);
}

/** A wall-clock time in Stockholm ("2026-03-29", "10:00") as an instant, right across DST changes. */
export function stockholmInstant(date: IsoDate, time: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, TIME_ZONE).getTime());
}

/** The Stockholm wall-clock date and time of an instant, for form fields. */
export function stockholmParts(instant: Date): { date: IsoDate; time: string } {
  const iso = new TZDate(instant, TIME_ZONE).toISOString(); // 2026-03-29T10:00:00.000+02:00
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** Midnight on 1 January, Stockholm time, of the year `today` falls in. */
export function startOfStockholmYear(today: IsoDate): Date {
  return stockholmInstant(`${today.slice(0, 4)}-01-01`, "00:00");
}
