import { and, count, desc, eq, gt, max, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { loginAttempts, users } from "../../db/schema";
import { verifyPassword } from "./password.server";

/** Failures of one e-mail address from one IP address that cost no wait. */
const FREE_FAILURES = 3;
const FIRST_DELAY_MS = 30 * 1000;
const MAX_DELAY_MS = 15 * 60 * 1000;
/** How long a run of failures for one (e-mail, IP) is remembered when no right password ends it. */
const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;
/** Per IP address, over every e-mail address: high enough for an office behind one NAT. */
const IP_MAX_FAILURES = 100;
const IP_WINDOW_MS = 15 * 60 * 1000;
// Namespace of the two-key advisory lock (decision 003), apart from any other advisory lock.
const LOCK_NAMESPACE = 3003;

export interface AttemptKey {
  email: string;
  ip: string;
}

export type Throttled = { ok: false; reason: "throttled"; retryAfter: number };
export type PasswordCheck = { ok: true } | { ok: false; reason: "failed" } | Throttled;

/** The wait after the latest of `failures` consecutive failures: none for the first three, then 30 s doubling up to 15 min. */
export function delayAfter(failures: number): number {
  return failures < FREE_FAILURES ? 0 : Math.min(FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}

/**
 * Checks a password for a login or a signature. The attempt is reserved first, so a guess
 * beyond the limit is refused without being evaluated, however many arrive at once.
 */
export async function checkPassword(
  db: Db,
  key: AttemptKey,
  passwordHash: string | undefined,
  password: string,
  now = new Date(),
): Promise<PasswordCheck> {
  const reservation = await reserveAttempt(db, key, now);
  if (!reservation.ok) return reservation;
  if (!(await verifyPassword(passwordHash, password))) return { ok: false, reason: "failed" };
  await db.update(loginAttempts).set({ outcome: "success" }).where(eq(loginAttempts.id, reservation.id));
  return { ok: true };
}

/**
 * A signed-in user's password entered again to confirm a binding act (a signature, a notice).
 * Wrong passwords count with failed logins, so this cannot be used to guess a password.
 */
export async function checkOwnPassword(db: Db, user: { id: string; email: string }, password: string, ip: string): Promise<PasswordCheck> {
  const [me] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  return checkPassword(db, { email: user.email, ip }, me?.passwordHash, password);
}

/**
 * Records the attempt and says whether it may be evaluated. A reservation is stored as a
 * failure and only a right password turns it into a success, so a guess still being checked
 * (or one whose check never finished) already counts.
 */
export async function reserveAttempt(db: Db, key: AttemptKey, now = new Date()): Promise<{ ok: true; id: number } | Throttled> {
  const attempt = { email: key.email.toLowerCase(), ip: key.ip };
  return db.transaction(async (tx) => {
    // Attempts from one IP take turns (both limits include the IP), so parallel guesses cannot share a free slot.
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${attempt.ip}))`);
    const until = await evaluableFrom(tx, attempt, now);
    const refused = until > now.getTime();
    const [row] = await tx
      .insert(loginAttempts)
      .values({ ...attempt, at: now, outcome: refused ? "throttled" : "failure" })
      .returning({ id: loginAttempts.id });
    return refused ? { ok: false, reason: "throttled", retryAfter: Math.ceil((until - now.getTime()) / 1000) } : { ok: true, id: row.id };
  });
}

/** The earliest time (ms) at which an attempt for `key` may be evaluated. */
async function evaluableFrom(tx: Tx, { email, ip }: AttemptKey, now: Date): Promise<number> {
  const pair = and(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip));
  // Ids order the attempts of one IP exactly (they are taken under its lock), even when clocks tie.
  const lastSuccess = tx.select({ id: max(loginAttempts.id) }).from(loginAttempts).where(and(pair, eq(loginAttempts.outcome, "success")));
  const [run] = await tx
    .select({ failures: count(), latest: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(
      and(
        pair,
        eq(loginAttempts.outcome, "failure"),
        gt(loginAttempts.at, new Date(now.getTime() - FAILURE_MEMORY_MS)),
        gt(loginAttempts.id, sql`coalesce((${lastSuccess}), 0)`),
      ),
    );
  // The IP is blocked until the IP_MAX_FAILURES-th most recent failure leaves the window.
  const [limiting] = await tx
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.outcome, "failure"), gt(loginAttempts.at, new Date(now.getTime() - IP_WINDOW_MS))))
    .orderBy(desc(loginAttempts.at))
    .offset(IP_MAX_FAILURES - 1)
    .limit(1);
  return Math.max(run.latest ? run.latest.getTime() + delayAfter(run.failures) : 0, limiting ? limiting.at.getTime() + IP_WINDOW_MS : 0);
}
