import { describe, expect, it } from "vitest";
import {
  MEETING_ACTIONS,
  meetingCapabilities,
  minutesAccess,
  type MeetingAction,
  type MeetingCapabilities,
  type MeetingFacts,
  type MeetingState,
  type MinutesFacts,
  type Refusal,
} from "../../../app/domain/capabilities";
import type { IsoDate } from "../../../app/domain/iso-date";
import type { MemberRole } from "../../../app/domain/representation";
import { turnOnDate } from "../../../app/domain/rotation";

// Stockholm's steering group as seeded: six-month chair turns from 2025-04-01 in the order below,
// so Västerort holds the chair 2026-10-01..2027-03-31 — unless its notice took effect 2025-12-31,
// when the turn passes to the city. Asked on 2026-11-30 unless a row says otherwise.
const ORDER = ["sf", "gotland", "sodra", "vasterort"];
const LEFT: IsoDate = "2025-12-31";
const NOW = new Date("2026-11-30T09:00:00Z");

function chairParty(on: IsoDate, vasterortLeft: boolean): string {
  const participants = vasterortLeft ? [{ id: "vasterort", participatesUntil: LEFT }] : [];
  return turnOnDate({ order: ORDER, startsOn: "2025-04-01", term: { unit: "months", length: 6 }, overrides: [], participants }, on)!.partyId;
}

type Person = "coordinator" | "cityRep" | "gotlandRep" | "gotlandDeputy" | "sodraObserver" | "borasRep" | "vasterortRep";
const seats: Record<Person, { isAdmin: boolean; seat: [party: string, role: MemberRole] | null }> = {
  coordinator: { isAdmin: true, seat: null },
  cityRep: { isAdmin: false, seat: ["sf", "representative"] },
  gotlandRep: { isAdmin: false, seat: ["gotland", "representative"] },
  gotlandDeputy: { isAdmin: false, seat: ["gotland", "deputy"] },
  sodraObserver: { isAdmin: false, seat: ["sodra", "observer"] },
  borasRep: { isAdmin: false, seat: null }, // a member of another partnership: not in this group
  vasterortRep: { isAdmin: false, seat: ["vasterort", "representative"] },
};

function facts(person: Person, vasterortLeft: boolean, now = NOW): MeetingFacts {
  const { isAdmin, seat } = seats[person];
  return {
    user: { id: person, isAdmin },
    membership: seat && { partyId: seat[0], role: seat[1], participatesUntil: vasterortLeft && seat[0] === "vasterort" ? LEFT : null },
    convenerPartyId: chairParty(now.toISOString().slice(0, 10), vasterortLeft),
  };
}

const upcoming = new Date("2026-12-10T13:00:00Z");
const held = new Date("2026-11-20T13:00:00Z");
const beforeLeaving = new Date("2025-12-15T13:00:00Z");
const draftMinutes = { status: "draft", chairId: null, adjusters: [] } as const;
const forApproval = { status: "for_approval", chairId: "cityRep", adjusters: ["gotlandRep"] } as const;
const finalMinutes = { status: "final", chairId: "cityRep", adjusters: ["gotlandRep"] } as const;
const TWO_HOURS = 2 * 3600_000;
const meeting = (status: MeetingState["status"], startsAt: Date, minutes: MeetingState["minutes"] = draftMinutes): MeetingState => ({
  status,
  startsAt,
  endsAt: new Date(startsAt.getTime() + TWO_HOURS),
  minutes,
});

/** The whole record: the actions listed are allowed, the refusals given are as given, everything else is forbidden. */
function expected(allowed: MeetingAction[], refusals: Partial<Record<MeetingAction, Refusal>> = {}): MeetingCapabilities {
  return Object.fromEntries(MEETING_ACTIONS.map((a) => [a, allowed.includes(a) ? true : refusals[a] ?? "forbidden"])) as MeetingCapabilities;
}

const READ: MeetingAction[] = ["view", "readMinutes"];
const MEMBER: MeetingAction[] = [...READ, "proposeItem", "rsvp"];
const MANAGE: MeetingAction[] = [...READ, "writeMinutes", "edit", "cancel", "changeAgenda", "recordAttendance", "sendForApproval"];
const UPCOMING_NOTICED: Partial<Record<MeetingAction, Refusal>> = {
  sendNotice: "meeting.alreadyNoticed",
  recordDecision: "decision.notHeldYet",
  recordForRoom: "decision.notHeldYet",
};
/** Once a meeting has ended it is no longer answered, moved or cancelled. */
const PAST: Partial<Record<MeetingAction, Refusal>> = { edit: "meeting.isPast", cancel: "meeting.isPast", rsvp: "meeting.isPast" };
const without = (actions: MeetingAction[], ...gone: MeetingAction[]) => actions.filter((a) => !gone.includes(a));

describe("meeting capabilities by role: an upcoming noticed meeting, draft minutes, 2026-11-30", () => {
  it.each<[Person, boolean, MeetingCapabilities]>([
    // Västerort still takes part: it holds the chair.
    ["coordinator", false, expected(MANAGE, UPCOMING_NOTICED)],
    ["vasterortRep", false, expected([...MANAGE, ...MEMBER], UPCOMING_NOTICED)],
    ["cityRep", false, expected([...MEMBER, "writeMinutes"])],
    ["gotlandDeputy", false, expected([...MEMBER, "writeMinutes"])],
    ["sodraObserver", false, expected(MEMBER)],
    ["borasRep", false, expected([])],
    // Västerort left on 2025-12-31: the chair has passed to the city, and Västerort only reads.
    ["cityRep", true, expected([...MANAGE, ...MEMBER], UPCOMING_NOTICED)],
    ["gotlandRep", true, expected([...MEMBER, "writeMinutes"])],
    ["vasterortRep", true, expected(READ)],
    ["coordinator", true, expected(MANAGE, UPCOMING_NOTICED)],
  ])("%s (Västerort left: %s)", (person, left, caps) => {
    expect(meetingCapabilities(facts(person, left), meeting("noticed", upcoming), NOW)).toEqual(caps);
  });
});

describe("meeting capabilities by the meeting's and the minutes' state (the city's representative chairs; Västerort has left)", () => {
  it.each<[string, Person, MeetingState, MeetingCapabilities]>([
    [
      "not yet noticed: the chair sends the notice",
      "cityRep",
      meeting("draft", upcoming),
      expected([...MANAGE, ...MEMBER, "sendNotice"], { recordDecision: "decision.notHeldYet", recordForRoom: "decision.notHeldYet" }),
    ],
    [
      "held: the chair records decisions and positions for the room, but no longer moves or cancels it",
      "cityRep",
      meeting("noticed", held),
      expected(without([...MANAGE, ...MEMBER, "recordDecision", "recordForRoom"], "edit", "cancel", "rsvp"), { sendNotice: "meeting.alreadyNoticed", ...PAST }),
    ],
    [
      "under way: the chair records for the room and may still move it",
      "cityRep",
      meeting("noticed", new Date(NOW.getTime() - 3600_000)),
      expected([...MANAGE, ...MEMBER, "recordDecision", "recordForRoom"], { sendNotice: "meeting.alreadyNoticed" }),
    ],
    [
      "held, for a member: no answer to a notice of a past meeting",
      "gotlandRep",
      meeting("noticed", held),
      expected(without([...MEMBER, "writeMinutes"], "rsvp"), { rsvp: "meeting.isPast" }),
    ],
    [
      "cancelled: nothing but reading",
      "cityRep",
      meeting("cancelled", upcoming),
      expected(
        [...READ, "writeMinutes"],
        Object.fromEntries(
          MEETING_ACTIONS.filter((a) => !["view", "readMinutes", "writeMinutes", "approveMinutes", "correctMinutes"].includes(a)).map((a) => [a, "meeting.isCancelled"]),
        ),
      ),
    ],
    [
      "cancelled, for a member",
      "gotlandRep",
      meeting("cancelled", upcoming),
      expected([...READ, "writeMinutes"], { proposeItem: "meeting.isCancelled", rsvp: "meeting.isCancelled" }),
    ],
    [
      "minutes for approval: the chair who sent them approves and edits; the agenda is fixed",
      "cityRep",
      meeting("noticed", held, forApproval),
      expected([...READ, "writeMinutes", "recordAttendance", "recordDecision", "recordForRoom", "approveMinutes"], {
        ...PAST,
        sendNotice: "meeting.alreadyNoticed",
        changeAgenda: "agenda.locked",
        proposeItem: "agenda.locked",
        sendForApproval: "justering.notDraft",
        correctMinutes: "justering.notFinal",
      }),
    ],
    [
      "minutes for approval: the adjuster",
      "gotlandRep",
      meeting("noticed", held, forApproval),
      expected([...READ, "writeMinutes", "approveMinutes"], { rsvp: "meeting.isPast", proposeItem: "agenda.locked", correctMinutes: "justering.notFinal" }),
    ],
    [
      "minutes for approval: a deputy who is no adjuster only reads",
      "gotlandDeputy",
      meeting("noticed", held, forApproval),
      expected(READ, { rsvp: "meeting.isPast", proposeItem: "agenda.locked" }),
    ],
    [
      "minutes for approval: a coordinator edits but does not approve",
      "coordinator",
      meeting("noticed", held, forApproval),
      expected([...READ, "writeMinutes", "recordAttendance", "recordDecision", "recordForRoom"], {
        ...PAST,
        rsvp: "forbidden", // a coordinator sits in no party
        sendNotice: "meeting.alreadyNoticed",
        changeAgenda: "agenda.locked",
        sendForApproval: "justering.notDraft",
      }),
    ],
    [
      "final minutes: the chair records nothing more for the room",
      "cityRep",
      meeting("noticed", held, finalMinutes),
      expected([...READ, "recordAttendance", "recordDecision", "correctMinutes"], {
        ...PAST,
        sendNotice: "meeting.alreadyNoticed",
        changeAgenda: "agenda.locked",
        proposeItem: "agenda.locked",
        sendForApproval: "justering.notDraft",
        approveMinutes: "justering.notForApproval",
        recordForRoom: "room.minutesFinal",
      }),
    ],
    [
      "final minutes: read-only; their approvers add corrections",
      "gotlandRep",
      meeting("noticed", held, finalMinutes),
      expected([...READ, "correctMinutes"], { rsvp: "meeting.isPast", proposeItem: "agenda.locked", approveMinutes: "justering.notForApproval" }),
    ],
    ["final minutes: an observer", "sodraObserver", meeting("noticed", held, finalMinutes), expected(READ, { rsvp: "meeting.isPast", proposeItem: "agenda.locked" })],
  ])("%s", (_label, person, state, caps) => {
    expect(meetingCapabilities(facts(person, true), state, NOW)).toEqual(caps);
  });
});

describe("a party that has left keeps its say in meetings held before it left", () => {
  it.each<[string, Date, Date, MeetingCapabilities]>([
    // Asked on 2025-12-10: Gotland holds the chair (2025-10..2026-03); Västerort still takes part.
    ["before leaving, an upcoming meeting", new Date("2025-12-10T09:00:00Z"), beforeLeaving, expected([...MEMBER, "writeMinutes"])],
    // Asked now: the meeting of 2025-12-15 was Västerort's to write; one after 2025-12-31 is not.
    ["now, the meeting before it left", NOW, beforeLeaving, expected(without([...MEMBER, "writeMinutes"], "rsvp"), { rsvp: "meeting.isPast" })],
    ["now, a meeting after it left", NOW, held, expected(READ)],
  ])("%s", (_label, now, startsAt, caps) => {
    expect(meetingCapabilities(facts("vasterortRep", true, now), meeting("noticed", startsAt), now)).toEqual(caps);
  });
});

describe("minutes access, as live minutes judge each edit", () => {
  const member: MinutesFacts = { isAdmin: false, role: "representative", isChair: false, takesPart: true };
  it.each<[string, Partial<MinutesFacts> & { status: MeetingState["minutes"]["status"]; isAdjuster?: boolean }, "write" | "read" | null]>([
    ["a non-member, whatever the status", { role: null, status: "draft" }, null],
    ["a non-member even when asked to adjust", { role: null, isAdjuster: true, status: "for_approval" }, null],
    ["a representative on a draft", { status: "draft" }, "write"],
    ["a deputy on a draft", { role: "deputy", status: "draft" }, "write"],
    ["an observer on a draft", { role: "observer", status: "draft" }, "read"],
    ["a representative of a party that had left by the meeting's day", { takesPart: false, status: "draft" }, "read"],
    ["a coordinator on a draft", { role: null, isAdmin: true, status: "draft" }, "write"],
    ["a representative once sent for approval", { status: "for_approval" }, "read"],
    ["the chair during approval", { isChair: true, status: "for_approval" }, "write"],
    ["an adjuster during approval", { isAdjuster: true, status: "for_approval" }, "write"],
    ["the chair on final minutes", { isChair: true, status: "final" }, "read"],
    ["a coordinator on final minutes", { isAdmin: true, status: "final" }, "read"],
  ])("%s → %s", (_label, input, access) => {
    expect(minutesAccess({ ...member, isAdjuster: false, ...input })).toBe(access);
  });
});
