import { describe, expect, it } from "vitest";
import { acceptInvitationSchema, changePasswordSchema, inviteSchema, loginSchema, resetPasswordSchema, resetRequestSchema } from "../../app/forms/auth";
import { parseForm } from "../../app/forms/parse";

describe("login form", () => {
  it.each([
    [{ email: "", password: "x" }, { email: "form.required" }],
    [{ email: "anna", password: "x" }, { email: "form.emailInvalid" }],
    [{ email: "anna@kommun.se", password: "" }, { password: "form.required" }],
    [{ password: "x" }, { email: "form.required" }],
    [{ email: `${"a".repeat(250)}@x.se`, password: "x" }, { email: "form.tooLong" }],
    [{ email: "anna@kommun.se", password: "p".repeat(1025) }, { password: "form.tooLong" }],
  ])("%j is refused with %j", (input, errors) => {
    const r = parseForm(loginSchema, input);
    expect(r).toEqual({ ok: false, fieldErrors: errors });
  });

  it("trims the address and keeps only local redirect targets", () => {
    const ok = (redirectTo: string | undefined) => {
      const r = parseForm(loginSchema, { email: "  anna@kommun.se ", password: "hemligt", redirectTo });
      if (!r.ok) throw new Error("expected valid");
      return r.data;
    };
    expect(ok("/admin/invitations").email).toBe("anna@kommun.se");
    expect(ok("/admin/invitations").redirectTo).toBe("/admin/invitations");
    expect(ok("https://evil.example/").redirectTo).toBe("/");
    expect(ok("//evil.example/").redirectTo).toBe("/");
    expect(ok("/\\evil.example/").redirectTo).toBe("/");
    expect(ok(undefined).redirectTo).toBe("/");
  });
});

describe("invitation form", () => {
  it("accepts an e-mail address and refuses anything else", () => {
    expect(parseForm(inviteSchema, { email: "ny@jouren.se" })).toEqual({ ok: true, data: { email: "ny@jouren.se" } });
    expect(parseForm(inviteSchema, { email: "ny@" })).toEqual({ ok: false, fieldErrors: { email: "form.emailInvalid" } });
  });
});

describe("accept-invitation form", () => {
  const good = { name: "Anna Andersson", password: "korrekt häst batteri", confirm: "korrekt häst batteri" };
  it.each([
    [{ ...good, name: "  " }, { name: "form.required" }],
    [{ ...good, password: "elva tecken", confirm: "elva tecken" }, { password: "form.passwordTooShort" }],
    [{ ...good, confirm: "något annat" }, { confirm: "form.passwordMismatch" }],
    [{ ...good, name: "x".repeat(201) }, { name: "form.tooLong" }],
  ])("%j is refused with %j", (input, errors) => {
    expect(parseForm(acceptInvitationSchema, input)).toEqual({ ok: false, fieldErrors: errors });
  });

  it("accepts a 12-character password", () => {
    const r = parseForm(acceptInvitationSchema, { ...good, password: "tolv tecken!", confirm: "tolv tecken!" });
    expect(r.ok).toBe(true);
  });
});

describe("password forms: the same rules as an invitation's", () => {
  const good = { current: "det gamla lösenordet", password: "korrekt häst batteri", confirm: "korrekt häst batteri" };
  it.each([
    [{ ...good, current: "" }, { current: "form.required" }],
    [{ ...good, current: "p".repeat(1025) }, { current: "form.tooLong" }],
    [{ ...good, password: "elva tecken", confirm: "elva tecken" }, { password: "form.passwordTooShort" }],
    [{ ...good, password: "p".repeat(1025), confirm: "p".repeat(1025) }, { password: "form.tooLong" }],
    [{ ...good, confirm: "något annat" }, { confirm: "form.passwordMismatch" }],
    [{ ...good, confirm: "" }, { confirm: "form.required" }],
    [{ ...good, password: good.current, confirm: good.current }, { password: "account.passwordUnchanged" }],
    [{ ...good, current: ["a", "b"] }, { current: "form.required" }],
  ])("changing: %j is refused with %j", (input, errors) => {
    expect(parseForm(changePasswordSchema, input)).toEqual({ ok: false, fieldErrors: errors });
  });

  it("changing: accepts the current password and a new one of 12 characters, twice", () => {
    expect(parseForm(changePasswordSchema, { ...good, password: "tolv tecken!", confirm: "tolv tecken!" }).ok).toBe(true);
  });

  it.each([
    [{ password: "elva tecken", confirm: "elva tecken" }, { password: "form.passwordTooShort" }],
    [{ password: "korrekt häst batteri", confirm: "korrekt häst" }, { confirm: "form.passwordMismatch" }],
    [
      { password: "korrekt\u0000häst batteri", confirm: "korrekt\u0000häst batteri" },
      { password: "form.controlCharacter", confirm: "form.controlCharacter" },
    ],
  ])("resetting: %j is refused with %j", (input, errors) => {
    expect(parseForm(resetPasswordSchema, input)).toEqual({ ok: false, fieldErrors: errors });
  });

  it("asking for a reset link takes one e-mail address", () => {
    expect(parseForm(resetRequestSchema, { email: " Anna@Kommun.se " })).toEqual({ ok: true, data: { email: "Anna@Kommun.se" } });
    expect(parseForm(resetRequestSchema, { email: "anna" })).toEqual({ ok: false, fieldErrors: { email: "form.emailInvalid" } });
  });
});
