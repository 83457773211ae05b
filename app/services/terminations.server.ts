import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { prepared } from "../../db/prepared";
import { organisations, parties, partnerships, terminations, users } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { terminationEffectiveOn, type TerminationResult } from "../domain/termination";
import type { IsoDate } from "../domain/iso-date";
import { audit } from "./audit.server";

const noticesOf = prepared((db) =>
  db
    .select({
      id: terminations.id,
      partyId: terminations.partyId,
      partyName: organisations.name,
      givenOn: terminations.givenOn,
      effectiveOn: terminations.effectiveOn,
      reason: terminations.reason,
      givenBy: users.name,
    })
    .from(terminations)
    .innerJoin(parties, eq(parties.id, terminations.partyId))
    .innerJoin(organisations, eq(organisations.id, parties.organisationId))
    .innerJoin(users, eq(users.id, terminations.givenBy))
    .where(eq(terminations.partnershipId, sql.placeholder("partnershipId")))
    .orderBy(asc(terminations.effectiveOn), asc(terminations.givenOn))
    .prepare("terminations_of"),
);

/** Notices given so far, earliest end first: the first one is when the agreement ends. */
export function terminationsOf(db: Db, partnershipId: string) {
  return noticesOf(db).execute({ partnershipId });
}

/** What a notice given on `givenOn` would mean, from the partnership's current period rule. */
export async function previewTermination(db: Db, partnershipId: string, givenOn: IsoDate): Promise<TerminationResult> {
  const [p] = await db.select({ periodRule: partnerships.periodRule }).from(partnerships).where(eq(partnerships.id, partnershipId));
  return terminationEffectiveOn(p?.periodRule ?? null, givenOn);
}

export type GiveNoticeResult = TerminationResult | { ok: false; error: "termination.alreadyGiven" };

/** Records a party's notice; a party gives notice once. The date is computed again, not trusted from the preview. */
export async function giveNotice(
  db: Db,
  partnershipId: string,
  input: { partyId: string; givenOn: IsoDate; reason: string },
  actor: SessionUser,
): Promise<GiveNoticeResult> {
  return db.transaction(async (tx) => {
    const [p] = await tx.select({ periodRule: partnerships.periodRule }).from(partnerships).where(eq(partnerships.id, partnershipId)).for("update");
    const result = terminationEffectiveOn(p?.periodRule ?? null, input.givenOn);
    if (!result.ok) return result;
    const [existing] = await tx
      .select({ id: terminations.id })
      .from(terminations)
      .where(and(eq(terminations.partnershipId, partnershipId), eq(terminations.partyId, input.partyId)));
    if (existing) return { ok: false, error: "termination.alreadyGiven" };
    await tx.insert(terminations).values({ partnershipId, ...input, effectiveOn: result.effectiveOn, givenBy: actor.id });
    await audit(tx, {
      actorId: actor.id,
      action: "termination.give",
      subject: `partnership:${partnershipId}`,
      details: { partyId: input.partyId, givenOn: input.givenOn, effectiveOn: result.effectiveOn, reason: input.reason },
    });
    return result;
  });
}
