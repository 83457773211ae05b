import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { outbox, type MailAttachment } from "../../db/schema";
import { audit } from "./audit.server";
import { conflict, ok, type Result } from "./result";

type Executor = Pick<Db, "insert" | "execute">;

/** The channel a committed transaction with new mail notifies, so delivery starts at once. */
export const OUTBOX_CHANNEL = "samrad_outbox";

export interface QueuedMail {
  to: string;
  subject: string;
  body: string;
  attachments?: MailAttachment[];
  /** The recipient when they are a user: the mail then carries a link to their notification settings. */
  userId?: string;
  /** The kind of notification it carries; none for account mail. */
  kind?: string;
}

/**
 * Mail is written to the outbox in the same transaction as the change that causes it; delivery
 * hears of it when that transaction commits (NOTIFY is held until then) and never before.
 */
export async function queueMail(db: Executor, ...mails: QueuedMail[]) {
  if (!mails.length) return;
  await db.insert(outbox).values(mails);
  await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}

export function latestMail(db: Db, limit = 50) {
  return db.select().from(outbox).orderBy(desc(outbox.id)).limit(limit);
}

/** Mail delivery gave up on (failed) or cannot know was delivered (uncertain): what an administrator must look at. */
export function undeliveredMail(db: Db) {
  return db
    .select()
    .from(outbox)
    .where(inArray(outbox.status, ["failed", "uncertain"]))
    .orderBy(desc(outbox.id))
    .limit(200);
}

/**
 * An administrator sends a failed or uncertain mail again: it is due at once with its attempts
 * counted afresh. An uncertain one may then arrive twice; the page says so before they confirm.
 */
export async function requeueMail(db: Db, id: number, actor: { id: string }): Promise<Result> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ to: outbox.to, subject: outbox.subject, status: outbox.status, attempts: outbox.attempts, lastError: outbox.lastError })
      .from(outbox)
      .where(and(eq(outbox.id, id), inArray(outbox.status, ["failed", "uncertain"])))
      .for("update");
    if (!row) return conflict("outbox.requeueGone");
    await tx.update(outbox).set({ status: "pending", attempts: 0, nextAttemptAt: new Date(), lockedUntil: null }).where(eq(outbox.id, id));
    await audit(tx, { actorId: actor.id, action: "outbox.requeue", subject: `outbox:${id}`, details: row });
    await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
    return ok();
  });
}
