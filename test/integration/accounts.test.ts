import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptInvitation, createInvitation, findInvitation } from "../../app/auth/invitations.server";
import { attemptLogin } from "../../app/auth/login.server";
import { hashPassword } from "../../app/auth/password.server";
import { invalidateSession, validateSessionToken } from "../../app/auth/session.server";
import { SESSION_LIFETIME_MS, SESSION_RENEW_WITHIN_MS } from "../../app/auth/tokens";
import { auditLog, outbox, sessions, users } from "../../db/schema";
import { freshDatabase, type TestDatabase } from "../support/db";

describe("invitation → account → login → session → logout", () => {
  let t: TestDatabase;
  let admin: { id: string; name: string };
  beforeAll(async () => {
    t = await freshDatabase();
    [admin] = await t.db
      .insert(users)
      .values({ email: "admin@samrad.test", name: "Samordnare", passwordHash: await hashPassword("admin-lösenord-1"), isAdmin: true })
      .returning({ id: users.id, name: users.name });
  });
  afterAll(() => t.drop());

  it("walks the whole life of an account", async () => {
    const { token, link } = await createInvitation(t.db, {
      email: "Nya.Ledamoten@Jouren.se",
      inviter: admin,
      baseUrl: "https://samrad.example",
      locale: "sv",
    });
    expect(link).toBe(`https://samrad.example/invite/${token}`);

    const [mail] = await t.db.select().from(outbox);
    expect(mail.to).toBe("Nya.Ledamoten@Jouren.se");
    expect(mail.subject).toBe("Inbjudan till Samråd");
    expect(mail.body).toContain(link);
    expect(mail.body).toContain("Samordnare har bjudit in dig");

    expect(await findInvitation(t.db, token)).toMatchObject({ status: "pending", email: "Nya.Ledamoten@Jouren.se" });
    expect(await acceptInvitation(t.db, token, { name: "Nya Ledamoten", password: "tolv tecken!!", locale: "en" })).toEqual({
      ok: true,
      email: "Nya.Ledamoten@Jouren.se",
    });
    // The link is single-use.
    expect(await acceptInvitation(t.db, token, { name: "Någon annan", password: "tolv tecken!!", locale: "sv" })).toEqual({
      ok: false,
      status: "accepted",
    });
    expect(await findInvitation(t.db, token)).toMatchObject({ status: "accepted" });

    // Log in with the address in another case.
    const wrong = await attemptLogin(t.db, { email: "nya.ledamoten@jouren.se", password: "fel lösenord", ip: "10.0.0.1" });
    expect(wrong).toEqual({ ok: false, reason: "failed" });
    const login = await attemptLogin(t.db, { email: "NYA.LEDAMOTEN@jouren.se", password: "tolv tecken!!", ip: "10.0.0.1" });
    if (!login.ok) throw new Error("login failed");

    const validated = await validateSessionToken(t.db, login.token);
    expect(validated?.user).toMatchObject({ name: "Nya Ledamoten", locale: "en", isAdmin: false });
    // Only the hash is stored.
    const stored = await t.db.select({ id: sessions.id }).from(sessions);
    expect(stored.map((s) => s.id)).not.toContain(login.token);

    await invalidateSession(t.db, validated!.session.id);
    expect(await validateSessionToken(t.db, login.token)).toBeNull();

    const actions = (await t.db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["invitation.create", "invitation.accept", "auth.login"]));
  });

  it("refuses an invitation after seven days and a forged token at once", async () => {
    const now = new Date("2026-11-25T09:00:00Z");
    const { token } = await createInvitation(t.db, { email: "sen@jouren.se", inviter: admin, baseUrl: "http://x", locale: "sv" }, now);
    const sevenDaysLater = new Date(now.getTime() + 7 * 24 * 3600 * 1000);
    expect(await findInvitation(t.db, token, new Date(sevenDaysLater.getTime() - 1))).toMatchObject({ status: "pending" });
    expect(await findInvitation(t.db, token, sevenDaysLater)).toMatchObject({ status: "expired" });
    expect(await acceptInvitation(t.db, token, { name: "Sen", password: "tolv tecken!!", locale: "sv" }, sevenDaysLater)).toEqual({
      ok: false,
      status: "expired",
    });
    expect(await findInvitation(t.db, "forged-token")).toEqual({ status: "invalid" });
    const [{ n }] = await t.db.select({ n: count() }).from(users).where(eq(users.email, "sen@jouren.se"));
    expect(n).toBe(0);
  });

  it("expires sessions after 30 days and slides them when used in the last 15", async () => {
    const login = await attemptLogin(t.db, { email: "admin@samrad.test", password: "admin-lösenord-1", ip: "10.0.0.2" });
    if (!login.ok) throw new Error("login failed");
    const created = login.expiresAt.getTime() - SESSION_LIFETIME_MS;

    const inRenewWindow = new Date(login.expiresAt.getTime() - SESSION_RENEW_WITHIN_MS + 1000);
    const renewed = await validateSessionToken(t.db, login.token, inRenewWindow);
    expect(renewed?.renewed).toBe(true);
    expect(renewed!.session.expiresAt.getTime()).toBe(inRenewWindow.getTime() + SESSION_LIFETIME_MS);
    expect(created).toBeLessThan(inRenewWindow.getTime());

    const afterExpiry = new Date(renewed!.session.expiresAt.getTime() + 1);
    expect(await validateSessionToken(t.db, login.token, afterExpiry)).toBeNull();
    const [{ n }] = await t.db.select({ n: count() }).from(sessions).where(eq(sessions.id, renewed!.session.id));
    expect(n).toBe(0);
  });
});
