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

export interface GivenNotice {
  partyId: string;
  effectiveOn: IsoDate;
}

/**
 * 004 §5.3: each party ends its own commitment. The agreement as a whole ends when the public
 * party leaves, or when no idea-based party stays — whichever comes first; null while it goes on.
 */
export function agreementEndsOn(parties: { id: string; sector: "public" | "idea" }[], notices: GivenNotice[]): IsoDate | null {
  const leaving = new Map(notices.map((n) => [n.partyId, n.effectiveOn]));
  const publicEnds = parties.filter((p) => p.sector === "public").flatMap((p) => leaving.get(p.id) ?? []);
  const idea = parties.filter((p) => p.sector === "idea");
  const ideaEnds = idea.map((p) => leaving.get(p.id));
  const lastIdeaLeaves = idea.length && ideaEnds.every((d) => d) ? [ideaEnds.sort().at(-1)!] : [];
  return [...publicEnds, ...lastIdeaLeaves].sort()[0] ?? null;
}

export type CommitteeErrors = Partial<Record<"committeeReference" | "committeeDecidedOn", "termination.committeeReferenceRequired" | "termination.committeeDecidedOnRequired" | "termination.committeeAfterNotice">>;

/**
 * 004 §3: the nämnd decides to end the partnership for the city, so the public party's notice
 * names that decision (diarienummer and date, not after the notice). Other parties give none.
 */
export function committeeErrors(sector: "public" | "idea", givenOn: IsoDate, committee: { reference?: string; decidedOn?: IsoDate }): CommitteeErrors {
  if (sector !== "public") return {};
  const errors: CommitteeErrors = {};
  if (!committee.reference) errors.committeeReference = "termination.committeeReferenceRequired";
  if (!committee.decidedOn) errors.committeeDecidedOn = "termination.committeeDecidedOnRequired";
  else if (committee.decidedOn > givenOn) errors.committeeDecidedOn = "termination.committeeAfterNotice";
  return errors;
}

/** 000 §10: a ruling that has become final ends the agreement "vid närmast kommande årsskifte": 31 December of that year. */
export const courtRulingEndsOn = (finalOn: IsoDate): IsoDate => `${finalOn.slice(0, 4)}-12-31`;
