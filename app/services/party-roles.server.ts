import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { groupMembers, groups, parties, type MemberRole } from "../../db/schema";

export interface PartyRole {
  partyId: string;
  sector: "public" | "idea";
  groupId: string;
  groupKind: "steering" | "cooperation";
  role: MemberRole;
}

/** Whom a user represents in the partnership's groups, and how: one query. */
export function partyRolesOf(db: Db, partnershipId: string, userId: string): Promise<PartyRole[]> {
  return db
    .select({ partyId: groupMembers.partyId, sector: parties.sector, groupId: groups.id, groupKind: groups.kind, role: groupMembers.role })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .innerJoin(parties, eq(parties.id, groupMembers.partyId))
    .where(and(eq(groups.partnershipId, partnershipId), eq(groupMembers.userId, userId)));
}
