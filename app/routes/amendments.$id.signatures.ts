import type { ActionFunctionArgs } from "@remix-run/node";
import { parseForm } from "~/forms/parse";
import { signSchema } from "~/forms/agreement";
import { amendmentAction, answer, badForm, failed } from "~/http/result.server";
import { signAmendment } from "~/services/amendments.server";

/** A party's representative signs the text they saw, with their password (throttled like a login). */
export async function action(args: ActionFunctionArgs) {
  const m = await amendmentAction(args, "sign");
  if (m.refused) return failed(m.refused);
  const parsed = parseForm(signSchema, m.form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  const signer = { user: m.user, authorisedFor: m.authorisedFor, password: parsed.data.password, seenSha256: parsed.data.textSha256, ip: args.context.clientIp };
  return answer(await signAmendment(args.context.db, m.amendment.id, signer, args.context.siteUrl), ({ valid }) => (valid ? "amendment.nowValid" : "amendment.signed"));
}
