import { describe, expect, it } from "vitest";
import type { MeetingStatus, MinutesStatus } from "../../../app/domain/capabilities";
import { isPast, meetingPhase, meetingStage, parsePhase, type MeetingPhase, type MeetingStage } from "../../../app/domain/meeting-phase";

// A meeting on 12 March 2026, 13:00–15:00 Stockholm time (UTC+1).
const startsAt = new Date("2026-03-12T12:00:00Z");
const endsAt = new Date("2026-03-12T14:00:00Z");
const before = new Date("2026-03-10T09:00:00Z");
const during = new Date("2026-03-12T13:00:00Z");
const atEnd = endsAt;
const after = new Date("2026-03-13T09:00:00Z");

const meeting = (status: MeetingStatus, minutesStatus: MinutesStatus) => ({ status, startsAt, endsAt, minutesStatus });

describe("meetingStage and meetingPhase", () => {
  it.each<[MeetingStatus, MinutesStatus, Date, MeetingStage, MeetingPhase]>([
    ["draft", "draft", before, "draft", "fore"],
    ["draft", "draft", after, "draft", "fore"], // never convened: not held, nothing to do after
    ["noticed", "draft", before, "convened", "fore"],
    ["noticed", "draft", during, "convened", "under"], // under way: the chair's view
    ["noticed", "draft", atEnd, "held", "under"],
    ["noticed", "draft", after, "held", "under"],
    ["noticed", "for_approval", during, "for_approval", "efter"], // sent before the end
    ["noticed", "for_approval", after, "for_approval", "efter"],
    ["noticed", "final", after, "final", "efter"],
    ["cancelled", "draft", before, "cancelled", "fore"],
    ["cancelled", "draft", after, "cancelled", "fore"],
    ["cancelled", "final", after, "cancelled", "fore"],
  ])("%s meeting, %s minutes, at %s: %s in %s", (status, minutes, now, stage, phase) => {
    expect(meetingStage(meeting(status, minutes), now)).toBe(stage);
    expect(meetingPhase(meeting(status, minutes), now)).toBe(phase);
  });
});

describe("isPast", () => {
  it.each<[Date, boolean]>([
    [before, false],
    [during, false],
    [atEnd, true],
    [after, true],
  ])("at %s: %s", (now, past) => expect(isPast({ endsAt }, now)).toBe(past));
});

describe("parsePhase", () => {
  it.each<[string | null, MeetingPhase | null]>([
    ["fore", "fore"],
    ["under", "under"],
    ["efter", "efter"],
    ["Före", null],
    ["", null],
    [null, null],
  ])("%s → %s", (value, phase) => expect(parsePhase(value)).toBe(phase));
});
