import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { notFound } from "~/auth/guards.server";
import { calendarFeed } from "~/calendar/ics";
import { baseUrl } from "~/http/base-url.server";
import { icsResponse } from "~/http/ics-response.server";
import { calendarMeetings, meetingsOfMember } from "~/services/calendar.server";

/**
 * A member's private calendar feed. Calendar apps cannot log in, so the secret in the URL
 * is the credential; it shows only that member's meetings and can be rotated in Settings.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  if (!/^[a-z2-7]{32}$/.test(token)) throw notFound();
  const [user] = await context.db.select({ id: users.id, name: users.name }).from(users).where(eq(users.calendarToken, token));
  if (!user) throw notFound();
  const rows = await meetingsOfMember(context.db, user.id);
  const events = await calendarMeetings(context.db, rows, baseUrl(context));
  return icsResponse(calendarFeed(`Samråd – ${user.name}`, events), "samrad.ics");
}
