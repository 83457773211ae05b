import { describe, expect, it } from "vitest";
import {
  completeTaskVerdict,
  DECISION_ACTIONS,
  decisionCapabilities,
  type DecisionAction,
  type DecisionCapabilities,
  type DecisionFacts,
  type DecisionState,
  type Refusal,
} from "../../../app/domain/capabilities";
import type { IsoDate } from "../../../app/domain/iso-date";

// Stockholm's steering group on 2026-11-30 after Brottsofferjouren Västerort's notice took effect
// on 2025-12-31: the city convenes; Gotland's representative was present at the meeting, Södra's
// sits as an observer.
const LEFT: IsoDate = "2025-12-31";
const seat = (partyId: string, role: "representative" | "deputy" | "observer") => ({ partyId, role, participatesUntil: partyId === "vasterort" ? LEFT : null });
const speaker = (partyId: string) => ({ partyId, participatesUntil: partyId === "vasterort" ? LEFT : null });

type Person = "coordinator" | "cityRep" | "gotlandPresent" | "gotlandAbsent" | "sodraObserver" | "vasterortPresent" | "borasRep";
const people: Record<Person, DecisionFacts> = {
  coordinator: { user: { id: "coordinator", isAdmin: true }, membership: null, convenerPartyId: "sf", speaksFor: null },
  cityRep: { user: { id: "cityRep", isAdmin: false }, membership: seat("sf", "representative"), convenerPartyId: "sf", speaksFor: speaker("sf") },
  gotlandPresent: { user: { id: "gotlandPresent", isAdmin: false }, membership: seat("gotland", "deputy"), convenerPartyId: "sf", speaksFor: speaker("gotland") },
  gotlandAbsent: { user: { id: "gotlandAbsent", isAdmin: false }, membership: seat("gotland", "representative"), convenerPartyId: "sf", speaksFor: null },
  sodraObserver: { user: { id: "sodraObserver", isAdmin: false }, membership: seat("sodra", "observer"), convenerPartyId: "sf", speaksFor: null },
  vasterortPresent: { user: { id: "vasterortPresent", isAdmin: false }, membership: seat("vasterort", "representative"), convenerPartyId: "sf", speaksFor: speaker("vasterort") },
  borasRep: { user: { id: "borasRep", isAdmin: false }, membership: null, convenerPartyId: "sf", speaksFor: null },
};

const open: DecisionState = { kind: "meeting", stage: "open", day: "2026-11-20", positions: 1 };
const expected = (allowed: DecisionAction[], refusals: Partial<Record<DecisionAction, Refusal>> = {}): DecisionCapabilities =>
  Object.fromEntries(DECISION_ACTIONS.map((a) => [a, allowed.includes(a) ? true : (refusals[a] ?? "forbidden")])) as DecisionCapabilities;
const MANAGE: DecisionAction[] = ["view", "close", "setReview", "addTask", "completeAnyTask"];

describe("decision capabilities by role: an open meeting decision of 2026-11-20", () => {
  it.each<[Person, DecisionCapabilities]>([
    ["coordinator", expected(MANAGE, { recordPerCapsulum: "decision.notPerCapsulum" })],
    ["cityRep", expected([...MANAGE, "statePosition"], { recordPerCapsulum: "decision.notPerCapsulum" })],
    ["gotlandPresent", expected(["view", "statePosition"])],
    // Not recorded present, an observer, a party that had left by the meeting's day: no say.
    ["gotlandAbsent", expected(["view"])],
    ["sodraObserver", expected(["view"])],
    ["vasterortPresent", expected(["view"])],
    ["borasRep", expected([])],
  ])("%s", (person, caps) => {
    expect(decisionCapabilities(people[person], open)).toEqual(caps);
  });
});

describe("decision capabilities by the decision's state", () => {
  it.each<[string, Person, DecisionState, DecisionCapabilities]>([
    ["closed: no positions, no closing", "cityRep", { ...open, stage: "adopted" }, expected(["view", "setReview", "addTask", "completeAnyTask"], { statePosition: "decision.closed", close: "decision.closed", recordPerCapsulum: "decision.closed" })],
    ["closed, for a party", "gotlandPresent", { ...open, stage: "not_adopted" }, expected(["view"], { statePosition: "decision.closed" })],
    ["proposed per capsulum, answered: the chair records it", "cityRep", { kind: "per_capsulum", stage: "proposed", day: "2026-11-30", positions: 1 }, expected([...MANAGE.filter((a) => a !== "close"), "statePosition", "recordPerCapsulum"], { close: "decision.recordAtMeeting" })],
    ["proposed, nobody has answered", "coordinator", { kind: "per_capsulum", stage: "proposed", day: "2026-11-30", positions: 0 }, expected(MANAGE.filter((a) => a !== "close"), { close: "decision.recordAtMeeting", recordPerCapsulum: "decision.noPositions" })],
    // A meeting held before Västerort left: it keeps its say there.
    ["a meeting before Västerort left", "vasterortPresent", { ...open, day: "2025-12-15" }, expected(["view", "statePosition"])],
  ])("%s", (_label, person, state, caps) => {
    expect(decisionCapabilities(people[person], state)).toEqual(caps);
  });
});

describe("completing a task", () => {
  it.each<[string, Person, { ownerId: string; status: "open" | "done" }, ReturnType<typeof completeTaskVerdict>]>([
    ["its owner", "gotlandPresent", { ownerId: "gotlandPresent", status: "open" }, true],
    ["someone else's, as a member", "gotlandPresent", { ownerId: "cityRep", status: "open" }, "forbidden"],
    ["someone else's, as the chair", "cityRep", { ownerId: "gotlandPresent", status: "open" }, true],
    ["once done", "gotlandPresent", { ownerId: "gotlandPresent", status: "done" }, "decision.taskAlreadyDone"],
  ])("%s", (_label, person, task, verdict) => {
    expect(completeTaskVerdict(decisionCapabilities(people[person], open), person, task)).toBe(verdict);
  });
});
