import type { ActionFunctionArgs } from "@remix-run/node";
import { accessDenied, notFound, requireUser } from "../auth/guards.server";
import type { Db } from "../../db/client";
import type { SessionUser } from "../auth/session.server";
import type { GroupAction, MeetingAction } from "../domain/capabilities";
import type { AmendmentCapabilities, PartnershipCapabilities, PartnershipVerdict } from "../domain/partnership-capabilities";
import { NO_FIELD_ERRORS, type FieldErrors } from "../forms/parse";
import type { MessageKey } from "../i18n";
import { readForm } from "./form.server";
import { requireGroupCapabilities, requireMeetingCapabilities } from "../services/meeting-access.server";
import { requireAmendmentCapabilities, requirePartnershipCapabilities } from "../services/partnership-access.server";
import { conflict, type ActionData, type Failure, type MessageParams, type Result } from "../services/result";

const STATUS = { invalid: 400, conflict: 409, throttled: 429 } as const;

// Resource routes answer with Responses: a fetcher reads their JSON and status, and so does a plain
// POST (Remix would serve anything else from a resource route as JSON with 200).
const answerWith = (body: ActionData, status = 200) => Response.json(body, { status });

/**
 * A change was made; `message` says which, filled in with `params` (e.g. how many signatures an edit
 * voided) or, by the page, from `details` (e.g. the stage a case moved to).
 */
export const done = (message: MessageKey, details?: Record<string, unknown>, params?: MessageParams) =>
  answerWith({ done: message, fieldErrors: NO_FIELD_ERRORS, details, params });

/** Nothing was changed: what the form asked to see, in `details`, for its section to show (e.g. a notice's preview). */
export const shown = (details: Record<string, unknown>) => answerWith({ done: null, fieldErrors: NO_FIELD_ERRORS, details });

/** A form that did not parse: 400 with each message at its field. */
export const badForm = (fieldErrors: FieldErrors) => answerWith({ done: null, fieldErrors }, 400);

/**
 * The one place a failure becomes a response: `forbidden` is thrown as 403 (the page never offered
 * it); `invalid` answers 400, `conflict` 409 and `throttled` 429 (with `details.retryAfter`), with
 * the message at its field.
 */
export function failed(failure: Failure) {
  if (failure.kind === "forbidden") throw accessDenied();
  return answerWith({ done: null, fieldErrors: { [failure.field ?? "refused"]: failure.error }, details: failure.details }, STATUS[failure.kind]);
}

/** A service's result as a response: `onOk` names what was done, or redirects. */
export function answer<T>(result: Result<T>, onOk: (value: T) => MessageKey | Response) {
  if (!result.ok) return failed(result);
  const next = onOk(result.value);
  return next instanceof Response ? next : done(next);
}

/**
 * Asserts a capability record's verdict: a refusal for who the user is throws 403; one for the
 * resource's state comes back as a conflict to answer with `failed`; null when allowed.
 */
export function refusal(verdict: true | string): Failure | null {
  if (verdict === true) return null;
  if (verdict === "forbidden") throw accessDenied();
  return conflict(verdict as MessageKey);
}

/**
 * For a page that is itself its form (its loader and its action guard it alike): throws the refusal
 * of `verdict`, 403 for who the user is, else 409 with the reason.
 */
export function assertAllowed(verdict: true | string): void {
  const refused = refusal(verdict);
  if (refused) throw failed(refused);
}

/** A verdict of a capability record: `true`, or why not. */
type Verdict = true | string;

/**
 * Which verdict an action asserts: one capability of the record; one per intent of the form (null:
 * the route judges it itself, e.g. per task); or one read from the record for the form (e.g. for the
 * party it names, when the record holds verdicts per party).
 */
type Asked<C> = keyof C | Record<string, keyof C | null> | ((can: C, form: FormData) => Verdict);

/**
 * The start of every action on a resource's concern: the user (or the login redirect), the resource
 * with its capability record from `load` (404 for who may not see it), the form, and the refusal of
 * the verdict `capability` asks for (an intent the table does not name is 404).
 */
export async function capabilityAction<R extends { can: object }>(
  { request, params, context }: ActionFunctionArgs,
  load: (db: Db, user: SessionUser, id: string | undefined) => Promise<R>,
  capability: Asked<NoInfer<R["can"]>>,
  read: (request: Request) => Promise<FormData> = readForm,
) {
  const user = requireUser(context, request);
  const found = await load(context.db, user, params.id);
  // One capability for every form is asserted before the body is read: an upload from whoever may
  // not make it is refused unread.
  const early = typeof capability === "string" ? refusal((found.can as Record<keyof R["can"], Verdict>)[capability]) : undefined;
  const form = await read(request);
  const intent = String(form.get("intent"));
  if (early !== undefined) return { ...found, user, form, intent, refused: early };
  const verdict = verdictAsked<R["can"]>(found.can, capability, form, intent);
  return { ...found, user, form, intent, refused: verdict === null ? null : refusal(verdict) };
}

/** The verdict `capability` asks of the record; null when the route judges it itself. */
function verdictAsked<C extends object>(can: C, capability: Asked<C>, form: FormData, intent: string): Verdict | null {
  if (typeof capability === "function") return capability(can, form);
  const asked = typeof capability === "object" ? (Object.hasOwn(capability, intent) ? capability[intent] : undefined) : capability;
  if (asked === undefined) throw notFound();
  return asked === null ? null : (can as Record<keyof C, Verdict>)[asked];
}

/** `capabilityAction` for a meeting's concerns. */
export const meetingAction = (args: ActionFunctionArgs, capability: MeetingAction | Record<string, MeetingAction>, read?: (request: Request) => Promise<FormData>) =>
  capabilityAction(args, requireMeetingCapabilities, capability, read);

/** `capabilityAction` for a group's concerns. */
export const groupAction = (args: ActionFunctionArgs, capability: GroupAction) => capabilityAction(args, (db: Db, user: SessionUser, id?: string) => requireGroupCapabilities(db, user, id!), capability);

/** `capabilityAction` for an amendment's concerns. */
export const amendmentAction = (args: ActionFunctionArgs, capability: keyof AmendmentCapabilities) =>
  capabilityAction(args, requireAmendmentCapabilities, capability);

/**
 * `capabilityAction` for a partnership's procedures: `verdictOf` reads the verdict from the record
 * for the form (most are per party: the one the form names).
 */
export async function partnershipAction(args: ActionFunctionArgs, verdictOf: (can: PartnershipCapabilities, form: FormData) => PartnershipVerdict) {
  const found = await capabilityAction(args, (db: Db, user: SessionUser, id?: string) => requirePartnershipCapabilities(db, user, id!), verdictOf);
  return { ...found, id: args.params.id! };
}
