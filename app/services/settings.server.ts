import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { apiTokens, users } from "../../db/schema";
import { generateToken } from "../auth/tokens";
import { audit } from "./audit.server";

/** The user's calendar feed secret, created on first use. */
export async function calendarTokenFor(db: Db, userId: string): Promise<string> {
  const [row] = await db.select({ token: users.calendarToken }).from(users).where(eq(users.id, userId));
  if (row?.token) return row.token;
  return rotateCalendarToken(db, userId);
}

export async function rotateCalendarToken(db: Db, userId: string): Promise<string> {
  const token = generateToken();
  await db.update(users).set({ calendarToken: token }).where(eq(users.id, userId));
  await audit(db, { actorId: userId, action: "calendar.token.rotate", subject: `user:${userId}` });
  return token;
}

export function apiTokensOf(db: Db, userId: string) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}
