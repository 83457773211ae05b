import { periodStatus, type IsoDate, type PeriodRule } from "./period";

export type TerminationResult =
  | { ok: true; givenOn: IsoDate; effectiveOn: IsoDate; noticeDeadline: IsoDate | null }
  | { ok: false; error: "termination.noPeriod" | "termination.notRunning" };

/**
 * When written notice given on `givenOn` ends the agreement: the end of the period that the
 * notice still stops from renewing, or after the notice time for a fixed term with notice.
 */
export function terminationEffectiveOn(rule: PeriodRule | null, givenOn: IsoDate): TerminationResult {
  if (!rule) return { ok: false, error: "termination.noPeriod" };
  const status = periodStatus(rule, givenOn);
  if (!status.running || !status.endIfNoticeToday) return { ok: false, error: "termination.notRunning" };
  return { ok: true, givenOn, effectiveOn: status.endIfNoticeToday, noticeDeadline: status.noticeDeadline };
}
