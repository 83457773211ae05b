import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { SendMailOptions } from "nodemailer";
import type { Db } from "../../db/client";
import { outbox, users } from "../../db/schema";
import { absoluteLinks, afterFailure, classifySendError, mailHtml } from "../domain/mail";
import { isLocale, translator } from "../i18n";

/** What delivery needs of nodemailer: tests hand in their own. */
export interface MailTransport {
  sendMail(message: SendMailOptions): Promise<unknown>;
}

/**
 * A claimed mail is ours for this long; one still `sending` after it was claimed by a process that
 * died mid-send. Longer than any one SMTP conversation can take with the timeouts below.
 */
export const LOCK_MS = 10 * 60_000;

/** nodemailer over SMTP_URL: smtp:// upgrades with STARTTLS (required unless on loopback), smtps:// is TLS from the start. */
export function smtpTransport(smtpUrl: string): MailTransport {
  const url = new URL(smtpUrl);
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  return nodemailer.createTransport({
    url: smtpUrl,
    requireTLS: url.protocol === "smtp:" && !loopback,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}

export interface DeliveryOptions {
  /** The site's origin: relative links and the settings link are made absolute from it. */
  publicUrl: string;
  from: string;
  now?: () => Date;
  /** At most this many mails per run; the next run takes the rest. */
  max?: number;
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
  uncertain: number;
}

/**
 * Mail left `sending` past its lock was claimed by a process that died between sending and
 * marking: it may have been delivered, so it is never sent again by itself (`uncertain`).
 */
export async function markAbandoned(db: Db, now: Date): Promise<number> {
  const rows = await db
    .update(outbox)
    .set({ status: "uncertain", lockedUntil: null, lastError: "Avbröts under sändning: okänt om den kom fram." })
    .where(and(eq(outbox.status, "sending"), lte(outbox.lockedUntil, now)))
    .returning({ id: outbox.id });
  return rows.length;
}

/** One due mail, marked `sending` in its own committed statement; other processes skip it. */
async function claimNext(db: Db, now: Date) {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(1)
    .for("update", { skipLocked: true });
  const [row] = await db
    .update(outbox)
    .set({ status: "sending", attempts: sql`${outbox.attempts} + 1`, lockedUntil: new Date(now.getTime() + LOCK_MS) })
    .where(inArray(outbox.id, due))
    .returning();
  return row;
}

type OutboxRow = typeof outbox.$inferSelect;

/**
 * The message as sent: text and HTML parts, links absolute, and for a user a List-Unsubscribe to their
 * settings. Account mail (a reset link, a changed password) names no user but goes to an account's
 * address: its HTML part is in that account's language too, as its text is.
 */
export async function composeMail(db: Db, row: OutboxRow, options: Pick<DeliveryOptions, "publicUrl" | "from">): Promise<SendMailOptions> {
  const [account] = await db
    .select({ locale: users.locale })
    .from(users)
    .where(row.userId ? eq(users.id, row.userId) : sql`lower(${users.email}) = lower(${row.to})`);
  const recipient = row.userId ? account : undefined;
  const locale = isLocale(account?.locale) ? account.locale : "sv";
  const t = translator(locale);
  const settings = `${options.publicUrl}/settings#notifications`;
  const body = absoluteLinks(row.body, options.publicUrl);
  // Mail to a user says where to choose what they receive, unless its text says so already.
  const text = recipient && !body.includes(settings) ? `${body}\n\n-- \n${t("mail.footer", { link: settings })}\n` : body;
  const host = new URL(options.publicUrl).hostname;
  return {
    from: options.from,
    to: row.to,
    subject: row.subject,
    text,
    html: mailHtml({ text, subject: row.subject, lang: locale, product: t("app.name") }),
    attachments: row.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    // The same id on a resend lets the receiving side recognise it.
    messageId: `<outbox-${row.id}@${host}>`,
    headers: recipient ? { "List-Unsubscribe": `<${settings}>` } : undefined,
  };
}

/**
 * Sends what is due, one mail at a time: each is claimed, sent, then marked `sent`; a temporary
 * failure is tried again later (see afterFailure), a permanent one is `failed` at once.
 */
export async function deliverDueMail(db: Db, transport: MailTransport, options: DeliveryOptions): Promise<DeliveryReport> {
  const clock = options.now ?? (() => new Date());
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, uncertain: await markAbandoned(db, clock()) };
  for (let i = 0; i < (options.max ?? 100); i++) {
    const row = await claimNext(db, clock());
    if (!row) break;
    let message: SendMailOptions;
    try {
      message = await composeMail(db, row, options);
      await transport.sendMail(message);
    } catch (error) {
      const failure = classifySendError(error);
      const next = afterFailure(row.attempts, failure, clock());
      await db
        .update(outbox)
        .set({ ...next, lockedUntil: null, lastError: failure.message })
        .where(eq(outbox.id, row.id));
      report[next.status === "failed" ? "failed" : "retrying"]++;
      continue;
    }
    await db.update(outbox).set({ status: "sent", sentAt: clock(), lockedUntil: null, lastError: null }).where(eq(outbox.id, row.id));
    report.sent++;
  }
  return report;
}
