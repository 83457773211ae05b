import type { ActionFunctionArgs } from "@remix-run/node";
import type { MeetingAction } from "~/domain/capabilities";
import { z } from "zod";
import { agendaItemSchema } from "~/forms/meeting";
import { parseForm } from "~/forms/parse";
import { baseUrl } from "~/http/base-url.server";
import { answer, badForm, failed, meetingAction } from "~/http/result.server";
import { addAgendaItem, changeAgendaItem } from "~/services/meetings.server";

const opSchema = z.object({ itemId: z.uuid("form.badRequest"), op: z.enum(["up", "down", "accept", "remove"], "form.badRequest") });

const CAPABILITY = { add: "changeAgenda", item: "changeAgenda", propose: "proposeItem" } satisfies Record<string, MeetingAction>;

/** The agenda: the convener adds, moves, accepts and removes items; members propose them. */
export async function action(args: ActionFunctionArgs) {
  const m = await meetingAction(args, CAPABILITY);
  if (m.refused) return failed(m.refused);
  const deps = { ...args.context, baseUrl: baseUrl(args.context) };
  if (m.intent === "item") {
    const parsed = parseForm(opSchema, m.form);
    if (!parsed.ok) return badForm(parsed.fieldErrors);
    return answer(await changeAgendaItem(deps, m.meeting.id, parsed.data.itemId, parsed.data.op, m.user), () => "agenda.changed");
  }
  const parsed = parseForm(agendaItemSchema, m.form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  // The convener's own proposal goes straight onto the agenda.
  const proposed = m.intent === "propose" && m.can.changeAgenda !== true;
  return answer(await addAgendaItem(deps, m.meeting.id, parsed.data, proposed, m.user), () => (proposed ? "agenda.proposed" : "agenda.added"));
}
