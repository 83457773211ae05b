import { meetingInvitation } from "~/calendar/ics";
import { requireApiUser } from "~/auth/api-token.server";
import { baseUrl } from "~/http/base-url.server";
import { icsResponse } from "~/http/ics-response.server";
import { apiLoader, methodNotAllowed } from "~/services/api.server";
import { calendarMeetings } from "~/services/calendar.server";
import { requireMeetingAccess } from "~/services/meeting-access.server";

/** One meeting's invitation (.ics); the same data the notice e-mail carries. Also served under /api/, so errors answer JSON. */
export const loader = apiLoader(async ({ request, params, context }) => {
  const user = await requireApiUser(context, request);
  const { meeting } = await requireMeetingAccess(context.db, user, params.id);
  const [event] = await calendarMeetings(context.db, [meeting], baseUrl(context));
  return icsResponse(meetingInvitation(event), `samrad-${meeting.id}.ics`, event.cancelled ? "CANCEL" : "REQUEST");
});

export const action = methodNotAllowed;
