import type { IsoDate } from "./iso-date";
import type { PeriodStatus } from "./period";

// A party's participation over time (004 §5.3, §5.4): it ends on the day its notice, or the
// steering group's termination after a shortcoming, takes effect. From the next day the party holds
// no turn, is not counted for unanimity or signatures, owes no reports and gets no mail; every
// earlier record keeps it. This is the one rule every service asks.

export interface Participant {
  id: string;
  /** The last day the party takes part: when its notice takes effect; null while none is given. */
  participatesUntil: IsoDate | null;
}

export function participatesOn(party: Pick<Participant, "participatesUntil">, day: IsoDate): boolean {
  return party.participatesUntil === null || day <= party.participatesUntil;
}

/** The parties still taking part on `day`, in the order given. */
export function participatingParties<T extends Pick<Participant, "participatesUntil">>(parties: readonly T[], day: IsoDate): T[] {
  return parties.filter((p) => participatesOn(p, day));
}

/**
 * The agreement's period as the notices given have made it: when they end it on `endsOn`
 * (`agreementEndsOn`) before the rule would, that is its end; from the next day it no longer runs,
 * and a notice given now cannot take effect later than that day.
 */
export function periodAfterNotices(status: PeriodStatus, endsOn: IsoDate | null, on: IsoDate): PeriodStatus {
  if (!endsOn || (status.end !== null && status.end <= endsOn)) return status;
  const running = status.running && on <= endsOn;
  const until = (day: IsoDate | null) => (running && day ? (day < endsOn ? day : endsOn) : null);
  return {
    ...status,
    end: endsOn,
    running,
    currentPeriodStart: running ? status.currentPeriodStart : null,
    currentPeriodEnd: until(status.currentPeriodEnd),
    // Notice stops a renewal only if one still comes before the agreement ends.
    noticeDeadline: status.currentPeriodEnd && status.currentPeriodEnd < endsOn ? until(status.noticeDeadline) : null,
    endIfNoticeToday: until(status.endIfNoticeToday),
  };
}
