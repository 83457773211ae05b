import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseForm } from "~/forms/parse";
import { answer, badForm, failed, groupAction } from "~/http/result.server";
import { setMember } from "~/services/groups.server";

const memberSchema = z.object({ email: z.string().trim().min(1, "form.required"), partyId: z.uuid({ error: "form.required" }), role: z.enum(["representative", "deputy", "observer"]) });

/** A coordinator adds a member to the group or changes a member's party or role, within the representation limits. */
export async function action(args: ActionFunctionArgs) {
  const { access, user, form, refused } = await groupAction(args, "addMember");
  if (refused) return failed(refused);
  const parsed = parseForm(memberSchema, form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  return answer(await setMember(args.context.db, access.group.id, parsed.data, user), () => "group.memberSaved");
}
