import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { groupMembers, groups, notificationPreferences, notifications, users, type Locale } from "../../db/schema";
import { mailMode, type NotificationKind, type NotificationMode } from "../domain/notifications";
import type { IsoDate } from "../domain/iso-date";
import { translator, type MessageKey, type Translate } from "../i18n";
import { queueMail } from "./outbox.server";

export type NotificationParams = Record<string, string | number>;

export interface NotifyInput {
  kind: NotificationKind;
  userIds: readonly string[];
  /** Values for the kind's line; a param named `…Key` is a message key, translated for each reader. */
  params: NotificationParams;
  /** The page it concerns, as a path. */
  link: string;
  /** Names the event: each user is told of it once, however often or by however many processes it is noticed. */
  eventKey: string;
  dueOn?: IsoDate | null;
  /** The event carries its own mail (a formal notice with its record): shown in the app, not mailed again. */
  mailedWithEvent?: boolean;
}

/** The kind's line in the reader's language. */
export function notificationLine(t: Translate, kind: string, params: NotificationParams): string {
  const shown = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, k.endsWith("Key") ? t(String(v) as MessageKey) : v]));
  return t(`notify.${kind}` as MessageKey, shown);
}

const settingsLink = (baseUrl: string) => `${baseUrl}/settings#notifications`;

/**
 * Records a notification for each user (once per event) and mails it to those who want it at once:
 * a duty with a deadline always, anything else per the user's preference (a digest collects the rest
 * at 07:00). Runs in the caller's transaction, so the change and its notice commit together.
 */
export async function notify(db: Db | Tx, input: NotifyInput, baseUrl: string): Promise<number> {
  const userIds = [...new Set(input.userIds)];
  if (!userIds.length) return 0;
  const created = await db
    .insert(notifications)
    .values(userIds.map((userId) => ({ userId, kind: input.kind, params: input.params, link: input.link, eventKey: input.eventKey, dueOn: input.dueOn ?? null })))
    .onConflictDoNothing()
    .returning({ id: notifications.id, userId: notifications.userId });
  if (!created.length) return 0;
  const readers = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, mode: notificationPreferences.mode })
    .from(users)
    .leftJoin(notificationPreferences, and(eq(notificationPreferences.userId, users.id), eq(notificationPreferences.kind, input.kind)))
    .where(
      inArray(
        users.id,
        created.map((c) => c.userId)
      )
    );
  const now = new Date();
  const settled: number[] = [];
  const mails = [];
  for (const reader of readers) {
    const mode = input.mailedWithEvent ? "off" : mailMode(input.kind, reader.mode ?? undefined);
    const row = created.find((c) => c.userId === reader.id)!;
    // "off" owes no mail either: it is settled as if mailed, and only shown in the app.
    if (mode !== "digest") settled.push(row.id);
    if (mode !== "immediately") continue;
    const t = translator(reader.locale);
    const line = notificationLine(t, input.kind, input.params);
    mails.push({ to: reader.email, userId: reader.id, kind: input.kind, subject: line, body: t("notify.mailBody", { name: reader.name, line, link: baseUrl + input.link, settings: settingsLink(baseUrl) }) });
  }
  await queueMail(db, ...mails);
  if (settled.length) await db.update(notifications).set({ mailedAt: now }).where(inArray(notifications.id, settled));
  return created.length;
}

/**
 * The daily digest: one mail per user with everything they chose to get as a summary and have not
 * been sent yet. Rows are taken with SKIP LOCKED, so two processes running it at once send each once.
 */
export async function sendDigests(db: Db, baseUrl: string, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const owed = await tx
      .select({ id: notifications.id, userId: notifications.userId, kind: notifications.kind, params: notifications.params, link: notifications.link })
      .from(notifications)
      .where(isNull(notifications.mailedAt))
      .orderBy(asc(notifications.userId), asc(notifications.id))
      .for("update", { skipLocked: true });
    if (!owed.length) return 0;
    const readers = await tx
      .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
      .from(users)
      .where(inArray(users.id, [...new Set(owed.map((o) => o.userId))]));
    await queueMail(
      tx,
      ...readers.map((r) => {
        const t = translator(r.locale);
        const mine = owed.filter((o) => o.userId === r.id);
        const lines = mine.map((o) => `• ${notificationLine(t, o.kind, o.params)}\n  ${baseUrl}${o.link}`).join("\n\n");
        return { to: r.email, userId: r.id, kind: "digest", subject: t("notify.digestSubject", { n: mine.length }), body: t("notify.digestBody", { name: r.name, lines, settings: settingsLink(baseUrl) }) };
      })
    );
    await tx
      .update(notifications)
      .set({ mailedAt: now })
      .where(
        inArray(
          notifications.id,
          owed.map((o) => o.id)
        )
      );
    return readers.length;
  });
}

/** The user's notifications, newest first, rendered in their language. */
export async function notificationsOf(db: Db, userId: string, locale: Locale, limit = 50) {
  const t = translator(locale);
  const rows = await db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit);
  return rows.map((r) => ({ id: r.id, line: notificationLine(t, r.kind, r.params), link: r.link, dueOn: r.dueOn, read: r.readAt !== null, createdAt: r.createdAt.toISOString() }));
}

/** Marks the user's own notifications read: those given, or all. */
export async function markRead(db: Db, userId: string, ids: number[] | "all") {
  const mine = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(ids === "all" ? mine : and(mine, inArray(notifications.id, ids)));
}

export async function preferencesOf(db: Db, userId: string): Promise<Partial<Record<string, NotificationMode>>> {
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return Object.fromEntries(rows.map((r) => [r.kind, r.mode]));
}

export async function savePreferences(db: Db, userId: string, modes: Partial<Record<NotificationKind, NotificationMode>>) {
  const entries = Object.entries(modes) as [NotificationKind, NotificationMode][];
  if (!entries.length) return;
  await db
    .insert(notificationPreferences)
    .values(entries.map(([kind, mode]) => ({ userId, kind, mode })))
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { mode: sql`excluded.mode`, updatedAt: new Date() } });
}

/** Who speaks for these parties in the partnership's groups (not observers): those a matter of the party's is told to. */
export async function speakersFor(db: Db | Tx, partnershipId: string, partyIds: readonly (string | null)[]): Promise<string[]> {
  const ids = partyIds.filter((p): p is string => p !== null);
  if (!ids.length) return [];
  const rows = await db
    .selectDistinct({ userId: groupMembers.userId })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(and(eq(groups.partnershipId, partnershipId), inArray(groupMembers.partyId, ids), sql`${groupMembers.role} <> 'observer'`));
  return rows.map((r) => r.userId);
}
