import { z } from "zod";

const text = (max: number) => z.string({ error: "form.required" }).trim().min(1, "form.required").max(max, "form.tooLong");

const email = text(254).pipe(z.email({ error: "form.emailInvalid" }));

// Any origin will do: a target is local exactly when it resolves to the origin it is resolved against.
const BASE = new URL("http://samrad.invalid");

/**
 * The path to go to after login or a language switch, or "/" when the target could leave the site.
 * Browsers drop tabs and newlines and read backslashes as slashes, so "/\t/evil.example" or
 * "/\\evil.example" would be protocol-relative: control characters and backslashes are refused
 * before parsing, and the parsed URL must stay on the origin with a path not starting "//".
 */
export function localRedirect(target: string | undefined): string {
  if (!target?.startsWith("/") || target.startsWith("//") || /[\\\p{Cc}]/u.test(target)) return "/";
  const url = new URL(target, BASE);
  const path = url.pathname + url.search + url.hash;
  return url.origin === BASE.origin && !path.startsWith("//") ? path : "/";
}

export const localPath = z.string().optional().transform(localRedirect);

const currentPassword = z.string({ error: "form.required" }).min(1, "form.required").max(1024, "form.tooLong");

export const loginSchema = z.object({
  email,
  password: currentPassword,
  redirectTo: localPath,
});

/** One e-mail address: whom to invite, or whose password to reset. */
const emailOnly = z.object({ email });
export const inviteSchema = emailOnly;
export const resetRequestSchema = emailOnly;

/** The rules every new password follows, wherever it is chosen: an invitation, settings or a reset link. */
const newPassword = {
  password: z.string({ error: "form.required" }).min(1, "form.required").min(12, "form.passwordTooShort").max(1024, "form.tooLong"),
  confirm: z.string({ error: "form.required" }).min(1, "form.required"),
};
const confirmed = (v: { password: string; confirm: string }) => v.password === v.confirm;
const mismatch = { path: ["confirm"], message: "form.passwordMismatch" };

export const acceptInvitationSchema = z.object({ name: text(200), ...newPassword }).refine(confirmed, mismatch);

export const resetPasswordSchema = z.object(newPassword).refine(confirmed, mismatch);

export const changePasswordSchema = z
  .object({ current: currentPassword, ...newPassword })
  .refine(confirmed, mismatch)
  .refine((v) => v.password !== v.current, { path: ["password"], message: "account.passwordUnchanged" });
