import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { audit } from "../services/audit.server";
import { verifyPassword } from "./password.server";
import { createSession } from "./session.server";
import { isThrottled, recordAttempt } from "./throttle.server";

export type LoginResult =
  | { ok: true; token: string; expiresAt: Date; userId: string }
  | { ok: false; reason: "failed" | "throttled" };

export async function attemptLogin(db: Db, input: { email: string; password: string; ip: string }): Promise<LoginResult> {
  const email = input.email.toLowerCase();
  if (await isThrottled(db, email, input.ip)) {
    await recordAttempt(db, { email, ip: input.ip, outcome: "throttled" });
    return { ok: false, reason: "throttled" };
  }
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  const valid = await verifyPassword(user?.passwordHash, input.password);
  await recordAttempt(db, { email, ip: input.ip, outcome: valid ? "success" : "failure" });
  if (!user || !valid) return { ok: false, reason: "failed" };
  const { token, session } = await createSession(db, user.id);
  await audit(db, { actorId: user.id, action: "auth.login", subject: `user:${user.id}` });
  return { ok: true, token, expiresAt: session.expiresAt, userId: user.id };
}
