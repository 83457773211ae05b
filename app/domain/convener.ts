// Who convenes a group's meetings, per agreement (decision 005): the rotating chair (004 §3.1), or a
// party the agreement names (002: "Socialförvaltningens representant ansvarar för att kalla till möten").

export type Convener = { kind: "rotatingChair" } | { kind: "party"; partyId: string };

export function convenerOf(group: { convenerPartyId: string | null }): Convener {
  return group.convenerPartyId ? { kind: "party", partyId: group.convenerPartyId } : { kind: "rotatingChair" };
}

/** The party that convenes: the one named, else the one holding the chair's turn; null when none (then coordinators). */
export function convenerParty(convener: Convener, chairParty: string | null): string | null {
  return convener.kind === "party" ? convener.partyId : chairParty;
}
