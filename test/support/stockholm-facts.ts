import type { IsoDate } from "../../app/domain/iso-date";
import type { PartnershipFacts } from "../../app/domain/partnership-capabilities";
import type { MemberRole } from "../../app/domain/representation";

// Stockholm as seeded: the city and three victim-support organisations, each with a representative
// in the steering group; Gotland's deputy and Södra's observer sit there too. The chair is the
// city's (Västerort's notice took effect 2025-12-31). Borås's representative sits in another
// partnership and none of this one's groups.
export const STEERING = "steering";
export const COOPERATION = "cooperation";
export type Person = "coordinator" | "cityRep" | "gotlandRep" | "gotlandDeputy" | "sodraObserver" | "sodraCooperationRep" | "vasterortRep" | "borasRep";
const seatsOf: Record<Person, [party: string, group: string, role: MemberRole][]> = {
  coordinator: [],
  cityRep: [["sf", STEERING, "representative"]],
  gotlandRep: [["gotland", STEERING, "representative"]],
  gotlandDeputy: [["gotland", STEERING, "deputy"]],
  sodraObserver: [["sodra", STEERING, "observer"]],
  sodraCooperationRep: [["sodra", COOPERATION, "representative"]],
  vasterortRep: [["vasterort", STEERING, "representative"]],
  borasRep: [],
};

/** What `person` is in Stockholm, with Västerort taking part until `vasterortLeft` and `chair` chairing the steering group. */
export function stockholmFacts(person: Person, vasterortLeft: IsoDate | null, chair = "sf"): PartnershipFacts {
  return {
    isAdmin: person === "coordinator",
    seats: seatsOf[person].map(([partyId, groupId, role]) => ({ partyId, groupId, groupKind: groupId === STEERING ? "steering" : "cooperation", role })),
    parties: [
      { id: "sf", sector: "public", participatesUntil: null },
      { id: "gotland", sector: "idea", participatesUntil: null },
      { id: "sodra", sector: "idea", participatesUntil: null },
      { id: "vasterort", sector: "idea", participatesUntil: vasterortLeft },
    ],
    steeringChairs: new Map([[STEERING, chair]]),
  };
}

/** Västerort's notice took effect on this day (004); the tests ask on TODAY. */
export const LEFT: IsoDate = "2025-12-31";
export const TODAY: IsoDate = "2026-11-30";
