import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { audit } from "../services/audit.server";
import { createSession } from "./session.server";
import { checkPassword, type Throttled } from "./throttle.server";

export type LoginResult = { ok: true; token: string; expiresAt: Date; userId: string } | { ok: false; reason: "failed" } | Throttled;

export async function attemptLogin(db: Db, input: { email: string; password: string; ip: string }, now = new Date()): Promise<LoginResult> {
  const email = input.email.toLowerCase();
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  const check = await checkPassword(db, { email, ip: input.ip }, user?.passwordHash, input.password, now);
  if (!check.ok) return check;
  // A missing user was checked against a dummy hash, which never passes.
  const userId = user!.id;
  const { token, session } = await createSession(db, userId, now);
  await audit(db, { actorId: userId, action: "auth.login", subject: `user:${userId}` });
  return { ok: true, token, expiresAt: session.expiresAt, userId };
}
