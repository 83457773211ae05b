import ical, {
  escape,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalAttendeeData,
  type ICalCalendar,
  type ICalEventData,
} from "ical-generator";

export interface CalendarMeeting {
  id: string; // uuid; the event UID is `${id}@samrad` — stable across updates
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string; // may be ""
  videoUrl: string | null;
  description: string; // plain text agenda
  sequence: number; // iCalendar SEQUENCE, bumped by the app for each update after notice
  cancelled: boolean;
  url: string; // link to the meeting page
  organizer: { name: string; email: string };
  attendees: { name: string; email: string }[];
  updatedAt: Date; // DTSTAMP / LAST-MODIFIED
}

// ical-generator prepends the leading "-" itself (→ PRODID:-//Samråd//Samråd//SV).
const PRODID = "//Samråd//Samråd//SV";

// All times are emitted in UTC (…Z). Meetings are stored as instants, so UTC is exact and
// needs no VTIMEZONE; ical-generator's TZID mode would need an extra VTIMEZONE generator
// package and, for plain Dates, formats wall-clock time in the *server's* local zone.
const utc = (d: Date): Date => new Date(d.getTime()); // also strips TZDate, which takes another code path

// CN is a quoted parameter: RFC 5545 forbids DQUOTE and control characters there, and
// ical-generator's backslash-escaping of quotes is not valid inside parameter values.
// ORGANIZER also needs a non-empty name or ical-generator throws.
const cn = (name: string, email: string): string =>
  name.replace(/[\u0000-\u001f\u007f"]/g, "").trim() || email;

// ical-generator writes URL with TEXT escaping (`,` → `\,`), which would corrupt the URI.
const uri = (url: string): string => url.replace(/[,;]/g, (c) => encodeURIComponent(c));

/**
 * Video link placement: with no physical location the video link *is* the place, so it goes in
 * LOCATION (clients show it in the one-line summary and make it clickable/"join"). With a room,
 * LOCATION stays the room and the link is appended to DESCRIPTION.
 */
function placeAndText(m: CalendarMeeting): { location: string | null; description: string | null } {
  const location = m.location.trim();
  const video = m.videoUrl?.trim() || null;
  if (!location) return { location: video, description: m.description || null };
  const description = video
    ? [m.description.trimEnd(), `Videolänk: ${video}`].filter(Boolean).join("\n\n")
    : m.description;
  return { location, description: description || null };
}

// ical-generator omits the CRLF after END:VCALENDAR; RFC 5545 ends every content line with one.
const serialize = (calendar: ICalCalendar): string => calendar.toString().replace(/(?:\r\n)?$/, "\r\n");

function event(m: CalendarMeeting): ICalEventData {
  const { location, description } = placeAndText(m);
  return {
    id: `${m.id}@samrad`,
    sequence: m.sequence,
    stamp: utc(m.updatedAt),
    lastModified: utc(m.updatedAt),
    start: utc(m.startsAt),
    end: utc(m.endsAt),
    summary: m.title,
    location,
    description,
    url: uri(m.url),
    status: m.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  };
}

/** A single-meeting invitation for e-mail: METHOD:REQUEST (or METHOD:CANCEL when cancelled), with organizer and attendees (RSVP=TRUE, PARTSTAT=NEEDS-ACTION on a request). */
export function meetingInvitation(meeting: CalendarMeeting): string {
  const cancel = meeting.cancelled;
  const calendar = ical({
    prodId: PRODID,
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    ...event(meeting),
    organizer: { name: cn(meeting.organizer.name, meeting.organizer.email), email: meeting.organizer.email },
    attendees: meeting.attendees.map(
      (a): ICalAttendeeData => ({
        name: cn(a.name, a.email),
        email: a.email,
        role: ICalAttendeeRole.REQ,
        // A cancellation expects no reply (RFC 5546 §3.2.5), so only a request asks for one.
        ...(cancel ? {} : { rsvp: true, status: ICalAttendeeStatus.NEEDSACTION }),
      }),
    ),
  });
  return serialize(calendar);
}

/** A subscription feed of many meetings (no METHOD, so calendar apps treat it as a published calendar); name is the calendar's display name (X-WR-CALNAME). Cancelled meetings stay in with STATUS:CANCELLED. */
export function calendarFeed(name: string, meetings: CalendarMeeting[]): string {
  // ical-generator writes NAME/X-WR-CALNAME unescaped; a raw newline would inject lines.
  const calendar = ical({ prodId: PRODID, name: escape(name, false) });
  // No ORGANIZER/ATTENDEE in the feed: feed links get shared, so they must not leak the
  // participants' addresses, and some clients render such events as RSVP-able invitations.
  for (const m of meetings) calendar.createEvent(event(m));
  return serialize(calendar);
}
