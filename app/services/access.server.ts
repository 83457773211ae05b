import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { prepared } from "../../db/prepared";
import { groupMembers, groups, partnerships, type MemberRole } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { notFound } from "../auth/guards.server";
import type { RequestContext } from "../context";

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
  return groupAccessOf(row, user);
}

/** What a group row beside the user's membership (null when none) gives them: 404 unless they are a member or a coordinator. */
export function groupAccessOf(row: { group: GroupAccess["group"]; partyId: string | null; role: MemberRole | null } | undefined, user: SessionUser): GroupAccess {
  if (!row || (!row.partyId && !user.isAdmin)) throw notFound();
  return {
    group: row.group,
    membership: row.partyId && row.role ? { partyId: row.partyId, role: row.role } : null,
    isAdmin: user.isAdmin,
  };
}

// The partnership's row with whether the user sits in any of its groups, for its pages' frame and page alike.
const partnershipWithMembership = prepared((db) =>
  db
    .select({
      partnership: partnerships,
      member: sql<boolean>`exists (select 1 from groups g inner join group_members gm on gm.group_id = g.id
        where g.partnership_id = partnerships.id and gm.user_id = ${sql.placeholder("userId")})`,
    })
    .from(partnerships)
    .where(eq(partnerships.id, sql.placeholder("partnershipId")))
    .prepare("partnership_with_membership"),
);

type Partnership = typeof partnerships.$inferSelect;
const partnershipsOfRequest = new WeakMap<RequestContext, Map<string, Promise<Partnership | null>>>();

/**
 * The partnership, when the user may see it (`requirePartnershipAccess`); 404 otherwise. A page of a
 * partnership and the frame around it both need it: the request's context remembers it, so the
 * loaders of one request ask once between them.
 */
export async function requirePartnership(context: RequestContext, user: SessionUser, partnershipId: string | undefined): Promise<Partnership> {
  if (!isUuid(partnershipId)) throw notFound();
  let ofRequest = partnershipsOfRequest.get(context);
  if (!ofRequest) partnershipsOfRequest.set(context, (ofRequest = new Map()));
  let visible = ofRequest.get(partnershipId);
  if (!visible) {
    visible = partnershipWithMembership(context.db)
      .execute({ partnershipId, userId: user.id })
      .then(([row]) => (row && (row.member || user.isAdmin) ? row.partnership : null));
    ofRequest.set(partnershipId, visible);
  }
  const partnership = await visible;
  if (!partnership) throw notFound();
  return partnership;
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
