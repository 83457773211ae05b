import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
/** A session used in its last 15 days is extended to a full lifetime again (sliding expiry). */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY;
export const INVITATION_LIFETIME_MS = 7 * DAY;
export const PASSWORD_RESET_LIFETIME_MS = 60 * 60 * 1000;

/** Random bytes (160 bits unless asked for more), base32: for session cookies and one-time links. */
export function generateToken(byteCount = 20): string {
  const bytes = new Uint8Array(byteCount);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** Only this hash is stored, so a database leak does not leak usable tokens. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export type SessionState = "expired" | "renew" | "valid";

export function sessionState(expiresAt: Date, now: Date): SessionState {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return "expired";
  if (left <= SESSION_RENEW_WITHIN_MS) return "renew";
  return "valid";
}

export function sessionExpiry(now: Date): Date {
  return new Date(now.getTime() + SESSION_LIFETIME_MS);
}
