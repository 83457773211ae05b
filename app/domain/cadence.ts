import { assertIsoDate, type IsoDate } from "./iso-date";

// How often a partnership must meet: "minst två gånger per år" (002, 003) or "en gång per termin"
// (000), a termin being a half-year, spring January–June and autumn July–December.

export type Cadence = { per: "year" | "half-year"; atLeast: number };
export interface CadenceStatus {
  periodStart: IsoDate;
  periodEnd: IsoDate;
  required: number;
  heldOrPlanned: number;
  missing: number;
  atRisk: boolean;
}

function periodAround(per: Cadence["per"], on: IsoDate): [IsoDate, IsoDate] {
  const year = on.slice(0, 4);
  if (per === "year") return [`${year}-01-01`, `${year}-12-31`];
  return on.slice(5, 7) <= "06" ? [`${year}-01-01`, `${year}-06-30`] : [`${year}-07-01`, `${year}-12-31`];
}

/** Meetings (dates of held or planned, not cancelled, meetings) counted in the calendar year / half-year containing `on`; atRisk when fewer than required are held or planned in that period. */
export function cadenceStatus(cadence: Cadence, meetingDates: IsoDate[], on: IsoDate): CadenceStatus {
  assertIsoDate(on);
  meetingDates.forEach(assertIsoDate);
  const [periodStart, periodEnd] = periodAround(cadence.per, on);
  // Each date is one meeting: an extra meeting on the same day as another counts too.
  const heldOrPlanned = meetingDates.filter((d) => d >= periodStart && d <= periodEnd).length;
  const missing = Math.max(0, cadence.atLeast - heldOrPlanned);
  return { periodStart, periodEnd, required: cadence.atLeast, heldOrPlanned, missing, atRisk: missing > 0 };
}
