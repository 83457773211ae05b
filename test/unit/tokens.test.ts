import { describe, expect, it } from "vitest";
import {
  generateToken,
  hashToken,
  SESSION_LIFETIME_MS,
  SESSION_RENEW_WITHIN_MS,
  sessionExpiry,
  sessionState,
} from "../../app/auth/tokens";

describe("session tokens", () => {
  it("are long, random and URL-safe", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateToken));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{32}$/);
  });

  it("are stored as a SHA-256 hex digest, never as themselves", () => {
    const token = generateToken();
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(hashToken(token)).toBe(hash);
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("session expiry", () => {
  const now = new Date("2026-03-29T01:30:00+01:00"); // the night Sweden moves to summer time
  const at = (ms: number) => new Date(now.getTime() + ms);

  it.each([
    ["already past", -1, "expired"],
    ["exactly now", 0, "expired"],
    ["one ms left", 1, "renew"],
    ["at the renewal threshold", SESSION_RENEW_WITHIN_MS, "renew"],
    ["just before the threshold", SESSION_RENEW_WITHIN_MS + 1, "valid"],
    ["freshly created", SESSION_LIFETIME_MS, "valid"],
  ] as const)("%s → %s", (_label, left, expected) => {
    expect(sessionState(at(left), now)).toBe(expected);
  });

  it("a new or renewed session lasts 30 days from now, in absolute time", () => {
    expect(sessionExpiry(now).getTime() - now.getTime()).toBe(30 * 24 * 3600 * 1000);
  });
});
