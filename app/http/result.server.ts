import type { ActionFunctionArgs } from "@remix-run/node";
import { accessDenied, notFound, requireUser } from "../auth/guards.server";
import type { MeetingAction } from "../domain/capabilities";
import { NO_FIELD_ERRORS, type FieldErrors } from "../forms/parse";
import type { MessageKey } from "../i18n";
import { readForm } from "./form.server";
import { requireMeetingCapabilities } from "../services/meeting-access.server";
import { conflict, type ActionData, type Failure, type Result } from "../services/result";

const STATUS = { invalid: 400, conflict: 409 } as const;

// Resource routes answer with Responses: a fetcher reads their JSON and status, and so does a plain
// POST (Remix would serve anything else from a resource route as JSON with 200).
const answerWith = (body: ActionData, status = 200) => Response.json(body, { status });

/** A change was made; `message` says which. */
export const done = (message: MessageKey) => answerWith({ done: message, fieldErrors: NO_FIELD_ERRORS });

/** A form that did not parse: 400 with each message at its field. */
export const badForm = (fieldErrors: FieldErrors) => answerWith({ done: null, fieldErrors }, 400);

/**
 * The one place a failure becomes a response: `forbidden` is thrown as 403 (the page never offered
 * it); `invalid` answers 400 and `conflict` 409, with the message at its field.
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
 * The start of every action on a meeting's concern: the user (or the login redirect), the meeting
 * with its capability record (404 for a non-member), the form, and the refusal of the capability
 * asked for: the one given, or the one its table names for the form's intent (an unknown intent is 404).
 */
export async function meetingAction({ request, params, context }: ActionFunctionArgs, capability: MeetingAction | Record<string, MeetingAction>) {
  const user = requireUser(context, request);
  const found = await requireMeetingCapabilities(context.db, user, params.id);
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  const asked = typeof capability === "string" ? capability : Object.hasOwn(capability, intent) ? capability[intent] : undefined;
  if (!asked) throw notFound();
  return { ...found, user, form, intent, refused: refusal(found.can[asked]) };
}
