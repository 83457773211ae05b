import type { ActionFunctionArgs } from "@remix-run/node";
import type { Db } from "../../db/client";
import { requireUser } from "../auth/guards.server";
import type { SessionUser } from "../auth/session.server";
import { speakingParties, type CaseVerdict, type PartnershipCaseCapabilities } from "../domain/case-capabilities";
import { matterSchema } from "../forms/case";
import { parseForm } from "../forms/parse";
import { requireCaseCapabilities, requirePartnershipCaseCapabilities } from "../services/case-access.server";
import { openCase, type NewCase } from "../services/cases.server";
import { baseUrl } from "./base-url.server";
import { readForm } from "./form.server";
import { badForm, capabilityAction, done, failed } from "./result.server";

/**
 * The start of every action on a case's concern: the user (or the login redirect), the case with
 * its capability record (404 for who may not see its partnership), what a step needs (the steering
 * group, today), and the form. Each route asserts the capability its concern needs.
 */
export async function caseAction({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const found = await requireCaseCapabilities(context.db, user, params.id);
  return { ...found, c: found.details.case, user, form: await readForm(request), deps: { ...context, baseUrl: baseUrl(context) } };
}

/**
 * The start of every action that opens a case in the partnership: as `caseAction`, with the
 * refusal of the capability `verdictOf` picks (by the form, for what it names) if any.
 */
export async function openingAction(args: ActionFunctionArgs, verdictOf: (can: PartnershipCaseCapabilities, form: FormData) => CaseVerdict) {
  const found = await capabilityAction(args, (db: Db, user: SessionUser, id?: string) => requirePartnershipCaseCapabilities(db, user, id!), verdictOf);
  const { context } = args;
  return { ...found, partnershipId: args.params.id!, locale: context.locale, deps: { ...context, baseUrl: baseUrl(context) } };
}

type Opening = Pick<Awaited<ReturnType<typeof openingAction>>, "deps" | "locale" | "partnershipId" | "user">;

/**
 * Opens the case and says where it went: on the steering group's next agenda (`details.meeting`
 * names the meeting), or waiting for one to be called.
 */
export async function opened({ deps, locale, partnershipId, user }: Opening, input: NewCase) {
  const result = await openCase(deps, partnershipId, input, user, locale);
  if (!result.ok) return failed(result);
  const { agenda, id } = result.value;
  return done(agenda ? "cases.onAgenda" : "cases.awaitingMeeting", { meeting: agenda?.meeting.title ?? "", caseId: id });
}

/** A matter for the steering group in a title and a description, raised by a party taking part: a disagreement or changed circumstances. */
const MATTER_CAPABILITY = { dispute: "raiseDispute", information: "raiseInformation", renegotiation: "requestRenegotiation" } as const;

export async function openMatter(args: ActionFunctionArgs, kind: keyof typeof MATTER_CAPABILITY) {
  const opening = await openingAction(args, (can) => can[MATTER_CAPABILITY[kind]]);
  if (opening.refused) return failed(opening.refused);
  const parsed = parseForm(matterSchema, opening.form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  return opened(opening, { kind, raisedByParty: speakingParties(opening.facts, opening.today)[0] ?? null, ...parsed.data });
}
