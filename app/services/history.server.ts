import { desc, eq, inArray, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, groups, meetings, users } from "../../db/schema";

/** The partnership's audit trail: its own entries, its groups' and its meetings', newest first. */
export async function partnershipHistory(db: Db, partnershipId: string, limit = 300) {
  const groupIds = (await db.select({ id: groups.id }).from(groups).where(eq(groups.partnershipId, partnershipId))).map((g) => g.id);
  const meetingIds = groupIds.length
    ? (await db.select({ id: meetings.id }).from(meetings).where(inArray(meetings.groupId, groupIds))).map((m) => m.id)
    : [];
  const subjects = [`partnership:${partnershipId}`, ...groupIds.map((id) => `group:${id}`), ...meetingIds.map((id) => `meeting:${id}`)];
  return db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, subject: auditLog.subject, details: auditLog.details, actor: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(or(inArray(auditLog.subject, subjects)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
