import { describe, expect, it } from "vitest";
import { acceptInvitationSchema, inviteSchema, loginSchema } from "../../app/forms/auth";
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
