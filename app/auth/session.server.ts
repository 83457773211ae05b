import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { prepared } from "../../db/prepared";
import { sessions, users, type User } from "../../db/schema";
import { generateToken, hashToken, sessionExpiry, sessionState } from "./tokens";

export interface Session {
  id: string;
  userId: string;
  expiresAt: Date;
}

export type SessionUser = Pick<User, "id" | "email" | "name" | "locale" | "isAdmin">;

export async function createSession(db: Db, userId: string, now = new Date()) {
  const token = generateToken();
  const session: Session = { id: hashToken(token), userId, expiresAt: sessionExpiry(now) };
  await db.insert(sessions).values(session);
  return { token, session };
}

// Every request runs this lookup.
const lookup = prepared((db) =>
  db
    .select({
      session: { id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt },
      user: { id: users.id, email: users.email, name: users.name, locale: users.locale, isAdmin: users.isAdmin },
      // The header's to-do counter rides on this lookup rather than costing every page a query.
      unread: sql<number>`(select count(*)::int from notifications n where n.user_id = ${users.id} and n.read_at is null)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare("session_lookup"),
);

/** One indexed lookup; expired sessions are removed, ageing ones are extended. */
export async function validateSessionToken(
  db: Db,
  token: string,
  now = new Date(),
): Promise<{ session: Session; user: SessionUser; unread: number; renewed: boolean } | null> {
  const id = hashToken(token);
  const [row] = await lookup(db).execute({ id });
  if (!row) return null;
  const state = sessionState(row.session.expiresAt, now);
  if (state === "expired") {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (state === "renew") {
    row.session.expiresAt = sessionExpiry(now);
    await db.update(sessions).set({ expiresAt: row.session.expiresAt }).where(eq(sessions.id, id));
  }
  return { ...row, renewed: state === "renew" };
}

export async function invalidateSession(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}
