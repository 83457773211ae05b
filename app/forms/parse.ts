import type { z } from "zod";
import type { MessageKey } from "~/i18n";
import { unstorableFields } from "./input";

export type FieldErrors = Partial<Record<string, MessageKey>>;

export type ParseResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

/**
 * Validates submitted form fields; error messages are dictionary keys, translated when rendered.
 * Every submitted value is first checked for characters no text column can hold, whatever the
 * schema does with it, so a control character is the user's error at its field and never a 500.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData | Record<string, unknown>): ParseResult<z.infer<S>> {
  const unstorable = unstorableFields(form instanceof FormData ? form.entries() : Object.entries(form));
  if (unstorable.length) return { ok: false, fieldErrors: Object.fromEntries(unstorable.map((field) => [field, "form.controlCharacter" as const])) };
  const values = form instanceof FormData ? Object.fromEntries(form) : form;
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message as MessageKey;
  }
  return { ok: false, fieldErrors };
}

/** For results that failed for a reason other than a field (keeps the action's return type uniform). */
export const NO_FIELD_ERRORS: FieldErrors = {};
