import { describe, expect, it } from "vitest";
import { delayAfter } from "../../app/auth/throttle.server";
import { localRedirect } from "../../app/forms/auth";
import { withRetryIn } from "../../app/i18n";

describe("redirect after login", () => {
  const origin = "https://samrad.kommun.se";
  // Where a browser on the site would end up following `Location: <answer>`.
  const followed = (target: string | undefined) => new URL(localRedirect(target), origin + "/login");

  it.each([
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n//evil.example",
    "/\u0000/evil.example",
    "/\u007f/evil.example",
    "\t//evil.example",
    " //evil.example",
    "//evil.example",
    "//evil.example/path",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "https://evil.example",
    "HTTPS://evil.example/",
    "http:evil.example",
    "https:/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "%2F%2Fevil.example",
    "evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "/%2e//evil.example",
    "",
    undefined,
  ])("%j goes to the start page", (target) => {
    expect(localRedirect(target)).toBe("/");
    expect(followed(target).origin).toBe(origin);
  });

  it.each([
    ["/ok?x=1", "/ok?x=1"],
    ["/meetings/123#x", "/meetings/123#x"],
    ["/admin/invitations", "/admin/invitations"],
    ["/partnerships/1/history?on=2026-01-01&x=//evil.example", "/partnerships/1/history?on=2026-01-01&x=//evil.example"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/@evil.example", "/@evil.example"],
    ["/möten", "/m%C3%B6ten"],
  ])("%j stays on the site as %j", (target, path) => {
    expect(localRedirect(target)).toBe(path);
    const url = followed(target);
    expect(url.origin).toBe(origin);
    expect(url.pathname + url.search + url.hash).toBe(path);
  });
});

describe("login throttle", () => {
  it("lets three failures pass, then waits 30 s doubling up to 15 minutes", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 50].map((n) => delayAfter(n) / 1000)).toEqual([0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it.each([
    [30, "sv", "För många. Försök igen om 30 sekunder."],
    [1, "sv", "För många. Försök igen om 1 sekund."],
    [60, "sv", "För många. Försök igen om 1 minut."],
    [61, "sv", "För många. Försök igen om 2 minuter."],
    [900, "en", "Too many. Try again in 15 minutes."],
    [0, "sv", "För många."],
  ] as const)("a wait of %i s reads (%s) %j", (seconds, locale, text) => {
    expect(withRetryIn(locale === "sv" ? "För många." : "Too many.", seconds, locale)).toBe(text);
  });
});
