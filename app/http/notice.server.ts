import type { ActionFunctionArgs } from "@remix-run/node";
import { forParty } from "../domain/partnership-capabilities";
import { agreementEndsOn, committeeErrors } from "../domain/termination";
import { noticeSchema } from "../forms/agreement";
import { parseForm } from "../forms/parse";
import { previewTermination, terminationsOf } from "../services/terminations.server";
import { badForm, failed, partnershipAction } from "./result.server";

/**
 * What both steps of a notice of termination read from the form, the preview and the confirmation:
 * the capability to give notice for the party it names, asserted; the notice checked (dated today
 * unless the coordinator dates it earlier, and for the public party the nämnd's decision behind it);
 * and what it would mean: the day the party's commitment ends, and whether the agreement ends with
 * it. Or the answer that refuses it.
 */
export async function readNotice(args: ActionFunctionArgs) {
  const p = await partnershipAction(args, (can, form) => forParty(can.giveNotice, String(form.get("partyId"))));
  if (p.refused) return { refusal: failed(p.refused) };
  const parsed = parseForm(noticeSchema, p.form);
  if (!parsed.ok) return { refusal: badForm(parsed.fieldErrors) };
  const party = p.parties.find((x) => x.id === parsed.data.partyId)!;
  const givenOn = p.user.isAdmin && parsed.data.givenOn ? parsed.data.givenOn : p.today;
  if (givenOn > p.today) return { refusal: badForm({ givenOn: "termination.futureDate" }) };
  const committee = { reference: parsed.data.committeeReference, decidedOn: parsed.data.committeeDecidedOn };
  const committeeProblems = committeeErrors(party.sector, givenOn, committee);
  if (Object.keys(committeeProblems).length) return { refusal: badForm(committeeProblems) };
  const notice = {
    partyId: party.id,
    givenOn,
    reason: parsed.data.reason,
    ...(party.sector === "public" ? { committeeReference: committee.reference, committeeDecidedOn: committee.decidedOn } : {}),
  };
  const previewed = await previewTermination(args.context.db, p.id, givenOn);
  if (!previewed.ok) return { refusal: failed(previewed) };
  const { effectiveOn } = previewed.value;
  const others = (await terminationsOf(args.context.db, p.id)).filter((n) => n.partyId !== party.id);
  const agreementEnds = agreementEndsOn(p.parties, [...others, { partyId: party.id, effectiveOn }]);
  return { p, notice, password: parsed.data.password ?? "", summary: { ...notice, partyName: party.name, effectiveOn, agreementEnds } };
}

/** What the notice form previews before it is confirmed. */
export type NoticeSummary = NonNullable<Awaited<ReturnType<typeof readNotice>>["summary"]>;
