import { eq } from "drizzle-orm";
import { apiTokens, users } from "../../db/schema";
import type { RequestContext } from "../context";
import type { SessionUser } from "./session.server";
import { generateToken, hashToken } from "./tokens";
import type { Db } from "../../db/client";

/**
 * The JSON API accepts the browser session or `Authorization: Bearer <token>` for the
 * municipality's other systems. Either way the user's own permissions apply; nothing is
 * redirected — an unauthenticated API call gets 401.
 */
export async function requireApiUser(context: RequestContext, request: Request): Promise<SessionUser> {
  if (context.user) return context.user;
  const header = request.headers.get("authorization") ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
  if (token) {
    const [row] = await context.db
      .select({ tokenId: apiTokens.id, id: users.id, email: users.email, name: users.name, locale: users.locale, isAdmin: users.isAdmin })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(eq(apiTokens.tokenHash, hashToken(token)));
    if (row) {
      await context.db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
      const { tokenId: _, ...user } = row;
      return user;
    }
  }
  throw Response.json({ error: "unauthenticated" }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="samrad"' } });
}

/** Creates a named API token; the token is shown once, only its hash is kept. */
export async function createApiToken(db: Db, userId: string, name: string) {
  const token = generateToken();
  await db.insert(apiTokens).values({ userId, name, tokenHash: hashToken(token) });
  return token;
}
