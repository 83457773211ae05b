import { desc } from "drizzle-orm";
import type { Db } from "../../db/client";
import { outbox, type MailAttachment } from "../../db/schema";

type Executor = Pick<Db, "insert">;

/** Mail is written to the outbox in the same transaction as the change that causes it. */
export async function queueMail(db: Executor, ...mails: { to: string; subject: string; body: string; attachments?: MailAttachment[] }[]) {
  if (mails.length) await db.insert(outbox).values(mails);
}

export function latestMail(db: Db, limit = 50) {
  return db.select().from(outbox).orderBy(desc(outbox.id)).limit(limit);
}
