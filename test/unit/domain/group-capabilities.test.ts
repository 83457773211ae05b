import { describe, expect, it } from "vitest";
import { GROUP_ACTIONS, groupCapabilities, skipTurnVerdict, type GroupAction, type GroupCapabilities, type GroupState, type MeetingFacts, type Refusal } from "../../../app/domain/capabilities";
import type { IsoDate } from "../../../app/domain/iso-date";
import type { Participant } from "../../../app/domain/participation";
import type { Rotation, RotationOverride } from "../../../app/domain/rotation";

// Stockholm's steering group: six-month chair turns from 2025-04-01 in the order city, Gotland,
// Södra, Västerort. On 2026-11-30 turn 3 (2026-10-01 – 2027-03-31) is Västerort's and turn 4 the
// city's — unless Västerort's notice took effect on 2025-12-31, when the city holds turn 3 and
// Gotland turn 4 (decision 016).
const TODAY: IsoDate = "2026-11-30";
const rotation = (participants: Participant[] = [], overrides: RotationOverride[] = []): GroupState => {
  const r: Rotation = { order: ["sf", "gotland", "sodra", "vasterort"], startsOn: "2025-04-01", term: { unit: "months", length: 6 }, overrides, participants };
  return { rotation: r, at: { on: TODAY } };
};
const LEFT: Participant[] = [{ id: "vasterort", participatesUntil: "2025-12-31" }];

type Person = "coordinator" | "cityRep" | "cityDeputy" | "gotlandRep" | "sodraObserver" | "vasterortRep" | "borasRep";
const person = (isAdmin: boolean, partyId: string | null, role: "representative" | "deputy" | "observer", until: IsoDate | null = null) => (convenerPartyId: string | null): MeetingFacts => ({
  user: { id: partyId ?? "coordinator", isAdmin },
  membership: partyId ? { partyId, role, participatesUntil: until } : null,
  convenerPartyId,
});
const people = (vasterortUntil: IsoDate | null): Record<Person, (convener: string | null) => MeetingFacts> => ({
  coordinator: person(true, null, "representative"),
  cityRep: person(false, "sf", "representative"),
  cityDeputy: person(false, "sf", "deputy"),
  gotlandRep: person(false, "gotland", "representative"),
  sodraObserver: person(false, "sodra", "observer"),
  vasterortRep: person(false, "vasterort", "representative", vasterortUntil),
  borasRep: (convener) => ({ ...person(false, null, "representative")(convener), user: { id: "boras", isAdmin: false } }),
});

const expected = (allowed: GroupAction[], refusals: Partial<Record<GroupAction, Refusal>> = {}): GroupCapabilities =>
  Object.fromEntries(GROUP_ACTIONS.map((a) => [a, allowed.includes(a) ? true : (refusals[a] ?? "forbidden")])) as GroupCapabilities;
const COORDINATE: GroupAction[] = ["addMember", "setRotation", "setConvener"];
const CONVENE: GroupAction[] = ["convene", "proposePerCapsulum"];

describe("group capabilities on 2026-11-30, everyone taking part: Västerort holds the chair", () => {
  it.each<[Person, GroupCapabilities]>([
    ["coordinator", expected(["view", ...CONVENE, ...COORDINATE, "skipTurn", "nameHolder"])],
    ["vasterortRep", expected(["view", ...CONVENE, "skipTurn", "nameHolder"])],
    // The city holds the next turn: it may give that up, nothing else.
    ["cityRep", expected(["view", "skipTurn"])],
    ["cityDeputy", expected(["view"])],
    ["gotlandRep", expected(["view"])],
    ["sodraObserver", expected(["view"])],
    ["borasRep", expected([])],
  ])("%s", (who, caps) => {
    expect(groupCapabilities(people(null)[who]("vasterort"), rotation(), TODAY)).toEqual(caps);
  });
});

describe("group capabilities on 2026-11-30 after Västerort's notice took effect on 2025-12-31: the city holds the chair", () => {
  it.each<[Person, GroupCapabilities]>([
    ["coordinator", expected(["view", ...CONVENE, ...COORDINATE, "skipTurn", "nameHolder"])],
    ["cityRep", expected(["view", ...CONVENE, "skipTurn", "nameHolder"])],
    ["gotlandRep", expected(["view", "skipTurn"])],
    // A party that has left holds no turn and passes none over.
    ["vasterortRep", expected(["view"])],
    ["sodraObserver", expected(["view"])],
    ["borasRep", expected([])],
  ])("%s", (who, caps) => {
    expect(groupCapabilities(people("2025-12-31")[who]("sf"), rotation(LEFT), TODAY)).toEqual(caps);
  });
});

describe("a notice not yet in effect changes nothing", () => {
  it("Västerort, leaving on 2026-12-31, still holds and may pass its turn on 2026-11-30", () => {
    const caps = groupCapabilities(people("2026-12-31").vasterortRep("vasterort"), rotation([{ id: "vasterort", participatesUntil: "2026-12-31" }]), TODAY);
    expect([caps.skipTurn, caps.nameHolder, caps.convene]).toEqual([true, true, true]);
  });
});

describe("a group with no rotation yet (Linköping)", () => {
  it.each<[Person, GroupCapabilities]>([
    ["coordinator", expected(["view", ...CONVENE, ...COORDINATE], { skipTurn: "group.noRotation", nameHolder: "group.noRotation" })],
    ["cityRep", expected(["view", ...CONVENE])],
    ["gotlandRep", expected(["view"])],
  ])("%s", (who, caps) => {
    expect(groupCapabilities(people(null)[who]("sf"), null, TODAY)).toEqual(caps);
  });
});

describe("passing over a turn: who first, then what the rotation allows", () => {
  const facts = people(null);
  it.each<[string, Person, number, GroupState, true | Refusal]>([
    ["the holder, its current turn", "vasterortRep", 3, rotation(), true],
    ["the holder, the next party's turn", "vasterortRep", 4, rotation(), "forbidden"],
    ["the holder, a past turn", "vasterortRep", 2, rotation(), "rotation.overridePast"],
    ["a party holding no turn, a past one", "sodraObserver", 2, rotation(), "forbidden"],
    ["a representative holding no turn", "gotlandRep", 3, rotation(), "forbidden"],
    ["the coordinator, a turn too far ahead", "coordinator", 5, rotation(), "rotation.overrideTooFar"],
    ["the coordinator, the next turn", "coordinator", 4, rotation(), true],
    ["a turn passed over already", "coordinator", 3, rotation([], [{ turnIndex: 3, reason: "Jäv" }]), "rotation.overrideTaken"],
    ["a turn before one passed over", "coordinator", 3, rotation([], [{ turnIndex: 4, reason: "Vakans" }]), "rotation.overrideLaterTaken"],
  ])("%s", (_label, who, turnIndex, state, verdict) => {
    expect(skipTurnVerdict(facts[who]("vasterort"), state, TODAY, turnIndex)).toBe(verdict);
  });

  it("every turn it might pass refused for the rotation's state: the first of those refusals", () => {
    const taken = rotation([], [{ turnIndex: 3, reason: "Jäv" }, { turnIndex: 4, reason: "Vakans" }]);
    expect(groupCapabilities(facts.coordinator(null), taken, TODAY).skipTurn).toBe("rotation.overrideTaken");
  });
});
