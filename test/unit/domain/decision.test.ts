import { describe, expect, it } from "vitest";
import {
  consensus,
  decisionLabel,
  isHeld,
  outcomeOf,
  refusedStep,
  stageOf,
  unanimity,
  type DecisionEvent,
  type Position,
  type Stage,
  type StepError,
} from "../../../app/domain/decision";

// Stockholm (004 §2): the public party and the three Brottsofferjourer.
const SF = "socialforvaltningen";
const GOT = "bo-gotland";
const SOD = "bo-sodra";
const VAST = "bo-vasterort";
const all = [SF, GOT, SOD, VAST];
const stated = (entries: [string, Position][]) => new Map(entries);

describe("stageOf", () => {
  it.each<[string, Parameters<typeof stageOf>[0], Stage]>([
    ["meeting decision, open", { kind: "meeting", status: "open", meetingId: "m" }, "open"],
    ["per capsulum, not yet recorded", { kind: "per_capsulum", status: "open", meetingId: null }, "proposed"],
    ["per capsulum, recorded", { kind: "per_capsulum", status: "adopted", meetingId: "m" }, "adopted"],
    ["meeting decision, not adopted", { kind: "meeting", status: "not_adopted", meetingId: "m" }, "not_adopted"],
  ])("%s", (_, decision, stage) => expect(stageOf(decision)).toBe(stage));
});

describe("refusedStep", () => {
  // [stage, event, positions stated so far, refusal or null]
  it.each<[Stage, DecisionEvent, number, StepError | null]>([
    ["open", "state", 0, null],
    ["open", "close", 0, null],
    ["open", "close", 3, null],
    ["open", "record", 2, "decision.notPerCapsulum"],
    ["proposed", "state", 0, null],
    ["proposed", "record", 1, null],
    ["proposed", "record", 0, "decision.noPositions"],
    ["proposed", "close", 2, "decision.recordAtMeeting"],
    ["adopted", "state", 4, "decision.closed"],
    ["adopted", "close", 4, "decision.closed"],
    ["not_adopted", "close", 1, "decision.closed"],
    ["not_adopted", "state", 1, "decision.closed"],
    ["adopted", "record", 4, "decision.closed"],
  ])("%s + %s (%i positions) → %s", (stage, event, positions, expected) => expect(refusedStep(stage, event, positions)).toBe(expected));
});

describe("unanimity (steering group)", () => {
  // [label, represented with mandate, positions, status, missing, objecting]
  it.each<[string, string[], [string, Position][], string, string[], string[]]>([
    ["all there, all agree", all, all.map((p) => [p, "agree"]), "adopted", [], []],
    ["Västerort absent", [SF, GOT, SOD], [[SF, "agree"], [GOT, "agree"], [SOD, "agree"]], "not_adopted", [VAST], []],
    ["one objects", all, [[SF, "agree"], [GOT, "object"], [SOD, "agree"], [VAST, "agree"]], "not_adopted", [], [GOT]],
    ["one abstains", all, [[SF, "agree"], [GOT, "abstain"], [SOD, "agree"], [VAST, "agree"]], "not_adopted", [], []],
    ["present but silent", all, [[SF, "agree"], [GOT, "agree"], [SOD, "agree"]], "not_adopted", [VAST], []],
    ["absent and an objection", [SF, GOT, SOD], [[SF, "object"], [GOT, "agree"], [SOD, "agree"]], "not_adopted", [VAST], [SF]],
    ["a position without mandate does not count", [SF, GOT, SOD], all.map((p) => [p, "agree"]), "not_adopted", [VAST], []],
  ])("%s", (_, represented, positions, status, missing, objecting) =>
    expect(unanimity(all, new Set(represented), stated(positions))).toEqual({ status, missing, objecting }),
  );

  it("adopts nothing for a partnership without parties", () => expect(unanimity([], new Set(), new Map()).status).toBe("not_adopted"));
});

describe("consensus (cooperation group)", () => {
  // [label, present, positions, status, objecting]
  it.each<[string, string[], [string, Position][], string, string[]]>([
    ["two present, both agree", [SF, GOT], [[SF, "agree"], [GOT, "agree"]], "adopted", []],
    ["one agrees, one abstains", [SF, GOT], [[SF, "agree"], [GOT, "abstain"]], "adopted", []],
    ["one agrees, one silent", [SF, GOT], [[SF, "agree"]], "adopted", []],
    ["an objection among those present", [SF, GOT, SOD], [[SF, "agree"], [GOT, "object"], [SOD, "agree"]], "not_adopted", [GOT]],
    ["nobody agrees", [SF, GOT], [[SF, "abstain"], [GOT, "abstain"]], "not_adopted", []],
    ["nobody present", [], [], "not_adopted", []],
    ["an absent party's objection does not count", [SF], [[SF, "agree"], [VAST, "object"]], "adopted", []],
  ])("%s", (_, present, positions, status, objecting) =>
    expect(consensus(new Set(present), stated(positions))).toEqual({ status, missing: [], objecting }),
  );
});

describe("outcomeOf", () => {
  it("decides per capsulum by every party's written answer, whoever was present", () => {
    expect(outcomeOf("steering", "per_capsulum", all, new Set(), stated(all.map((p) => [p, "agree"]))).status).toBe("adopted");
    expect(outcomeOf("steering", "per_capsulum", all, new Set(all), stated([[SF, "agree"], [GOT, "agree"], [SOD, "agree"]]))).toEqual({
      status: "not_adopted",
      missing: [VAST],
      objecting: [],
    });
  });
  it("uses unanimity in a steering group and consensus in a cooperation group", () => {
    const positions = stated([[SF, "agree"], [GOT, "agree"]]);
    expect(outcomeOf("steering", "meeting", all, new Set([SF, GOT]), positions).status).toBe("not_adopted");
    expect(outcomeOf("cooperation", "meeting", all, new Set([SF, GOT]), positions).status).toBe("adopted");
  });
});

describe("isHeld", () => {
  const now = new Date("2026-05-10T12:00:00Z");
  it.each<[string, string, string, boolean]>([
    ["started", "noticed", "2026-05-10T11:00:00Z", true],
    ["starts exactly now", "draft", "2026-05-10T12:00:00Z", true],
    ["in the future", "noticed", "2026-05-10T12:01:00Z", false],
    ["cancelled", "cancelled", "2026-05-01T12:00:00Z", false],
  ])("%s", (_, status, startsAt, held) => expect(isHeld({ status, startsAt: new Date(startsAt) }, now)).toBe(held));
});

describe("decisionLabel", () => {
  it.each<[Parameters<typeof decisionLabel>, string]>([
    [["steering", 2026, 7], "SG 2026 § 7"],
    [["cooperation", 2026, 3], "SVG 2026 § 3"],
  ])("%j → %s", (args, label) => expect(decisionLabel(...args)).toBe(label));
});
