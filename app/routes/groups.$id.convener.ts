import type { ActionFunctionArgs } from "@remix-run/node";
import { ROTATING_CHAIR } from "~/components/groups/Convener";
import { answer, failed, groupAction } from "~/http/result.server";
import { setConvener } from "~/services/groups.server";

/** A coordinator sets who convenes the group's meetings, as the agreement says: a party, or the rotating chair. */
export async function action(args: ActionFunctionArgs) {
  const { access, user, form, refused } = await groupAction(args, "setConvener");
  if (refused) return failed(refused);
  const chosen = String(form.get("convener") ?? "");
  return answer(await setConvener(args.context.db, access.group.id, chosen === ROTATING_CHAIR ? null : chosen, user), () => "convener.saved");
}
