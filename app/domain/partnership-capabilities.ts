import type { IsoDate } from "./iso-date";
import { participatesOn } from "./participation";
import type { MemberRole } from "./representation";

// What a user may do for the partnership's parties on a day: give notice and file yearly reports
// for a party, choose the statistics the reports compile. The one rule the notice and report
// pages show and their actions assert (decision 017, extended to a partnership's procedures).

export interface PartnershipFacts {
  isAdmin: boolean;
  /** The user's seats in the partnership's groups. */
  seats: readonly { partyId: string; groupId: string; groupKind: "steering" | "cooperation"; role: MemberRole }[];
  /** The partnership's parties, with the last day each takes part (null while no notice is given). */
  parties: readonly { id: string; sector: "public" | "idea"; participatesUntil: IsoDate | null }[];
  /** The party that chairs each steering group on the day (the agreement's, or the rotation's turn), by group. */
  steeringChairs: ReadonlyMap<string, string | null>;
}

/** Why an action for a party is refused: `forbidden` for who the user is (403), the others for the party's state (409). */
export type PartyRefusal = "forbidden" | "termination.alreadyGiven" | "report.partyHasLeft";
export type PartyVerdict = true | PartyRefusal;

export interface PartnershipCapabilities {
  view: PartyVerdict;
  /** Per party of the partnership: may the user give its notice of termination. */
  giveNotice: Readonly<Record<string, PartyVerdict>>;
  /** Per idea-based party: may the user file (or correct) its yearly report. */
  fileReport: Readonly<Record<string, PartyVerdict>>;
  /** Choose the statistics every yearly report gives and the overview compiles. */
  chooseStatistics: PartyVerdict;
}

/** The action for `partyId`, or `forbidden` for a party that is not one of the partnership's (or not one the action concerns). */
export function forParty(verdicts: Readonly<Record<string, PartyVerdict>>, partyId: string): PartyVerdict {
  return Object.hasOwn(verdicts, partyId) ? verdicts[partyId] : "forbidden";
}

/**
 * A party gives notice through its representatives in any group, or the coordinator for it, once.
 * An idea-based party files its report through its representatives and deputies, while it takes
 * part (a party that has left owes and files nothing; what it filed stays). The steering chair's
 * party (not an observer), or the coordinator, chooses the statistics.
 */
export function partnershipCapabilities(facts: PartnershipFacts, today: IsoDate): PartnershipCapabilities {
  const speaksFor = (partyId: string, roles: readonly MemberRole[]) => facts.seats.some((s) => s.partyId === partyId && roles.includes(s.role));
  const byParty = (parties: PartnershipFacts["parties"], verdict: (p: PartnershipFacts["parties"][number]) => PartyVerdict) =>
    Object.fromEntries(parties.map((p) => [p.id, verdict(p)]));
  return {
    view: facts.isAdmin || facts.seats.length > 0 ? true : "forbidden",
    giveNotice: byParty(facts.parties, (p) =>
      !facts.isAdmin && !speaksFor(p.id, ["representative"]) ? "forbidden" : p.participatesUntil !== null ? "termination.alreadyGiven" : true,
    ),
    fileReport: byParty(
      facts.parties.filter((p) => p.sector === "idea"),
      (p) => (!speaksFor(p.id, ["representative", "deputy"]) ? "forbidden" : !participatesOn(p, today) ? "report.partyHasLeft" : true),
    ),
    chooseStatistics:
      facts.isAdmin || facts.seats.some((s) => s.groupKind === "steering" && s.role !== "observer" && facts.steeringChairs.get(s.groupId) === s.partyId)
        ? true
        : "forbidden",
  };
}
