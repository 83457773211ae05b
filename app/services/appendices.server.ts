import { and, desc, eq, max } from "drizzle-orm";
import type { Db } from "../../db/client";
import { appendices, appendixVersions, organisations, parties, users } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { audit } from "./audit.server";
import { invalid, ok, type Result } from "./result";

/** Each appendix of the partnership with its current version: one query. */
export function currentAppendices(db: Db, partnershipId: string) {
  return db
    .selectDistinctOn([appendices.id], {
      id: appendices.id,
      title: appendices.title,
      partyId: parties.id,
      partyName: organisations.name,
      version: appendixVersions.version,
      commitments: appendixVersions.commitments,
      reason: appendixVersions.reason,
      changedAt: appendixVersions.changedAt,
      changedBy: users.name,
    })
    .from(appendices)
    .innerJoin(parties, eq(parties.id, appendices.partyId))
    .innerJoin(organisations, eq(organisations.id, parties.organisationId))
    .innerJoin(appendixVersions, eq(appendixVersions.appendixId, appendices.id))
    .innerJoin(users, eq(users.id, appendixVersions.changedBy))
    .where(eq(parties.partnershipId, partnershipId))
    .orderBy(appendices.id, desc(appendixVersions.version));
}

/** One of the partnership's appendices with the party it belongs to; null for none of them. */
export async function findAppendix(db: Db, partnershipId: string, appendixId: string) {
  const [found] = await db
    .select({ id: appendices.id, partyId: appendices.partyId })
    .from(appendices)
    .innerJoin(parties, eq(parties.id, appendices.partyId))
    .where(and(eq(appendices.id, appendixId), eq(parties.partnershipId, partnershipId)));
  return found ?? null;
}

export async function appendixHistory(db: Db, partnershipId: string, appendixId: string) {
  const [appendix] = await db
    .select({ id: appendices.id, title: appendices.title, partyName: organisations.name })
    .from(appendices)
    .innerJoin(parties, eq(parties.id, appendices.partyId))
    .innerJoin(organisations, eq(organisations.id, parties.organisationId))
    .where(and(eq(appendices.id, appendixId), eq(parties.partnershipId, partnershipId)));
  if (!appendix) return null;
  const versions = await db
    .select({ version: appendixVersions.version, commitments: appendixVersions.commitments, reason: appendixVersions.reason, changedAt: appendixVersions.changedAt, changedBy: users.name })
    .from(appendixVersions)
    .innerJoin(users, eq(users.id, appendixVersions.changedBy))
    .where(eq(appendixVersions.appendixId, appendixId))
    .orderBy(desc(appendixVersions.version));
  return { appendix, versions };
}

/** A new appendix for one of the partnership's parties, as version 1 with its reason. */
export async function createAppendix(
  db: Db,
  partnershipId: string,
  input: { partyId: string; title: string; commitments: string; reason: string },
  actor: SessionUser,
): Promise<Result<string>> {
  return db.transaction(async (tx) => {
    const [party] = await tx.select({ id: parties.id }).from(parties).where(and(eq(parties.id, input.partyId), eq(parties.partnershipId, partnershipId)));
    if (!party) return invalid("member.unknownParty", "partyId");
    const [a] = await tx.insert(appendices).values({ partyId: party.id, title: input.title }).returning({ id: appendices.id });
    await tx.insert(appendixVersions).values({ appendixId: a.id, version: 1, commitments: input.commitments, reason: input.reason, changedBy: actor.id });
    await audit(tx, { actorId: actor.id, action: "appendix.create", subject: `partnership:${partnershipId}`, details: { appendixId: a.id, title: input.title, reason: input.reason } });
    return ok(a.id);
  });
}

/**
 * 004 §2.1: a change to an appendix never overwrites; it adds the next version with the
 * reason or decision behind it. The appendix row is locked so two edits get numbers n+1 and n+2.
 */
export async function reviseAppendix(
  db: Db,
  partnershipId: string,
  appendixId: string,
  input: { commitments: string; reason: string },
  actor: SessionUser,
): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [a] = await tx
      .select({ id: appendices.id })
      .from(appendices)
      .innerJoin(parties, eq(parties.id, appendices.partyId))
      .where(and(eq(appendices.id, appendixId), eq(parties.partnershipId, partnershipId)))
      .for("update", { of: appendices });
    if (!a) return null;
    const [{ last }] = await tx.select({ last: max(appendixVersions.version) }).from(appendixVersions).where(eq(appendixVersions.appendixId, a.id));
    const version = (last ?? 0) + 1;
    await tx.insert(appendixVersions).values({ appendixId: a.id, version, ...input, changedBy: actor.id });
    await audit(tx, { actorId: actor.id, action: "appendix.revise", subject: `partnership:${partnershipId}`, details: { appendixId: a.id, version, reason: input.reason } });
    return version;
  });
}
