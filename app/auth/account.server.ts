import { and, count, eq, gt, isNotNull, isNull, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { passwordResets, sessions, users, type Locale } from "../../db/schema";
import { formatDateTime, translator } from "../i18n";
import { audit } from "../services/audit.server";
import { queueMail } from "../services/outbox.server";
import { invalid, ok, throttled, type Result } from "../services/result";
import { hashPassword } from "./password.server";
import type { SessionUser } from "./session.server";
import { checkOwnPassword } from "./throttle.server";
import { generateToken, hashToken, PASSWORD_RESET_LIFETIME_MS } from "./tokens";

/** Requests for a reset link remembered per address and per IP address. */
const RESET_WINDOW_MS = 60 * 60 * 1000;
const RESETS_PER_ADDRESS = 3;
const RESETS_PER_IP = 10;
// Namespaces of the advisory locks that make the counting of requests race-free (apart from login's 3003).
const LOCK_IP = 3013;
const LOCK_ADDRESS = 3014;
/** 256 random bits in every reset link. */
const RESET_TOKEN_BYTES = 32;

type Owner = { id: string; email: string; name: string; locale: Locale };

const forgotLink = (baseUrl: string) => `${baseUrl}/password/forgot`;

/** Takes the user's row for the change, so two changes of one account's password run one after the other. */
async function lockUser(tx: Tx, id: string): Promise<Owner | undefined> {
  const [user] = await tx.select({ id: users.id, email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, id)).for("update");
  return user;
}

/**
 * Stores the new hash, voids every reset link still open for the user, ends their sessions (all but
 * `keepSessionId`; realtime closes the live-minutes sockets of the others at its next re-check) and
 * tells the owner by mail, in their language. Returns how many sessions were ended.
 */
async function setPassword(tx: Tx, user: Owner, passwordHash: string, keepSessionId: string | null, baseUrl: string, now: Date): Promise<number> {
  await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
  await tx
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt), isNotNull(passwordResets.tokenHash)));
  const ended = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, user.id), keepSessionId ? ne(sessions.id, keepSessionId) : undefined))
    .returning({ id: sessions.id });
  const t = translator(user.locale);
  await queueMail(tx, {
    to: user.email,
    subject: t("account.changedMailSubject"),
    body: t("account.changedMailBody", { name: user.name, date: formatDateTime(now, user.locale), link: forgotLink(baseUrl) }),
  });
  return ended.length;
}

/**
 * A signed-in user changes their password: the current one is checked like a login (wrong ones are
 * throttled together with failed logins), and every other session of theirs ends.
 */
export async function changePassword(
  db: Db,
  input: { user: SessionUser; sessionId: string; current: string; password: string; ip: string; baseUrl: string },
  now = new Date(),
): Promise<Result<{ endedSessions: number }>> {
  const check = await checkOwnPassword(db, input.user, input.current, input.ip);
  if (!check.ok) return check.reason === "throttled" ? throttled("account.throttled", check.retryAfter, "current") : invalid("account.wrongPassword", "current");
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, input.user.id);
    if (!user) return invalid("account.wrongPassword", "current");
    const endedSessions = await setPassword(tx, user, passwordHash, input.sessionId, input.baseUrl, now);
    await audit(tx, { actorId: user.id, action: "auth.password.change", subject: `user:${user.id}`, details: { endedSessions } });
    return ok({ endedSessions });
  });
}

/**
 * Someone asks for a reset link for `email`. Whatever the address, the same work is done and the
 * caller answers the same: a token is always made and hashed, the request always recorded. Only
 * for an account's address, and within 3 requests per address and 10 per IP address an hour, is
 * the link stored (its hash) and mailed. Returns nothing the caller could give away.
 */
export async function requestPasswordReset(db: Db, input: { email: string; ip: string; baseUrl: string }, now = new Date()): Promise<void> {
  const email = input.email.toLowerCase();
  const token = generateToken(RESET_TOKEN_BYTES);
  const tokenHash = hashToken(token);
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MS);
  await db.transaction(async (tx) => {
    // Requests from one IP address, then for one address, take turns; always in this order, so no deadlock.
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_IP}::int, hashtext(${input.ip}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_ADDRESS}::int, hashtext(${email}))`);
    const since = gt(passwordResets.createdAt, new Date(now.getTime() - RESET_WINDOW_MS));
    const [[byAddress], [byIp], [user]] = await Promise.all([
      tx
        .select({ n: count() })
        .from(passwordResets)
        .where(and(eq(passwordResets.email, email), since)),
      tx
        .select({ n: count() })
        .from(passwordResets)
        .where(and(eq(passwordResets.ip, input.ip), since)),
      tx
        .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
        .from(users)
        .where(sql`lower(${users.email}) = ${email}`),
    ]);
    const allowed = byAddress.n < RESETS_PER_ADDRESS && byIp.n < RESETS_PER_IP;
    const owner = allowed ? user : undefined;
    await tx.insert(passwordResets).values({ email, ip: input.ip, userId: owner?.id ?? null, tokenHash: owner ? tokenHash : null, expiresAt, createdAt: now });
    if (!allowed) return;
    await audit(tx, { actorId: null, action: "auth.password.resetRequest", subject: owner ? `user:${owner.id}` : undefined, details: { email, ip: input.ip } });
    if (!owner) return;
    const t = translator(owner.locale);
    await queueMail(tx, {
      to: owner.email,
      subject: t("reset.mailSubject"),
      body: t("reset.mailBody", { name: owner.name, expires: formatDateTime(expiresAt, owner.locale), link: `${input.baseUrl}/password/reset/${token}` }),
    });
  });
}

export type ResetProblem = "invalid" | "used" | "expired";

function problemOf(reset: { usedAt: Date | null; expiresAt: Date } | undefined, now: Date): ResetProblem | null {
  if (!reset) return "invalid";
  if (reset.usedAt) return "used";
  return reset.expiresAt.getTime() <= now.getTime() ? "expired" : null;
}

function resetOf(db: Db | Tx, token: string) {
  return db
    .select({ id: passwordResets.id, userId: passwordResets.userId, usedAt: passwordResets.usedAt, expiresAt: passwordResets.expiresAt, email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, hashToken(token)));
}

/** What the link's page shows: the account's address, or why the link no longer works. */
export async function findPasswordReset(db: Db, token: string, now = new Date()): Promise<{ problem: ResetProblem } | { problem: null; email: string }> {
  const [reset] = await resetOf(db, token);
  const problem = problemOf(reset, now);
  return problem ? { problem } : { problem: null, email: reset!.email };
}

/**
 * Sets the password chosen through a reset link: once, within its hour. The link and every other
 * open one of the user are used up, and all the user's sessions end (they log in afresh).
 */
export async function resetPassword(
  db: Db,
  input: { token: string; password: string; baseUrl: string },
  now = new Date(),
): Promise<{ ok: true } | { ok: false; problem: ResetProblem }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [found] = await resetOf(tx, input.token);
    if (!found) return { ok: false, problem: "invalid" } as const;
    // The user's row first: two links of one user submitted at once then run one after the other.
    const user = await lockUser(tx, found.userId!);
    const [reset] = await resetOf(tx, input.token);
    const problem = problemOf(reset, now);
    if (problem || !user) return { ok: false, problem: problem ?? "invalid" } as const;
    const endedSessions = await setPassword(tx, user, passwordHash, null, input.baseUrl, now);
    await audit(tx, { actorId: user.id, action: "auth.password.reset", subject: `user:${user.id}`, details: { resetId: reset.id, endedSessions } });
    return { ok: true } as const;
  });
}
