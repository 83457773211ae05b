import { addDaysIso, type IsoDate } from "./iso-date";

/**
 * The weeks of a calendar month as Swedish calendars draw them: Monday first, each week
 * seven dates, padded with the neighbouring months' days (null) so every row is full.
 */
export function monthGrid(month: string): (IsoDate | null)[][] {
  const first = `${month}-01`;
  const [y, m] = month.split("-").map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const weekday = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7; // Monday = 0
  const cells: (IsoDate | null)[] = [...Array(weekday).fill(null), ...Array.from({ length: days }, (_, i) => addDaysIso(first, i))];
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

/** "2026-12" → "2027-01" and back. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}
