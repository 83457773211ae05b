import { describe, expect, it } from "vitest";
import { overrideProblem, turnForMeeting, turnOnDate, upcomingTurns, type Rotation, type RotationMoment } from "../../../app/domain/rotation";

// Stockholm (004 §2): the public party and the three Brottsofferjourer, in the order §2 lists them.
const SF = "socialforvaltningen";
const GOT = "bo-stockholm-gotland";
const SOD = "bo-sodra-stockholm";
const VAST = "bo-vasterort";
const order = [SF, GOT, SOD, VAST];

const chair = (length: number, startsOn = "2025-04-01"): Rotation => ({
  order,
  startsOn,
  term: { unit: "months", length },
  overrides: [],
});
const documentation: Rotation = { order, startsOn: "2025-04-01", term: { unit: "meetings", length: 2 }, overrides: [] };

describe("turnOnDate", () => {
  // [label, rotation, on, turn index, holder, from, to]
  it.each<[string, Rotation, string, number, string, string, string]>([
    ["12 months: first day", chair(12), "2025-04-01", 0, SF, "2025-04-01", "2026-03-31"],
    ["12 months: 31 December", chair(12), "2025-12-31", 0, SF, "2025-04-01", "2026-03-31"],
    ["12 months: 1 January", chair(12), "2026-01-01", 0, SF, "2025-04-01", "2026-03-31"],
    ["12 months: last day of a turn", chair(12), "2026-03-31", 0, SF, "2025-04-01", "2026-03-31"],
    ["12 months: handover", chair(12), "2026-04-01", 1, GOT, "2026-04-01", "2027-03-31"],
    ["12 months: fourth party", chair(12), "2029-03-31", 3, VAST, "2028-04-01", "2029-03-31"],
    ["12 months: back to the first", chair(12), "2029-04-01", 4, SF, "2029-04-01", "2030-03-31"],
    ["6 months: first turn ends", chair(6), "2025-09-30", 0, SF, "2025-04-01", "2025-09-30"],
    ["6 months: second turn", chair(6), "2025-10-01", 1, GOT, "2025-10-01", "2026-03-31"],
    ["6 months: over new year", chair(6), "2026-01-01", 1, GOT, "2025-10-01", "2026-03-31"],
    ["6 months: third turn", chair(6), "2026-04-01", 2, SOD, "2026-04-01", "2026-09-30"],
    ["calendar years: 31 December", chair(12, "2025-01-01"), "2025-12-31", 0, SF, "2025-01-01", "2025-12-31"],
    ["calendar years: 1 January", chair(12, "2025-01-01"), "2026-01-01", 1, GOT, "2026-01-01", "2026-12-31"],
    // Month-end start: each bound is counted from startsOn, so short months don't shift later turns.
    ["from the 31st: first turn", chair(1, "2025-01-31"), "2025-02-27", 0, SF, "2025-01-31", "2025-02-27"],
    ["from the 31st: second turn", chair(1, "2025-01-31"), "2025-02-28", 1, GOT, "2025-02-28", "2025-03-30"],
    ["from the 31st: third turn", chair(1, "2025-01-31"), "2025-03-31", 2, SOD, "2025-03-31", "2025-04-29"],
    ["from the 31st: fourth turn", chair(1, "2025-01-31"), "2025-05-30", 3, VAST, "2025-04-30", "2025-05-30"],
    ["from the 31st: leap year", chair(1, "2024-01-31"), "2024-02-29", 1, GOT, "2024-02-29", "2024-03-30"],
  ])("%s (%s)", (_, rotation, on, index, partyId, from, to) => {
    expect(turnOnDate(rotation, on)).toEqual({
      index,
      partyId,
      from,
      to,
      fromMeeting: null,
      toMeeting: null,
      skipped: [],
    });
  });

  it("is null before the rotation starts", () => {
    expect(turnOnDate(chair(12), "2025-03-31")).toBeNull();
  });
});

describe("overrides", () => {
  const jav = "Jäv: ärendet gäller den egna organisationen";
  const vakans = "Ordförande vakant";
  // [label, overrides, turn index → holder, skipped parties at that turn]
  it.each<[string, Rotation["overrides"], [number, string, string[]][]]>([
    [
      "the skipped party does not get the next turn back",
      [{ turnIndex: 1, reason: jav }],
      [
        [0, SF, []],
        [1, SOD, [GOT]],
        [2, VAST, []],
        [3, SF, []],
        [4, GOT, []],
        [5, SOD, []],
      ],
    ],
    [
      "skipping at the first turn",
      [{ turnIndex: 0, reason: vakans }],
      [
        [0, GOT, [SF]],
        [1, SOD, []],
        [3, SF, []],
      ],
    ],
    [
      "two parties skipped at one turn",
      [
        { turnIndex: 2, reason: jav },
        { turnIndex: 2, reason: vakans },
      ],
      [
        [1, GOT, []],
        [2, SF, [SOD, VAST]],
        [3, GOT, []],
      ],
    ],
    [
      "skips at two turns add up",
      [
        { turnIndex: 1, reason: jav },
        { turnIndex: 3, reason: vakans },
      ],
      [
        [1, SOD, [GOT]],
        [2, VAST, []],
        [3, GOT, [SF]],
        [4, SOD, []],
      ],
    ],
  ])("%s", (_, overrides, expected) => {
    const months = { ...chair(6), overrides };
    const meetings = { ...documentation, overrides };
    for (const [index, partyId, skipped] of expected) {
      const reasons = overrides.filter((o) => o.turnIndex === index).map((o) => o.reason);
      const skips = skipped.map((p, i) => ({ partyId: p, reason: reasons[i] }));
      const byDate = upcomingTurns(months, { on: "2025-03-31" }, index + 1)[index];
      expect(byDate).toMatchObject({ index, partyId, skipped: skips });
      expect(turnOnDate(months, byDate.from as string)).toEqual(byDate);
      expect(turnForMeeting(meetings, index * 2 + 1)).toMatchObject({ index, partyId, skipped: skips });
    }
  });
});

describe("turnForMeeting", () => {
  it.each<[number, number, string, number, number]>([
    [1, 0, SF, 1, 2],
    [2, 0, SF, 1, 2],
    [3, 1, GOT, 3, 4],
    [4, 1, GOT, 3, 4],
    [5, 2, SOD, 5, 6],
    [8, 3, VAST, 7, 8],
    [9, 4, SF, 9, 10],
    [100, 49, GOT, 99, 100],
  ])("meeting %i is turn %i: %s, meetings %i–%i", (meeting, index, partyId, fromMeeting, toMeeting) => {
    expect(turnForMeeting(documentation, meeting)).toEqual({
      index,
      partyId,
      from: null,
      to: null,
      fromMeeting,
      toMeeting,
      skipped: [],
    });
  });

  it("counts single-meeting terms", () => {
    const each = { ...documentation, term: { unit: "meetings", length: 1 } } as const;
    expect([1, 2, 3, 4, 5].map((n) => turnForMeeting(each, n).partyId)).toEqual([SF, GOT, SOD, VAST, SF]);
  });
});

describe("upcomingTurns", () => {
  const summary = (turns: ReturnType<typeof upcomingTurns>) =>
    turns.map((t) => [t.index, t.partyId, t.from ?? t.fromMeeting]);

  it.each<[string, Rotation, Parameters<typeof upcomingTurns>[1], number, (string | number)[][]]>([
    ["before the start: the first turn is next", chair(12), { on: "2025-01-01" }, 2, [[0, SF, "2025-04-01"], [1, GOT, "2026-04-01"]]],
    ["on the first day: that handover is past", chair(12), { on: "2025-04-01" }, 1, [[1, GOT, "2026-04-01"]]],
    [
      "mid-term",
      chair(12),
      { on: "2025-06-15" },
      3,
      [
        [1, GOT, "2026-04-01"],
        [2, SOD, "2027-04-01"],
        [3, VAST, "2028-04-01"],
      ],
    ],
    ["the day before a handover", chair(6), { on: "2025-09-30" }, 2, [[1, GOT, "2025-10-01"], [2, SOD, "2026-04-01"]]],
    ["on a handover day", chair(6), { on: "2025-10-01" }, 1, [[2, SOD, "2026-04-01"]]],
    ["none asked", chair(6), { on: "2025-10-01" }, 0, []],
    ["after meeting 0", documentation, { meetingNumber: 0 }, 1, [[0, SF, 1]]],
    ["after meeting 2", documentation, { meetingNumber: 2 }, 2, [[1, GOT, 3], [2, SOD, 5]]],
    ["after meeting 3", documentation, { meetingNumber: 3 }, 2, [[2, SOD, 5], [3, VAST, 7]]],
  ])("%s", (_, rotation, after, count, expected) => {
    expect(summary(upcomingTurns(rotation, after, count))).toEqual(expected);
  });
});

describe("invalid rotations", () => {
  it.each<[string, () => unknown]>([
    ["dates on a meetings rotation", () => turnOnDate(documentation, "2025-05-01")],
    ["meetings on a months rotation", () => turnForMeeting(chair(12), 1)],
    ["meeting number 0", () => turnForMeeting(documentation, 0)],
    ["upcoming by date on a meetings rotation", () => upcomingTurns(documentation, { on: "2025-05-01" }, 1)],
    ["no parties", () => turnOnDate({ ...chair(12), order: [] }, "2025-05-01")],
    ["zero-length term", () => turnOnDate(chair(0), "2025-05-01")],
    ["malformed date", () => turnOnDate(chair(12), "2025-5-1")],
    [
      "every party skipped",
      () => turnOnDate({ ...chair(12), overrides: order.map(() => ({ turnIndex: 0, reason: "x" })) }, "2025-05-01"),
    ],
    ["negative override index", () => turnOnDate({ ...chair(12), overrides: [{ turnIndex: -1, reason: "x" }] }, "2025-05-01")],
  ])("throws for %s", (_, call) => {
    expect(call).toThrow(RangeError);
  });
});

describe("overrideProblem", () => {
  // The seeded Stockholm steering group: six-month chairs from 2025-04-01, so SF to 2025-09-30,
  // Gotland to 2026-03-31, Södra to 2026-09-30, Västerort to 2027-03-31, then SF again.
  const steering = chair(6);
  const skippedVast: Rotation = { ...steering, overrides: [{ turnIndex: 3, reason: "Jäv" }] };
  const skippedNext: Rotation = { ...steering, overrides: [{ turnIndex: 4, reason: "Vakans" }] };
  const rep = (party: string) => ({ coordinator: false, representativeOf: party });
  const coordinator = { coordinator: true, representativeOf: null };
  const nobody = { coordinator: false, representativeOf: null }; // a deputy or observer
  // [label, rotation, moment, turn index, by, problem]
  it.each<[string, Rotation, RotationMoment, number, { coordinator: boolean; representativeOf: string | null }, string | null]>([
    ["the chair gives up its own turn", steering, { on: "2026-11-30" }, 3, rep(VAST), null],
    ["the next holder gives up its coming turn", steering, { on: "2026-11-30" }, 4, rep(SF), null],
    ["the chair cannot pass over the next party to keep the chair", steering, { on: "2026-11-30" }, 4, rep(VAST), "rotation.overrideNotHolder"],
    ["another party cannot take the chair's turn from it", steering, { on: "2026-11-30" }, 3, rep(GOT), "rotation.overrideNotHolder"],
    ["a deputy or observer of the holding party cannot give it up", steering, { on: "2026-11-30" }, 3, nobody, "rotation.overrideNotHolder"],
    ["the coordinator records the current turn", steering, { on: "2026-11-30" }, 3, coordinator, null],
    ["the coordinator records the next turn", steering, { on: "2026-11-30" }, 4, coordinator, null],
    ["the turn just ended is history", steering, { on: "2026-11-30" }, 2, rep(SOD), "rotation.overridePast"],
    ["the first turn is history, also for the coordinator", steering, { on: "2026-11-30" }, 0, coordinator, "rotation.overridePast"],
    ["a turn after the next is not yet up for change", steering, { on: "2026-11-30" }, 5, rep(GOT), "rotation.overrideTooFar"],
    ["nor for the coordinator", steering, { on: "2026-11-30" }, 5, coordinator, "rotation.overrideTooFar"],
    ["the last day of a turn: it is still current", steering, { on: "2026-09-30" }, 2, rep(SOD), null],
    ["the last day of a turn: the next is Västerort's", steering, { on: "2026-09-30" }, 3, rep(VAST), null],
    ["the handover day: the turn that ended yesterday is history", steering, { on: "2026-10-01" }, 2, rep(SOD), "rotation.overridePast"],
    ["before the rotation starts the first turn is next", steering, { on: "2025-03-31" }, 0, rep(SF), null],
    ["before the rotation starts the second is too far", steering, { on: "2025-03-31" }, 1, rep(GOT), "rotation.overrideTooFar"],
    ["a turn already passed on stays with its new holder", skippedVast, { on: "2026-11-30" }, 3, rep(SF), "rotation.overrideTaken"],
    ["after a skip the next turn is the next party's", skippedVast, { on: "2026-11-30" }, 4, rep(GOT), null],
    ["after a skip the skipped party holds no turn to give up", skippedVast, { on: "2026-11-30" }, 4, rep(VAST), "rotation.overrideNotHolder"],
    ["the next turn passed on: the current one can no longer go", skippedNext, { on: "2026-11-30" }, 3, rep(VAST), "rotation.overrideLaterTaken"],
    // The cooperation group's documentation duty, two meetings a turn: meeting 3 is Gotland's.
    ["by meetings: the current turn", documentation, { meetingNumber: 3 }, 1, rep(GOT), null],
    ["by meetings: the next turn", documentation, { meetingNumber: 3 }, 2, rep(SOD), null],
    ["by meetings: a past turn", documentation, { meetingNumber: 3 }, 0, coordinator, "rotation.overridePast"],
    ["by meetings: too far ahead", documentation, { meetingNumber: 4 }, 3, rep(VAST), "rotation.overrideTooFar"],
  ])("%s", (_, rotation, at, turnIndex, by, problem) => {
    expect(overrideProblem(rotation, turnIndex, by, at)).toBe(problem);
  });
});
