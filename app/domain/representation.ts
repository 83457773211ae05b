// §3: each idea-based organisation appoints one representative with mandate, the public party at
// most two, in each group. Deputies (ersättare) and observers attend without a mandate of their own.

export interface RepresentationLimits {
  publicMandates: number;
  ideaMandates: number;
}
export const DEFAULT_LIMITS: RepresentationLimits = { publicMandates: 2, ideaMandates: 1 };

export type MemberRole = "representative" | "deputy" | "observer";
export interface GroupMember {
  userId: string;
  partyId: string;
  sector: "public" | "idea";
  role: MemberRole;
}
export type RepresentationProblem = "representation.publicLimit" | "representation.ideaLimit" | "representation.alreadyMember";

/** Whether adding/changing `candidate` keeps the group within the limits; returns null when allowed, else a message key "representation.publicLimit" | "representation.ideaLimit" | "representation.alreadyMember". */
export function checkRepresentation(
  members: GroupMember[],
  candidate: GroupMember,
  limits: RepresentationLimits = DEFAULT_LIMITS,
): null | RepresentationProblem {
  // A user sits in a group for one party only; the same user again is an edit of that membership.
  if (members.some((m) => m.userId === candidate.userId && m.partyId !== candidate.partyId)) {
    return "representation.alreadyMember";
  }
  const others = members.filter((m) => m.userId !== candidate.userId);
  if (candidate.role !== "representative") return null;
  const mandates = others.filter((m) => m.partyId === candidate.partyId && m.role === "representative").length;
  if (candidate.sector === "public") return mandates < limits.publicMandates ? null : "representation.publicLimit";
  return mandates < limits.ideaMandates ? null : "representation.ideaLimit";
}

/** A member at a meeting: their party, role and whether they were recorded present. */
export type Attending = { partyId: string; role: MemberRole; present: boolean };

/** Whether `member`, present at a meeting, speaks for their party with its mandate: a representative
 *  does; a deputy only when standing in for one of the party's representatives who is absent. */
export function speaksWithMandate(member: Pick<Attending, "partyId" | "role">, members: readonly Attending[]): boolean {
  if (member.role === "representative") return true;
  return member.role === "deputy" && members.some((m) => m.partyId === member.partyId && m.role === "representative" && !m.present);
}

/** Parties represented with mandate at a meeting: those with a member present who speaks for them
 *  (`speaksWithMandate`); on their own, deputies and observers carry none. */
export function partiesWithMandate(members: Attending[]): Set<string> {
  return new Set(members.filter((m) => m.present && speaksWithMandate(m, members)).map((m) => m.partyId));
}
