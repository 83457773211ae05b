import { z } from "zod";
import { isIsoDate } from "../domain/iso-date";

/**
 * C0 control characters other than tab, newline and carriage return (PostgreSQL text cannot
 * hold U+0000; the rest are never typed on purpose and break exports), and surrogates standing
 * alone (not encodable as UTF-8). With the `u` flag a well-formed pair is one code point above
 * U+FFFF, so only a lone half matches the surrogate range.
 */
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF]/u;

export function hasUnstorableCharacter(value: string): boolean {
  return UNSTORABLE.test(value);
}

/** The names of submitted fields holding a value no text column can store (each name once). */
export function unstorableFields(entries: Iterable<[string, unknown]>): string[] {
  const fields = new Set<string>();
  for (const [name, value] of entries) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === "string" && hasUnstorableCharacter(v))) fields.add(name);
  }
  return [...fields];
}

/**
 * Dates anyone enters or asks about. Far beyond these, period arithmetic leaves four-digit
 * years (a renewal after 9999-12-31 is not a date) and nothing real is planned there.
 */
export const DATE_RANGE = { from: "1900-01-01", to: "2200-12-31" } as const;

export function isDateInRange(value: string): boolean {
  return isIsoDate(value) && value >= DATE_RANGE.from && value <= DATE_RANGE.to;
}

/** A date field of a form: a calendar day (YYYY-MM-DD) within DATE_RANGE. */
export const dateField = z
  .string({ error: "form.required" })
  .refine(isIsoDate, "form.dateInvalid")
  .refine((v) => !isIsoDate(v) || isDateInRange(v), "form.dateOutOfRange");

const YEAR = /^\d{4}$/;
const firstYear = Number(DATE_RANGE.from.slice(0, 4));
const lastYear = Number(DATE_RANGE.to.slice(0, 4));

// Search parameters: their messages complete "<name> must be …" in the API's English answers.

export const dateParam = z.string().refine(isDateInRange, `a date YYYY-MM-DD from ${DATE_RANGE.from} to ${DATE_RANGE.to}`);

export const yearParam = z
  .string()
  .refine((y) => YEAR.test(y) && Number(y) >= firstYear && Number(y) <= lastYear, `a year YYYY from ${firstYear} to ${lastYear}`)
  .transform(Number);

export const monthParam = z
  .string()
  .refine((m) => /^\d{4}-\d{2}$/.test(m) && isDateInRange(`${m}-01`), `a month YYYY-MM from ${DATE_RANGE.from.slice(0, 7)} to ${DATE_RANGE.to.slice(0, 7)}`);

/** A row number (bigserial): digits only, so no exponent, sign or fraction slips through Number(). */
export const rowIdParam = z
  .string()
  .regex(/^[1-9]\d{0,14}$/, "a positive whole number")
  .transform(Number);

/** A rotation's turn counted from its start; bounded so no number reaches an integer column unchecked. */
export const turnIndexField = z.coerce.number().int().min(0).max(10_000);

/** A page of a long list, counted from 1; bounded so the offset stays a small whole number. */
export const pageParam = z
  .string()
  .regex(/^[1-9]\d{0,4}$/, "a page number from 1 to 99999")
  .transform(Number);

/** How many pages `total` rows make, at least one; null when there is no total (no rows: past the last page). */
export function pageCount(total: number | null, pageSize: number): number | null {
  return total === null ? null : Math.max(1, Math.ceil(total / pageSize));
}

/** The `page` search parameter, or page 1 when it is absent or not a page number: a stale or mistyped link still shows the list. */
export function pageOf(request: Request): number {
  const parsed = pageParam.safeParse(new URL(request.url).searchParams.get("page") ?? "");
  return parsed.success ? parsed.data : 1;
}
