import { and, eq, gt, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { loginAttempts } from "../../db/schema";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES = 5;

/** True when the e-mail address or the IP has failed MAX_FAILURES times within the window. */
export async function isThrottled(db: Db, email: string, ip: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const [row] = await db
    .select({
      byEmail: sql<number>`count(*) filter (where ${loginAttempts.email} = ${email})`.mapWith(Number),
      byIp: sql<number>`count(*) filter (where ${loginAttempts.ip} = ${ip})`.mapWith(Number),
    })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.outcome, "failure"),
        gt(loginAttempts.at, since),
        or(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip)),
      ),
    );
  return row.byEmail >= MAX_FAILURES || row.byIp >= MAX_FAILURES;
}

export async function recordAttempt(
  db: Db,
  attempt: { email: string; ip: string; outcome: "success" | "failure" | "throttled" },
) {
  await db.insert(loginAttempts).values(attempt);
}
