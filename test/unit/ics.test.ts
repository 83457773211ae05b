import { TZDate } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import { calendarFeed, meetingInvitation, type CalendarMeeting } from "../../app/calendar/ics";

// --- A small, strict RFC 5545 reader, independent of ical-generator -------------------------

interface Prop {
  name: string;
  params: Record<string, string>;
  value: string; // raw (still escaped)
}
interface Component {
  name: string;
  props: Prop[];
  children: Component[];
}

/** Physical lines: the text must be CRLF-terminated with no stray CR or LF anywhere. */
function physicalLines(ics: string): string[] {
  expect(ics.endsWith("\r\n")).toBe(true);
  const lines = ics.slice(0, -2).split("\r\n");
  for (const line of lines) expect(line).not.toMatch(/[\r\n]/);
  return lines;
}

function unfold(ics: string): string[] {
  const out: string[] = [];
  for (const line of physicalLines(ics)) {
    if (line.startsWith(" ") || line.startsWith("\t")) {
      if (out.length === 0) throw new Error("continuation line without a preceding line");
      out[out.length - 1] += line.slice(1);
    } else {
      out.push(line);
    }
  }
  return out;
}

/** NAME;PARAM=v;PARAM="quoted":VALUE — the first unquoted ":" starts the value. */
function parseLine(line: string): Prop {
  const m = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"\x00-\x1f]*"|[^";:,\x00-\x1f]*))*):(.*)$/.exec(line);
  if (!m) throw new Error(`malformed content line: ${JSON.stringify(line)}`);
  const params: Record<string, string> = {};
  for (const p of m[2].matchAll(/;([A-Za-z0-9-]+)=("[^"]*"|[^;]*)/g)) {
    params[p[1].toUpperCase()] = p[2].replace(/^"(.*)"$/, "$1");
  }
  return { name: m[1].toUpperCase(), params, value: m[3] };
}

function parse(ics: string): Component {
  const root: Component = { name: "", props: [], children: [] };
  const stack = [root];
  for (const prop of unfold(ics).map(parseLine)) {
    const top = stack[stack.length - 1];
    if (prop.name === "BEGIN") {
      const c: Component = { name: prop.value, props: [], children: [] };
      top.children.push(c);
      stack.push(c);
    } else if (prop.name === "END") {
      expect(prop.value).toBe(top.name);
      stack.pop();
    } else {
      if (top === root) throw new Error(`property outside a component: ${prop.name}`);
      top.props.push(prop);
    }
  }
  expect(stack).toHaveLength(1);
  expect(root.children.map((c) => c.name)).toEqual(["VCALENDAR"]);
  return root.children[0];
}

/** TEXT unescaping; a bare ";" or "," or any other backslash sequence is an error. */
function unescapeText(raw: string): string {
  return raw.replace(/\\(.?)|[;,]/g, (bare: string, c: string | undefined) => {
    if (c === undefined) throw new Error(`unescaped ${bare} in ${JSON.stringify(raw)}`);
    if (c === "n" || c === "N") return "\n";
    if (c === "\\" || c === ";" || c === ",") return c;
    throw new Error(`invalid escape \\${c} in ${JSON.stringify(raw)}`);
  });
}

const all = (c: Component, name: string) => c.props.filter((p) => p.name === name);
function one(c: Component, name: string): Prop {
  const found = all(c, name);
  expect(found, name).toHaveLength(1);
  return found[0];
}
const text = (c: Component, name: string) => unescapeText(one(c, name).value);
const events = (cal: Component) => cal.children.filter((c) => c.name === "VEVENT");
function onlyEvent(ics: string): Component {
  const list = events(parse(ics));
  expect(list).toHaveLength(1);
  return list[0];
}

// --- Fixtures ----------------------------------------------------------------------------

const stockholm = (y: number, mon: number, d: number, h: number, min = 0) =>
  new TZDate(y, mon - 1, d, h, min, "Europe/Stockholm");

function meeting(over: Partial<CalendarMeeting> = {}): CalendarMeeting {
  return {
    id: "6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6f",
    title: "Styrgruppen – ordinarie möte",
    startsAt: stockholm(2026, 12, 10, 13),
    endsAt: stockholm(2026, 12, 10, 15),
    location: "Stadshuset, sal 3",
    videoUrl: null,
    description: "1. Mötets öppnande\n2. Föregående protokoll",
    sequence: 0,
    cancelled: false,
    url: "https://samrad.example/moten/6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6f",
    organizer: { name: "Åsa Öberg", email: "asa.oberg@kommun.se" },
    attendees: [
      { name: "Björn Ärlig", email: "bjorn@kommun.se" },
      { name: "Carin Lund", email: "carin@region.se" },
    ],
    updatedAt: new Date("2026-11-20T08:15:00Z"),
    ...over,
  };
}

const swedish = "Åtgärdsplan; brister, uppföljning\nSteg 2";

// --- Tests -------------------------------------------------------------------------------

describe("calendar header", () => {
  it.each([
    ["invitation", meetingInvitation(meeting()), "REQUEST"],
    ["cancellation", meetingInvitation(meeting({ cancelled: true })), "CANCEL"],
    ["feed", calendarFeed("Styrgruppen", [meeting()]), undefined],
  ])("%s: VERSION, PRODID and METHOD", (_, ics, method) => {
    const cal = parse(ics);
    expect(one(cal, "VERSION").value).toBe("2.0");
    expect(one(cal, "PRODID").value).toBe("-//Samråd//Samråd//SV");
    expect(all(cal, "METHOD").map((p) => p.value)).toEqual(method ? [method] : []);
  });
});

describe("meetingInvitation", () => {
  it("is a single confirmed event", () => {
    const ev = onlyEvent(meetingInvitation(meeting()));
    expect(one(ev, "STATUS").value).toBe("CONFIRMED");
    expect(one(ev, "DTSTAMP").value).toBe("20261120T081500Z");
    expect(one(ev, "LAST-MODIFIED").value).toBe("20261120T081500Z");
  });

  it("marks a cancelled meeting STATUS:CANCELLED under METHOD:CANCEL", () => {
    const ev = onlyEvent(meetingInvitation(meeting({ cancelled: true, sequence: 4 })));
    expect(one(ev, "STATUS").value).toBe("CANCELLED");
    expect(one(ev, "SEQUENCE").value).toBe("4");
    // RFC 5546 CANCEL still names organizer and attendees so clients can match the event.
    expect(one(ev, "ORGANIZER").value).toBe("mailto:asa.oberg@kommun.se");
    expect(all(ev, "ATTENDEE")).toHaveLength(2);
  });

  it("has a mailto ORGANIZER and RSVP-able ATTENDEEs", () => {
    const ev = onlyEvent(meetingInvitation(meeting()));
    const org = one(ev, "ORGANIZER");
    expect(org.value).toBe("mailto:asa.oberg@kommun.se");
    expect(org.params.CN).toBe("Åsa Öberg");
    const attendees = all(ev, "ATTENDEE").map((a) => ({
      mail: a.value.toLowerCase(), // the URI scheme is case-insensitive; ical-generator writes MAILTO:
      cn: a.params.CN,
      rsvp: a.params.RSVP,
      partstat: a.params.PARTSTAT,
    }));
    expect(attendees).toEqual([
      { mail: "mailto:bjorn@kommun.se", cn: "Björn Ärlig", rsvp: "TRUE", partstat: "NEEDS-ACTION" },
      { mail: "mailto:carin@region.se", cn: "Carin Lund", rsvp: "TRUE", partstat: "NEEDS-ACTION" },
    ]);
  });

  it.each([
    ['Anna "Annie" Berg', "Anna Annie Berg"],
    ["", "anna@kommun.se"],
  ])("keeps CN %j a valid quoted parameter (%j)", (name, expected) => {
    const ev = onlyEvent(
      meetingInvitation(meeting({ organizer: { name, email: "anna@kommun.se" }, attendees: [{ name, email: "anna@kommun.se" }] })),
    );
    expect(one(ev, "ORGANIZER").params.CN).toBe(expected);
    expect(one(ev, "ATTENDEE").params.CN).toBe(expected);
  });
});

describe("calendarFeed", () => {
  const ids = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333"];
  const feed = calendarFeed(
    "Styrgruppen; möten, 2026",
    ids.map((id, i) => meeting({ id, cancelled: i === 1, sequence: i })),
  );

  it("has one VEVENT per meeting, cancelled ones kept as STATUS:CANCELLED", () => {
    const evs = events(parse(feed));
    expect(evs.map((e) => one(e, "UID").value)).toEqual(ids.map((id) => `${id}@samrad`));
    expect(evs.map((e) => one(e, "STATUS").value)).toEqual(["CONFIRMED", "CANCELLED", "CONFIRMED"]);
    expect(evs.map((e) => one(e, "SEQUENCE").value)).toEqual(["0", "1", "2"]);
  });

  it("names the calendar and round-trips the name", () => {
    expect(text(parse(feed), "X-WR-CALNAME")).toBe("Styrgruppen; möten, 2026");
  });

  it("cannot be broken by a newline in the name", () => {
    const cal = parse(calendarFeed("Rad 1\r\nMETHOD:REQUEST", []));
    expect(all(cal, "METHOD")).toEqual([]);
    expect(text(cal, "X-WR-CALNAME")).toBe("Rad 1\nMETHOD:REQUEST");
    expect(events(cal)).toEqual([]);
  });

  it("does not publish organizer or attendee addresses", () => {
    for (const ev of events(parse(feed))) {
      expect(all(ev, "ORGANIZER")).toEqual([]);
      expect(all(ev, "ATTENDEE")).toEqual([]);
    }
  });
});

describe("event identity", () => {
  it.each([0, 1, 7])("UID is stable at SEQUENCE %i", (sequence) => {
    const m = meeting({ sequence, title: `Version ${sequence}` });
    for (const ev of [onlyEvent(meetingInvitation(m)), onlyEvent(calendarFeed("x", [m]))]) {
      expect(one(ev, "UID").value).toBe("6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6f@samrad");
      expect(one(ev, "SEQUENCE").value).toBe(String(sequence));
    }
  });
});

describe("times are UTC", () => {
  it.each([
    ["DST starts that morning", stockholm(2026, 3, 29, 10), "20260329T080000Z", "20260329T100000Z"],
    ["DST has just ended", stockholm(2026, 10, 25, 10), "20261025T090000Z", "20261025T110000Z"],
    ["winter", stockholm(2026, 12, 10, 13), "20261210T120000Z", "20261210T140000Z"],
  ])("%s: %s → %s", (_, startsAt, dtstart, dtend) => {
    const endsAt = new Date(startsAt.getTime() + 2 * 60 * 60 * 1000);
    // Plain Date as well as TZDate input, since callers may pass either.
    for (const [s, e] of [
      [startsAt, endsAt],
      [new Date(startsAt.getTime()), new Date(endsAt.getTime())],
    ]) {
      for (const ics of [meetingInvitation(meeting({ startsAt: s, endsAt: e })), calendarFeed("x", [meeting({ startsAt: s, endsAt: e })])]) {
        const ev = onlyEvent(ics);
        expect(one(ev, "DTSTART")).toEqual({ name: "DTSTART", params: {}, value: dtstart });
        expect(one(ev, "DTEND")).toEqual({ name: "DTEND", params: {}, value: dtend });
      }
    }
    // UTC needs no VTIMEZONE.
    expect(parse(meetingInvitation(meeting({ startsAt, endsAt }))).children.map((c) => c.name)).toEqual(["VEVENT"]);
  });
});

describe("text escaping", () => {
  const m = meeting({ title: swedish, location: swedish, description: swedish });

  it.each([["SUMMARY"], ["LOCATION"], ["DESCRIPTION"]])("%s round-trips Swedish text with ; , and newline", (name) => {
    for (const ics of [meetingInvitation(m), calendarFeed("x", [m])]) {
      const ev = onlyEvent(ics);
      expect(one(ev, name).value).toBe("Åtgärdsplan\\; brister\\, uppföljning\\nSteg 2");
      expect(text(ev, name)).toBe(swedish);
    }
  });

  it("escapes backslashes and CRLF newlines in agendas", () => {
    const ev = onlyEvent(meetingInvitation(meeting({ description: "C:\\protokoll\r\nPunkt 2" })));
    expect(one(ev, "DESCRIPTION").value).toBe("C:\\\\protokoll\\nPunkt 2");
    expect(text(ev, "DESCRIPTION")).toBe("C:\\protokoll\nPunkt 2");
  });
});

describe("URL", () => {
  it.each([
    ["https://samrad.example/moten/abc", "https://samrad.example/moten/abc"],
    ["https://samrad.example/moten/abc?a=1;b=2,3", "https://samrad.example/moten/abc?a=1%3Bb=2%2C3"],
  ])("links the meeting page %s as a URI", (url, expected) => {
    for (const ics of [meetingInvitation(meeting({ url })), calendarFeed("x", [meeting({ url })])]) {
      expect(one(onlyEvent(ics), "URL").value).toBe(expected);
    }
  });
});

describe("video link placement", () => {
  const video = "https://video.example/j/123?pwd=abc";
  it.each([
    ["no room: the link is the location", "", video, video, "1. Mötets öppnande\n2. Föregående protokoll"],
    ["a room: the link goes in the description", "Sal 3", video, "Sal 3", `1. Mötets öppnande\n2. Föregående protokoll\n\nVideolänk: ${video}`],
    ["no room, no link: no LOCATION", "", null, undefined, "1. Mötets öppnande\n2. Föregående protokoll"],
    ["a room, no link", "Sal 3", null, "Sal 3", "1. Mötets öppnande\n2. Föregående protokoll"],
  ])("%s", (_, location, videoUrl, expectedLocation, expectedDescription) => {
    const ev = onlyEvent(meetingInvitation(meeting({ location, videoUrl })));
    expect(all(ev, "LOCATION").map((p) => unescapeText(p.value))).toEqual(expectedLocation ? [expectedLocation] : []);
    expect(text(ev, "DESCRIPTION")).toBe(expectedDescription);
  });

  it("uses the link alone as description when there is no agenda", () => {
    const ev = onlyEvent(meetingInvitation(meeting({ location: "Sal 3", videoUrl: video, description: "" })));
    expect(text(ev, "DESCRIPTION")).toBe(`Videolänk: ${video}`);
  });

  it("omits DESCRIPTION when there is nothing to say", () => {
    const ev = onlyEvent(meetingInvitation(meeting({ description: "" })));
    expect(all(ev, "DESCRIPTION")).toEqual([]);
  });
});

describe("line format", () => {
  const long = `${swedish} – ${"Översyn av åtgärder för ökad tillgänglighet; ".repeat(6)}😀😀😀`;
  const heavy = meeting({
    title: long,
    location: long,
    description: long,
    organizer: { name: "Åsa Öberg-Ängström på Kommunstyrelseförvaltningens kansli", email: "asa.oberg-angstrom@kommun.se" },
  });

  it.each([
    ["invitation", meetingInvitation(heavy)],
    ["cancellation", meetingInvitation({ ...heavy, cancelled: true })],
    ["feed", calendarFeed(long, [heavy, meeting()])],
  ])("%s: every line is CRLF-terminated, ≤ 75 octets and valid UTF-8 on its own", (_, ics) => {
    const lines = physicalLines(ics);
    expect(lines.some((l) => l.startsWith(" "))).toBe(true); // folding really happened
    const decoder = new TextDecoder("utf-8", { fatal: true });
    for (const line of lines) {
      const bytes = Buffer.from(line, "utf8");
      expect(bytes.length, line).toBeLessThanOrEqual(75);
      expect(decoder.decode(bytes)).toBe(line); // a split surrogate pair would not survive this
    }
    // Folding is lossless.
    expect(text(events(parse(ics))[0], "SUMMARY")).toBe(long);
  });
});
