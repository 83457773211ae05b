import type { FieldErrors } from "../forms/parse";
import type { MessageKey } from "../i18n";

/**
 * What a service answers for a change it was asked to make. `invalid`: the input was wrong (400,
 * shown at `field`); `conflict`: the resource's state refuses it now (409); `forbidden`: the user
 * may not, which a route should have refused already from the capability record (403);
 * `throttled`: too many attempts, try again after `details.retryAfter` seconds (429).
 */
export type Result<T = null> = { ok: true; value: T } | Failure;

export type Failure = {
  ok: false;
  kind: "invalid" | "conflict" | "forbidden" | "throttled";
  error: MessageKey;
  /** The form field the message belongs to; without one it is shown above the form. */
  field?: string;
  /** E.g. the personnummer hits that block an approval, or when a throttled user may try again. */
  details?: Record<string, unknown>;
};

export const ok = <T = null>(value: T = null as T): Result<T> => ({ ok: true, value });

export const invalid = (error: MessageKey, field?: string, details?: Record<string, unknown>): Failure => ({ ok: false, kind: "invalid", error, field, details });

export const conflict = (error: MessageKey, field?: string, details?: Record<string, unknown>): Failure => ({ ok: false, kind: "conflict", error, field, details });

export const forbidden = (error: MessageKey): Failure => ({ ok: false, kind: "forbidden", error });

export const throttled = (error: MessageKey, retryAfter: number, field?: string): Failure => ({ ok: false, kind: "throttled", error, field, details: { retryAfter } });

/** The seconds a throttled answer asks the user to wait (0 for any other). */
export const retryAfterOf = (data: Pick<ActionData, "details"> | undefined) => Number(data?.details?.retryAfter ?? 0);

/** The values a message's placeholders are filled in with. */
export type MessageParams = Record<string, string | number>;

/**
 * What every action answers a form with: a message for what was done (filled in with `params`), or
 * errors at their fields ("refused" above the form).
 */
export type ActionData = { done: MessageKey | null; fieldErrors: FieldErrors; details?: Record<string, unknown>; params?: MessageParams };
