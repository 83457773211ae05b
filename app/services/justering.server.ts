import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { prepared } from "../../db/prepared";
import { groupMembers, minutes, minutesApprovals, minutesCorrectionApprovals, minutesCorrections, minutesVersions, users } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import type { LiveMinutes } from "../live-minutes";
import { findPersonnummer, quoteAround } from "../domain/personnummer";
import { isUuid } from "./access.server";
import { audit } from "./audit.server";
import type { MeetingRow } from "./meetings.server";
import { notify } from "./notify.server";
import { conflict, forbidden, invalid, ok, type Result } from "./result";

interface Deps {
  db: Db;
  minutes: LiveMinutes;
  /** Where links in notifications point (PUBLIC_URL). */
  siteUrl: string;
}

/** The chair stops general editing and names the adjusters (chosen among the group's members). */
export async function sendForApproval(deps: Deps, meeting: MeetingRow, actor: SessionUser, adjusters: string[]): Promise<Result> {
  const chosen = [...new Set(adjusters)].filter((id) => id !== actor.id);
  if (!chosen.length) return invalid("justering.adjusterRequired", "adjuster");
  // Checked before the query: PostgreSQL refuses a malformed uuid with an error, not an empty result.
  if (!chosen.every(isUuid)) return invalid("justering.adjusterNotMember", "adjuster");
  const members = await deps.db
    .select({ userId: groupMembers.userId })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, meeting.groupId), inArray(groupMembers.userId, chosen)));
  if (members.length !== chosen.length) return invalid("justering.adjusterNotMember", "adjuster");
  return deps.minutes.withDocument(meeting.id, async (doc) => {
    // Sent by someone else since the page was read.
    if (doc.status !== "draft") return conflict("justering.notDraft");
    await deps.db.transaction(async (tx) => {
      await tx.update(minutes).set({ status: "for_approval", adjusters: chosen, chairId: actor.id, updatedAt: new Date() }).where(eq(minutes.meetingId, meeting.id));
      await tx.delete(minutesApprovals).where(eq(minutesApprovals.meetingId, meeting.id));
      await audit(tx, { actorId: actor.id, action: "minutes.forApproval", subject: `meeting:${meeting.id}`, details: { adjusters: chosen } });
      const sentAt = new Date().toISOString();
      const event = { params: { meeting: meeting.title }, link: `/meetings/${meeting.id}`, eventKey: `minutes-for-approval:${meeting.id}:${sentAt}` };
      await notify(tx, { kind: "minutes.forApproval", userIds: chosen, ...event }, deps.siteUrl);
    });
    doc.setState("for_approval", chosen);
    return ok();
  });
}

/**
 * The chair's or an adjuster's approval of the text as it is now. Identity numbers in the text
 * block approval until removed, or until the chair confirms with a reason (logged). When the
 * chair and every adjuster have approved the same text, the minutes become final: an immutable
 * version (HTML, text, Markdown, Yjs state, SHA-256) is stored and the document is read-only.
 */
export async function approve(deps: Deps, meeting: MeetingRow, actor: SessionUser, confirmReason: string | null): Promise<Result<{ final: boolean }>> {
  return deps.minutes.withDocument(meeting.id, async (doc) => {
    if (doc.status !== "for_approval") return conflict("justering.notForApproval", "approve");
    const [row] = await deps.db.select({ chairId: minutes.chairId, reason: minutes.personnummerReason }).from(minutes).where(eq(minutes.meetingId, meeting.id));
    const approvers = [row.chairId, ...doc.adjusters].filter((id): id is string => Boolean(id));
    if (!approvers.includes(actor.id)) return forbidden("justering.notApprover");

    const snap = doc.snapshot();
    const hits = findPersonnummer(snap.text);
    if (hits.length && !row.reason) {
      if (!(actor.id === row.chairId && confirmReason)) {
        const found = hits.map((h) => ({ text: h.text, context: quoteAround(snap.text, h.index, h.text.length) }));
        return conflict("justering.personnummer", "approve", { hits: found });
      }
      await deps.db.update(minutes).set({ personnummerReason: confirmReason }).where(eq(minutes.meetingId, meeting.id));
      await audit(deps.db, { actorId: actor.id, action: "minutes.personnummer.confirm", subject: `meeting:${meeting.id}`, details: { reason: confirmReason, count: hits.length } });
    }

    await deps.db
      .insert(minutesApprovals)
      .values({ meetingId: meeting.id, userId: actor.id, contentSha256: snap.contentSha256 })
      .onConflictDoUpdate({ target: [minutesApprovals.meetingId, minutesApprovals.userId], set: { contentSha256: snap.contentSha256, approvedAt: new Date() } });
    await audit(deps.db, { actorId: actor.id, action: "minutes.approve", subject: `meeting:${meeting.id}`, details: { contentSha256: snap.contentSha256 } });

    const approvals = await deps.db
      .select({ userId: minutesApprovals.userId, contentSha256: minutesApprovals.contentSha256, approvedAt: minutesApprovals.approvedAt, name: users.name })
      .from(minutesApprovals)
      .innerJoin(users, eq(users.id, minutesApprovals.userId))
      .where(eq(minutesApprovals.meetingId, meeting.id));
    const current = approvals.filter((a) => a.contentSha256 === snap.contentSha256);
    if (!approvers.every((id) => current.some((a) => a.userId === id))) return ok({ final: false });

    await deps.db.transaction(async (tx) => {
      await tx.insert(minutesVersions).values({
        meetingId: meeting.id,
        kind: "final",
        ...snap,
        approvals: current.map((a) => ({ userId: a.userId, name: a.name, role: a.userId === row.chairId ? "chair" : "adjuster", approvedAt: a.approvedAt.toISOString() })),
      });
      await tx.update(minutes).set({ status: "final", updatedAt: new Date() }).where(eq(minutes.meetingId, meeting.id));
      await audit(tx, { actorId: actor.id, action: "minutes.final", subject: `meeting:${meeting.id}`, details: { contentSha256: snap.contentSha256 } });
      const members = await tx.select({ userId: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, meeting.groupId));
      await notify(
        tx,
        {
          kind: "minutes.final",
          userIds: members.map((m) => m.userId),
          params: { meeting: meeting.title },
          link: `/meetings/${meeting.id}/minutes`,
          eventKey: `minutes-final:${meeting.id}`,
        },
        deps.siteUrl,
      );
    });
    doc.setState("final", [...doc.adjusters]);
    return ok({ final: true });
  });
}

/** Approvals given so far (and on which text), for the meeting page. */
const approvalsOf = prepared((db) =>
  db
    .select({ userId: minutesApprovals.userId, name: users.name, approvedAt: minutesApprovals.approvedAt, contentSha256: minutesApprovals.contentSha256 })
    .from(minutesApprovals)
    .innerJoin(users, eq(users.id, minutesApprovals.userId))
    .where(eq(minutesApprovals.meetingId, sql.placeholder("meetingId")))
    .prepare("minutes_approvals"),
);

export function approvalsGiven(db: Db, meetingId: string) {
  return approvalsOf(db).execute({ meetingId });
}

/**
 * Whether `userId`'s approval still stands: given, and of the minutes as they read now (an edit
 * since voids it, decision 008). Reads the live document only when there is an approval to check.
 */
export async function approvalStands(deps: { minutes: LiveMinutes }, meetingId: string, approvals: { userId: string; contentSha256: string }[], userId: string): Promise<boolean> {
  const mine = approvals.find((a) => a.userId === userId);
  if (!mine) return false;
  return deps.minutes.withDocument(meetingId, async (doc) => doc.snapshot().contentSha256 === mine.contentSha256);
}

/** Who approved the final minutes: they also approve every correction to them. */
async function finalApprovers(db: Db, meetingId: string): Promise<string[] | null> {
  const [final] = await db
    .select({ approvals: minutesVersions.approvals })
    .from(minutesVersions)
    .where(and(eq(minutesVersions.meetingId, meetingId), eq(minutesVersions.kind, "final")));
  return final ? final.approvals.map((a) => a.userId) : null;
}

/** A correction note to final minutes, by one of their approvers, who thereby approves it too. */
export async function addCorrection(db: Db, meeting: MeetingRow, actor: SessionUser, text: string): Promise<Result> {
  const approvers = await finalApprovers(db, meeting.id);
  if (!approvers) return conflict("justering.notFinal", "text");
  if (!approvers.includes(actor.id)) return forbidden("justering.notApprover");
  await db.transaction(async (tx) => {
    const [c] = await tx.insert(minutesCorrections).values({ meetingId: meeting.id, text, createdBy: actor.id }).returning({ id: minutesCorrections.id });
    await tx.insert(minutesCorrectionApprovals).values({ correctionId: c.id, userId: actor.id });
    await audit(tx, { actorId: actor.id, action: "minutes.correction.add", subject: `meeting:${meeting.id}`, details: { correctionId: c.id, text } });
    if (approvers.length === 1) await tx.update(minutesCorrections).set({ approvedAt: new Date() }).where(eq(minutesCorrections.id, c.id));
  });
  return ok();
}

export async function approveCorrection(db: Db, meeting: MeetingRow, actor: SessionUser, correctionId: number): Promise<Result> {
  const approvers = await finalApprovers(db, meeting.id);
  if (!approvers?.includes(actor.id)) return forbidden("justering.notApprover");
  await db.transaction(async (tx) => {
    const [c] = await tx
      .select({ id: minutesCorrections.id, approvedAt: minutesCorrections.approvedAt })
      .from(minutesCorrections)
      .where(and(eq(minutesCorrections.id, correctionId), eq(minutesCorrections.meetingId, meeting.id)))
      .for("update");
    if (!c || c.approvedAt) return;
    await tx.insert(minutesCorrectionApprovals).values({ correctionId, userId: actor.id }).onConflictDoNothing();
    await audit(tx, { actorId: actor.id, action: "minutes.correction.approve", subject: `meeting:${meeting.id}`, details: { correctionId } });
    const given = await tx.select({ userId: minutesCorrectionApprovals.userId }).from(minutesCorrectionApprovals).where(eq(minutesCorrectionApprovals.correctionId, correctionId));
    if (approvers.every((id) => given.some((g) => g.userId === id))) {
      await tx.update(minutesCorrections).set({ approvedAt: new Date() }).where(eq(minutesCorrections.id, correctionId));
    }
  });
  return ok();
}

/** The corrections of a meeting's minutes with who has approved each. */
export async function correctionsOf(db: Db, meetingId: string) {
  const [rows, approvals] = await Promise.all([
    db
      .select({ id: minutesCorrections.id, text: minutesCorrections.text, createdAt: minutesCorrections.createdAt, approvedAt: minutesCorrections.approvedAt, author: users.name })
      .from(minutesCorrections)
      .innerJoin(users, eq(users.id, minutesCorrections.createdBy))
      .where(eq(minutesCorrections.meetingId, meetingId))
      .orderBy(asc(minutesCorrections.id)),
    db
      .select({ correctionId: minutesCorrectionApprovals.correctionId, userId: minutesCorrectionApprovals.userId, name: users.name })
      .from(minutesCorrectionApprovals)
      .innerJoin(minutesCorrections, eq(minutesCorrections.id, minutesCorrectionApprovals.correctionId))
      .innerJoin(users, eq(users.id, minutesCorrectionApprovals.userId))
      .where(eq(minutesCorrections.meetingId, meetingId)),
  ]);
  return rows.map((r) => ({ ...r, approvedBy: approvals.filter((a) => a.correctionId === r.id) }));
}
