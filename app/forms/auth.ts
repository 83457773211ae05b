import { z } from "zod";

const text = (max: number) =>
  z.string({ error: "form.required" }).trim().min(1, "form.required").max(max, "form.tooLong");

const email = text(254).pipe(z.email({ error: "form.emailInvalid" }));

/** Only same-site paths: an absolute or protocol-relative URL would be an open redirect. */
export const localPath = z
  .string()
  .optional()
  .transform((v) => (v && v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : "/"));

export const loginSchema = z.object({
  email,
  password: z.string({ error: "form.required" }).min(1, "form.required").max(1024, "form.tooLong"),
  redirectTo: localPath,
});

export const inviteSchema = z.object({ email });

export const acceptInvitationSchema = z
  .object({
    name: text(200),
    password: z
      .string({ error: "form.required" })
      .min(1, "form.required")
      .min(12, "form.passwordTooShort")
      .max(1024, "form.tooLong"),
    confirm: z.string({ error: "form.required" }).min(1, "form.required"),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "form.passwordMismatch" });
