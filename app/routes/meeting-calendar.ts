import type { LoaderFunctionArgs } from "@remix-run/node";
import { meetingInvitation } from "~/calendar/ics";
import { requireApiUser } from "~/auth/api-token.server";
import { baseUrl } from "~/http/base-url.server";
import { icsResponse } from "~/http/ics-response.server";
import { calendarMeetings } from "~/services/calendar.server";
import { requireMeetingAccess } from "~/services/meeting-access.server";

/** One meeting's invitation (.ics); the same data the notice e-mail carries. Also served under /api/. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireApiUser(context, request);
  const { meeting } = await requireMeetingAccess(context.db, user, params.id);
  const [event] = await calendarMeetings(context.db, [meeting], baseUrl(context, request));
  return icsResponse(meetingInvitation(event), `samrad-${meeting.id}.ics`, event.cancelled ? "CANCEL" : "REQUEST");
}
