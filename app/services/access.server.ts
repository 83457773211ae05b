import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { prepared } from "../../db/prepared";
import { groupMembers, groups, type MemberRole } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { notFound } from "../auth/guards.server";

export interface GroupAccess {
  group: typeof groups.$inferSelect;
  /** The user's own membership, null for a coordinator who is not a member. */
  membership: { partyId: string; role: MemberRole } | null;
  isAdmin: boolean;
}

// Every group, meeting and partnership page starts with one of these checks.
const groupWithMembership = prepared((db) =>
  db
    .select({ group: groups, partyId: groupMembers.partyId, role: groupMembers.role })
    .from(groups)
    .leftJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, sql.placeholder("userId"))))
    .where(eq(groups.id, sql.placeholder("groupId")))
    .prepare("group_access"),
);

const anyMembership = prepared((db) =>
  db
    .select({ groupId: groups.id })
    .from(groups)
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, sql.placeholder("userId"))))
    .where(eq(groups.partnershipId, sql.placeholder("partnershipId")))
    .limit(1)
    .prepare("partnership_access"),
);

/**
 * A group is visible to its members and to coordinators. Everyone else gets a 404 —
 * the same answer as for a group that does not exist, so nothing is learned.
 */
export async function requireGroupAccess(db: Db, user: SessionUser, groupId: string): Promise<GroupAccess> {
  if (!isUuid(groupId)) throw notFound();
  const [row] = await groupWithMembership(db).execute({ groupId, userId: user.id });
  if (!row || (!row.partyId && !user.isAdmin)) throw notFound();
  return {
    group: row.group,
    membership: row.partyId && row.role ? { partyId: row.partyId, role: row.role } : null,
    isAdmin: user.isAdmin,
  };
}

/** A partnership is visible to coordinators and to members of any of its groups. */
export async function requirePartnershipAccess(db: Db, user: SessionUser, partnershipId: string): Promise<void> {
  if (!isUuid(partnershipId)) throw notFound();
  if (user.isAdmin) return;
  const [row] = await anyMembership(db).execute({ partnershipId, userId: user.id });
  if (!row) throw notFound();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string | undefined): value is string {
  return typeof value === "string" && UUID.test(value);
}
