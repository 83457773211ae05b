import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { stockholmDate } from "~/domain/stockholm-date";
import { meetingDecisionSchema } from "~/forms/decision";
import { parseForm } from "~/forms/parse";
import { badForm, failed, meetingAction } from "~/http/result.server";
import { createDecision } from "~/services/decisions.server";
import { meetingDetails } from "~/services/meetings.server";

/** The convener records a decision under an item of a held meeting; the parties then state their positions. */
export async function action(args: ActionFunctionArgs) {
  const { meeting, user, form, refused } = await meetingAction(args, "recordDecision");
  if (refused) return failed(refused);
  const parsed = parseForm(meetingDecisionSchema, form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  const { agenda } = await meetingDetails(args.context.db, meeting);
  if (!agenda.some((a) => a.id === parsed.data.agendaItemId && !a.proposed)) return badForm({ agendaItemId: "decision.itemInvalid" });
  const decision = { kind: "meeting" as const, meetingId: meeting.id, agendaItemId: parsed.data.agendaItemId, text: parsed.data.text, on: stockholmDate(meeting.startsAt) };
  return redirect(`/decisions/${await createDecision(args.context.db, meeting.groupId, decision, user, args.context.siteUrl)}`);
}
