import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { invitations, users, type Locale } from "../../db/schema";
import { formatDateTime, translator } from "../i18n";
import { audit } from "../services/audit.server";
import { queueMail } from "../services/outbox.server";
import { hashPassword } from "./password.server";
import { generateToken, hashToken, INVITATION_LIFETIME_MS } from "./tokens";

export type InvitationStatus = "pending" | "accepted" | "expired";

export function invitationStatus(inv: { acceptedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationStatus {
  if (inv.acceptedAt) return "accepted";
  return inv.expiresAt.getTime() <= now.getTime() ? "expired" : "pending";
}

export async function emailHasAccount(db: Db, email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return Boolean(row);
}

/** Stores the invitation (hash only) and queues the e-mail with the one-time link, in one transaction. */
export async function createInvitation(
  db: Db,
  input: { email: string; inviter: { id: string; name: string }; baseUrl: string; locale: Locale },
  now = new Date(),
) {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
  const t = translator(input.locale);
  const link = `${input.baseUrl}/invite/${token}`;
  await db.transaction(async (tx) => {
    const [inv] = await tx
      .insert(invitations)
      .values({ email: input.email, tokenHash: hashToken(token), invitedBy: input.inviter.id, expiresAt })
      .returning({ id: invitations.id });
    await queueMail(tx, {
      to: input.email,
      subject: t("invite.mailSubject"),
      body: t("invite.mailBody", { inviter: input.inviter.name, expires: formatDateTime(expiresAt, input.locale), link }),
    });
    await audit(tx, { actorId: input.inviter.id, action: "invitation.create", subject: `invitation:${inv.id}`, details: { email: input.email } });
  });
  return { token, link };
}

export function listInvitations(db: Db) {
  return db
    .select({ id: invitations.id, email: invitations.email, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt })
    .from(invitations)
    .orderBy(desc(invitations.createdAt))
    .limit(200);
}

export type InvitationLookup =
  | { status: "invalid" }
  | { status: InvitationStatus; id: string; email: string };

export async function findInvitation(db: Db, token: string, now = new Date()): Promise<InvitationLookup> {
  const [inv] = await db.select().from(invitations).where(eq(invitations.tokenHash, hashToken(token)));
  if (!inv) return { status: "invalid" };
  return { status: invitationStatus(inv, now), id: inv.id, email: inv.email };
}

/**
 * Creates the account and uses up the invitation. The row lock makes two simultaneous
 * submissions of the same link create one account, not two.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: { name: string; password: string; locale: Locale },
  now = new Date(),
): Promise<{ ok: true; email: string } | { ok: false; status: "invalid" | "accepted" | "expired" }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [inv] = await tx.select().from(invitations).where(eq(invitations.tokenHash, hashToken(token))).for("update");
    if (!inv) return { ok: false, status: "invalid" } as const;
    const status = invitationStatus(inv, now);
    if (status !== "pending") return { ok: false, status } as const;
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${inv.email.toLowerCase()}`);
    if (taken) return { ok: false, status: "accepted" } as const;
    const [user] = await tx
      .insert(users)
      .values({ email: inv.email, name: input.name, passwordHash, locale: input.locale })
      .returning({ id: users.id });
    await tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, inv.id));
    await audit(tx, { actorId: user.id, action: "invitation.accept", subject: `user:${user.id}`, details: { invitationId: inv.id } });
    return { ok: true, email: inv.email } as const;
  });
}
