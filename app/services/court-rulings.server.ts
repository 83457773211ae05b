import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { courtRulings, parties, partnerships, terminations } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import type { IsoDate } from "../domain/iso-date";
import { courtRulingEndsOn } from "../domain/termination";
import { translator } from "../i18n";
import { audit } from "./audit.server";
import { conflict, ok, type Result } from "./result";

export interface CourtRulingInput {
  authority: string;
  caseNumber: string;
  finalOn: IsoDate;
  note: string;
}

export async function courtRulingOf(db: Db, partnershipId: string) {
  const [row] = await db.select().from(courtRulings).where(eq(courtRulings.partnershipId, partnershipId));
  return row ?? null;
}

/**
 * Records a final ruling finding the agreement unlawful (000 §10): every party's participation ends
 * at the next year-end, as a notice would end it (an earlier notice keeps its own date), so rights,
 * chairs and reports follow from participation as everywhere else. Recorded once.
 */
export async function recordCourtRuling(db: Db, partnershipId: string, input: CourtRulingInput, actor: SessionUser): Promise<Result<{ endsOn: IsoDate }>> {
  const endsOn = courtRulingEndsOn(input.finalOn);
  return db.transaction(async (tx) => {
    await tx.select({ id: partnerships.id }).from(partnerships).where(eq(partnerships.id, partnershipId)).for("update");
    const [existing] = await tx.select({ id: courtRulings.partnershipId }).from(courtRulings).where(eq(courtRulings.partnershipId, partnershipId));
    if (existing) return conflict("court.alreadyRecorded");
    await tx.insert(courtRulings).values({ partnershipId, ...input, endsOn, recordedBy: actor.id });
    const [partyRows, notices] = await Promise.all([
      tx.select({ id: parties.id }).from(parties).where(eq(parties.partnershipId, partnershipId)),
      tx.select({ partyId: terminations.partyId, effectiveOn: terminations.effectiveOn }).from(terminations).where(eq(terminations.partnershipId, partnershipId)),
    ]);
    // The record's reason is in Swedish, the agreement's language, whoever records it.
    const reason = translator("sv")("court.reason", { authority: input.authority, caseNumber: input.caseNumber });
    for (const party of partyRows) {
      const notice = notices.find((n) => n.partyId === party.id);
      if (!notice) await tx.insert(terminations).values({ partnershipId, partyId: party.id, givenOn: input.finalOn, effectiveOn: endsOn, reason, givenBy: actor.id });
      else if (notice.effectiveOn > endsOn) await tx.update(terminations).set({ effectiveOn: endsOn }).where(eq(terminations.partyId, party.id));
    }
    await audit(tx, { actorId: actor.id, action: "courtRuling.record", subject: `partnership:${partnershipId}`, details: { ...input, endsOn } });
    return ok({ endsOn });
  });
}
