import { createHash } from "node:crypto";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { amendments, amendmentSignatures, appendices, groupMembers, groups, parties, partnerships, terminations, users } from "../../db/schema";
import { checkOwnPassword } from "../auth/throttle.server";
import type { SessionUser } from "../auth/session.server";
import { amendmentStage, edit, sign, type AmendmentState } from "../domain/amendment";
import type { IsoDate } from "../domain/iso-date";
import { participatingParties } from "../domain/participation";
import { validatePeriodRule, type PeriodRule } from "../domain/period";
import { stockholmDate } from "../domain/stockholm-date";
import { audit } from "./audit.server";
import { notify, speakersFor } from "./notify.server";
import { conflict, invalid, ok, throttled, type Result } from "./result";
import { partiesOf } from "./partnerships.server";

export interface AmendmentInput {
  title: string;
  text: string;
  appendixId: string | null;
  periodRule: PeriodRule | null;
}

export type AmendmentRow = typeof amendments.$inferSelect;

/** What is signed: title, text and any new period rule, so none can change under a signature. */
export function contentHash(input: Pick<AmendmentInput, "title" | "text" | "periodRule">): string {
  return createHash("sha256").update(JSON.stringify([input.title, input.text, input.periodRule ?? null])).digest("hex");
}

const subject = (partnershipId: string) => `partnership:${partnershipId}`;

/** The parties whose signature an amendment needs on `today`: those still taking part (004 §5.6). */
const signingParties = (partyRows: { id: string; participatesUntil: IsoDate | null }[], today: IsoDate) =>
  participatingParties(partyRows, today).map((p) => p.id);

/** The signature state of an amendment whose row the transaction has locked. */
async function lockedState(tx: Tx, a: AmendmentRow, today = stockholmDate(new Date())): Promise<{ state: AmendmentState; live: { partyId: string; userId: string }[] }> {
  const [live, partyRows] = await Promise.all([
    tx.select().from(amendmentSignatures).where(and(eq(amendmentSignatures.amendmentId, a.id), isNull(amendmentSignatures.voidedAt))),
    tx
      .select({ id: parties.id, participatesUntil: terminations.effectiveOn })
      .from(parties)
      .leftJoin(terminations, eq(terminations.partyId, parties.id))
      .where(eq(parties.partnershipId, a.partnershipId)),
  ]);
  return { state: { textSha256: a.textSha256, parties: signingParties(partyRows, today), signatures: live }, live };
}

/** Every amendment of the partnership with its stage, newest first: three queries. */
export async function listAmendments(db: Db, partnershipId: string, today = stockholmDate(new Date())) {
  const [rows, partyRows, signatures] = await Promise.all([
    db.select().from(amendments).where(eq(amendments.partnershipId, partnershipId)).orderBy(desc(amendments.createdAt)),
    partiesOf(db, partnershipId),
    db
      .select({ amendmentId: amendmentSignatures.amendmentId, partyId: amendmentSignatures.partyId, userId: amendmentSignatures.userId, textSha256: amendmentSignatures.textSha256 })
      .from(amendmentSignatures)
      .innerJoin(amendments, eq(amendments.id, amendmentSignatures.amendmentId))
      .where(and(eq(amendments.partnershipId, partnershipId), isNull(amendmentSignatures.voidedAt))),
  ]);
  const partyIds = signingParties(partyRows, today);
  return rows.map((a) => {
    const own = signatures.filter((s) => s.amendmentId === a.id);
    // Once valid it stays valid, even if a party joins the partnership later.
    const stage = a.validAt ? "valid" : amendmentStage({ textSha256: a.textSha256, parties: partyIds, signatures: own });
    return { ...a, stage, signedBy: own.length, parties: partyIds.length };
  });
}

export async function findAmendment(db: Db, id: string): Promise<AmendmentRow | undefined> {
  const [row] = await db.select().from(amendments).where(eq(amendments.id, id));
  return row;
}

/** The amendment with every signature ever made (voided ones too), signer and party named. */
export async function amendmentDetail(db: Db, amendment: AmendmentRow, today = stockholmDate(new Date())) {
  const [partyRows, [appendix], signatures] = await Promise.all([
    partiesOf(db, amendment.partnershipId),
    amendment.appendixId ? db.select({ title: appendices.title }).from(appendices).where(eq(appendices.id, amendment.appendixId)) : [],
    db
      .select({
        id: amendmentSignatures.id,
        partyId: amendmentSignatures.partyId,
        userId: amendmentSignatures.userId,
        signer: users.name,
        textSha256: amendmentSignatures.textSha256,
        signedAt: amendmentSignatures.signedAt,
        voidedAt: amendmentSignatures.voidedAt,
      })
      .from(amendmentSignatures)
      .innerJoin(users, eq(users.id, amendmentSignatures.userId))
      .where(eq(amendmentSignatures.amendmentId, amendment.id))
      .orderBy(asc(amendmentSignatures.signedAt)),
  ]);
  const live = signatures.filter((s) => !s.voidedAt);
  const signing = signingParties(partyRows, today);
  const stage = amendment.validAt ? "valid" : amendmentStage({ textSha256: amendment.textSha256, parties: signing, signatures: live });
  // A party that has left is shown only where it signed: its signatures stay in the history.
  const parties = partyRows.filter((p) => signing.includes(p.id) || signatures.some((s) => s.partyId === p.id));
  return { parties, signing, appendix: appendix?.title ?? null, signatures, stage };
}

/** Who signs for the parties: their representatives in the steering group (§5.6). */
async function signatories(tx: Tx, partnershipId: string) {
  const rows = await tx
    .selectDistinct({ userId: groupMembers.userId })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(and(eq(groups.partnershipId, partnershipId), eq(groups.kind, "steering"), eq(groupMembers.role, "representative")));
  return rows.map((r) => r.userId);
}

export async function createAmendment(db: Db, partnershipId: string, input: AmendmentInput, actor: SessionUser, siteUrl: string): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(amendments)
      .values({ partnershipId, ...input, textSha256: contentHash(input), createdBy: actor.id })
      .returning({ id: amendments.id });
    await audit(tx, { actorId: actor.id, action: "amendment.create", subject: subject(partnershipId), details: { amendmentId: row.id, title: input.title } });
    const event = { params: { title: input.title }, link: `/amendments/${row.id}`, eventKey: `amendment-sign:${row.id}` };
    await notify(tx, { kind: "amendment.awaitingSignature", userIds: await signatories(tx, partnershipId), ...event }, siteUrl);
    return row.id;
  });
}

/**
 * Changes the draft; every signature made so far is voided (kept, marked), since it was for the old
 * text, and who gave it is told the new text awaits their signature. Answers how many were voided.
 */
export async function editAmendment(
  db: Db,
  id: string,
  input: AmendmentInput,
  actor: SessionUser,
  siteUrl: string,
): Promise<Result<{ voided: number }>> {
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(amendments).where(eq(amendments.id, id)).for("update");
    const { state, live } = await lockedState(tx, a);
    const allowed = edit(state);
    if (!allowed.ok || a.validAt) return conflict("amendment.validLocked", "text");
    const now = new Date();
    const textSha256 = contentHash(input);
    await tx.update(amendments).set({ ...input, textSha256, updatedAt: now }).where(eq(amendments.id, id));
    if (live.length) {
      await tx
        .update(amendmentSignatures)
        .set({ voidedAt: now })
        .where(and(eq(amendmentSignatures.amendmentId, id), isNull(amendmentSignatures.voidedAt)));
      const signers = live.map((s) => s.userId).filter((userId) => userId !== actor.id);
      const event = { params: { title: input.title }, link: `/amendments/${id}`, eventKey: `amendment-sign:${id}:${textSha256}` };
      await notify(tx, { kind: "amendment.awaitingSignature", userIds: signers, ...event }, siteUrl);
    }
    await audit(tx, {
      actorId: actor.id,
      action: "amendment.edit",
      subject: subject(a.partnershipId),
      details: { amendmentId: id, title: input.title, voidedSignatures: live.length },
    });
    return ok({ voided: live.length });
  });
}

/**
 * Signs for the party the user represents in the steering group, after checking their password
 * again, and answers whether the amendment became valid. A wrong password stores nothing; too many
 * are throttled. The row lock serialises signatures and edits. Every refusal is at the password.
 */
export async function signAmendment(
  db: Db,
  id: string,
  signer: { user: SessionUser; authorisedFor: string[]; password: string; seenSha256: string; ip: string },
  siteUrl: string,
): Promise<Result<{ valid: boolean }>> {
  const check = await checkOwnPassword(db, signer.user, signer.password, signer.ip);
  if (!check.ok) {
    return check.reason === "throttled" ? throttled("amendment.throttled", check.retryAfter, "password") : invalid("amendment.wrongPassword", "password");
  }
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(amendments).where(eq(amendments.id, id)).for("update");
    const { state } = await lockedState(tx, a);
    const result = sign(state, { userId: signer.user.id, authorisedFor: signer.authorisedFor, seenSha256: signer.seenSha256 });
    if (!result.ok) return conflict(result.error, "password");
    if (a.validAt) return conflict("amendment.alreadyValid", "password");
    await tx.insert(amendmentSignatures).values({ amendmentId: id, ...result.signature });
    await audit(tx, {
      actorId: signer.user.id,
      action: "amendment.sign",
      subject: subject(a.partnershipId),
      details: { amendmentId: id, title: a.title, partyId: result.signature.partyId, textSha256: a.textSha256 },
    });
    const valid = result.stage === "valid";
    if (valid) {
      await tx.update(amendments).set({ validAt: new Date() }).where(eq(amendments.id, id));
      await audit(tx, { actorId: signer.user.id, action: "amendment.valid", subject: subject(a.partnershipId), details: { amendmentId: id, title: a.title } });
      const everyone = await speakersFor(tx, a.partnershipId, (await tx.select({ id: parties.id }).from(parties).where(eq(parties.partnershipId, a.partnershipId))).map((p) => p.id));
      await notify(tx, { kind: "amendment.valid", userIds: everyone, params: { title: a.title }, link: `/amendments/${id}`, eventKey: `amendment-valid:${id}` }, siteUrl);
    }
    return ok({ valid });
  });
}

/** Makes a valid amendment's period rule the partnership's, once. */
export async function applyPeriodRule(db: Db, id: string, actor: SessionUser): Promise<Result> {
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(amendments).where(eq(amendments.id, id)).for("update");
    if (!a.validAt) return conflict("amendment.notValid");
    if (!a.periodRule) return conflict("amendment.noPeriodRule");
    if (a.appliedAt) return conflict("amendment.alreadyApplied");
    if (validatePeriodRule(a.periodRule).length) return conflict("amendment.periodInvalid");
    const [before] = await tx.select({ periodRule: partnerships.periodRule }).from(partnerships).where(eq(partnerships.id, a.partnershipId)).for("update");
    await tx.update(partnerships).set({ periodRule: a.periodRule }).where(eq(partnerships.id, a.partnershipId));
    await tx.update(amendments).set({ appliedAt: new Date() }).where(eq(amendments.id, id));
    await audit(tx, {
      actorId: actor.id,
      action: "amendment.apply",
      subject: subject(a.partnershipId),
      details: { amendmentId: id, title: a.title, from: before?.periodRule ?? null, to: a.periodRule },
    });
    return ok();
  });
}

