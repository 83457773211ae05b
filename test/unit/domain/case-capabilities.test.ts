import { describe, expect, it } from "vitest";
import {
  accusableParties,
  caseCapabilities,
  escalatingParty,
  partnershipCaseCapabilities,
  type CaseFacts,
  type CaseState,
  type CaseVerdict,
  type PartnershipCaseCapabilities,
  verdictFor,
} from "../../../app/domain/case-capabilities";
import { CASE_MACHINES } from "../../../app/domain/cases";
import type { IsoDate } from "../../../app/domain/iso-date";
import { COOPERATION, LEFT, STEERING, stockholmFacts, TODAY, type Person } from "../../support/stockholm-facts";

/** Stockholm's facts for cases: the steering group decides them, chaired by `chair`. */
const facts = (person: Person, chair = "sf"): CaseFacts => ({ ...stockholmFacts(person, LEFT, chair), steeringGroupId: STEERING });

const againstGotland: CaseState = { kind: "shortcoming", stage: "planRequired", concernsParty: "gotland" };
const againstVasterort: CaseState = { kind: "shortcoming", stage: "followUp", concernsParty: "vasterort" };
const remedied: CaseState = { kind: "shortcoming", stage: "remedied", concernsParty: "gotland" };
const dispute: CaseState = { kind: "dispute", stage: "raised", concernsParty: null };
const information: CaseState = { kind: "information", stage: "reported", concernsParty: null };

/** The steps of the case's procedure the user may take now (every other one is refused). */
const allowedSteps = (person: Person, c: CaseState, day: IsoDate) =>
  Object.entries(caseCapabilities(facts(person), c, day).stepCase)
    .filter(([, verdict]) => verdict === true)
    .map(([event]) => event);

describe("caseCapabilities", () => {
  // person, case, day asked, steps allowed, changing the plan, recording progress
  const table: [Person, CaseState, IsoDate, string[], CaseVerdict, CaseVerdict][] = [
    // The steering group (the coordinator, or the chair's party: the city since Västerort left) decides; the party concerned writes its plan.
    ["coordinator", againstGotland, TODAY, ["notRemedied", "terminate"], "forbidden", "case.stepNotNow"],
    ["cityRep", againstGotland, TODAY, ["notRemedied", "terminate"], "forbidden", "case.stepNotNow"],
    ["gotlandRep", againstGotland, TODAY, ["submitPlan"], true, "case.stepNotNow"],
    ["gotlandDeputy", againstGotland, TODAY, ["submitPlan"], true, "case.stepNotNow"],
    // Another party, an observer and a member of another partnership take no step of it.
    ["sodraCooperationRep", againstGotland, TODAY, [], "forbidden", "forbidden"],
    ["sodraObserver", againstGotland, TODAY, [], "forbidden", "forbidden"],
    ["borasRep", againstGotland, TODAY, [], "forbidden", "forbidden"],
    // A closed case offers no step to anyone.
    ["coordinator", remedied, TODAY, [], "forbidden", "case.stepNotNow"],
    ["gotlandRep", remedied, TODAY, [], "case.planLocked", "case.stepNotNow"],
    // Västerort follows up its plan while it takes part; from the day after its notice took effect it does nothing.
    ["vasterortRep", againstVasterort, LEFT, ["recordProgress"], "case.planLocked", true],
    ["vasterortRep", againstVasterort, TODAY, [], "forbidden", "forbidden"],
    ["coordinator", againstVasterort, TODAY, ["recordProgress", "remedied", "notRemedied"], "forbidden", true],
    // Any party taking part moves a disagreement on; the steering group resolves it only once it is before the group.
    ["gotlandRep", dispute, TODAY, ["startDialogue", "referToSteering"], "forbidden", "forbidden"],
    ["sodraCooperationRep", dispute, TODAY, ["startDialogue", "referToSteering"], "forbidden", "forbidden"],
    ["vasterortRep", dispute, LEFT, ["startDialogue", "referToSteering"], "forbidden", "forbidden"],
    ["vasterortRep", dispute, TODAY, [], "forbidden", "forbidden"],
    ["coordinator", dispute, TODAY, [], "forbidden", "forbidden"],
    ["sodraObserver", dispute, TODAY, [], "forbidden", "forbidden"],
    // Changed circumstances are discussed by the steering group.
    ["cityRep", information, TODAY, ["discuss"], "forbidden", "forbidden"],
    ["gotlandRep", information, TODAY, [], "forbidden", "forbidden"],
  ];

  it.each(table)("%s, %j, on %s", (person, c, day, steps, changePlan, recordProgress) => {
    const can = caseCapabilities(facts(person), c, day);
    expect(allowedSteps(person, c, day)).toEqual(steps);
    expect(Object.keys(can.stepCase)).toEqual([...new Set(CASE_MACHINES[c.kind].steps.map((s) => s.event))]);
    expect({ view: can.view, changePlan: can.changePlan, recordProgress: can.recordProgress }).toEqual({ view: person === "borasRep" ? "forbidden" : true, changePlan, recordProgress });
  });

  it("refuses a step for the stage only to who could take it in another stage", () => {
    const can = caseCapabilities(facts("coordinator"), againstGotland, TODAY);
    expect(can.stepCase.acceptPlan).toBe("case.stepNotNow");
    expect(can.stepCase.submitPlan).toBe("forbidden");
    expect(caseCapabilities(facts("gotlandRep"), againstGotland, TODAY).stepCase.acceptPlan).toBe("forbidden");
    expect(caseCapabilities(facts("coordinator"), dispute, TODAY).stepCase.resolve).toBe("case.stepNotNow");
  });

  it("refuses an event the procedure does not have", () => {
    const can = caseCapabilities(facts("coordinator"), information, TODAY);
    expect(verdictFor(can.stepCase, "terminate")).toBe("forbidden");
    expect(verdictFor(can.stepCase, "toString")).toBe("forbidden");
    expect(verdictFor(can.stepCase, "discuss")).toBe(true);
  });

  it("follows the steering chair to whichever party holds it, but not to an observer", () => {
    expect(allowedSteps("cityRep", information, TODAY)).toEqual(["discuss"]);
    expect(caseCapabilities(facts("gotlandRep", "gotland"), information, TODAY).stepCase.discuss).toBe(true);
    expect(caseCapabilities(facts("cityRep", "gotland"), information, TODAY).stepCase.discuss).toBe("forbidden");
    expect(caseCapabilities(facts("sodraObserver", "sodra"), information, TODAY).stepCase.discuss).toBe("forbidden");
    // Without a steering group nobody records its decisions, not even the coordinator.
    expect(caseCapabilities({ ...facts("cityRep"), steeringGroupId: null }, information, TODAY).stepCase.discuss).toBe("forbidden");
    expect(caseCapabilities({ ...facts("coordinator"), steeringGroupId: null }, information, TODAY).stepCase.discuss).toBe("forbidden");
  });
});

describe("partnershipCaseCapabilities", () => {
  const all = (open: CaseVerdict, reportShortcoming: CaseVerdict = open, escalate: Record<string, CaseVerdict> = {}, view: CaseVerdict = true): PartnershipCaseCapabilities => ({
    view,
    reportShortcoming,
    raiseDispute: open,
    raiseInformation: open,
    requestRenegotiation: open,
    escalate,
  });
  // person, day asked, the record, whose shortcoming they may report
  const table: [Person, IsoDate, PartnershipCaseCapabilities, string[]][] = [
    // The coordinator reports shortcomings of any party, but raises no matter of its own.
    ["coordinator", TODAY, all("forbidden", true), ["sf", "gotland", "sodra", "vasterort"]],
    ["cityRep", TODAY, all(true), ["gotland", "sodra", "vasterort"]],
    ["gotlandDeputy", TODAY, all(true), ["sf", "sodra", "vasterort"]],
    ["sodraObserver", TODAY, all("forbidden"), ["sf", "gotland", "sodra", "vasterort"]],
    // A representative in the cooperation group escalates from there.
    ["sodraCooperationRep", TODAY, all(true, true, { [COOPERATION]: true }), ["sf", "gotland", "vasterort"]],
    // Västerort opens cases while it takes part, and none from the day after its notice took effect.
    ["vasterortRep", LEFT, all(true), ["sf", "gotland", "sodra"]],
    ["vasterortRep", TODAY, all("forbidden"), ["sf", "gotland", "sodra", "vasterort"]],
    ["borasRep", TODAY, all("forbidden", "forbidden", {}, "forbidden"), ["sf", "gotland", "sodra", "vasterort"]],
  ];

  it.each(table)("%s on %s", (person, day, record, accusable) => {
    expect(partnershipCaseCapabilities(stockholmFacts(person, LEFT), day)).toEqual(record);
    expect(accusableParties(stockholmFacts(person, LEFT), day)).toEqual(accusable);
  });

  it("escalates for the party the member has a say for in that cooperation group, while it takes part", () => {
    const sodra = stockholmFacts("sodraCooperationRep", LEFT);
    expect(escalatingParty(sodra, COOPERATION, TODAY)).toBe("sodra");
    expect(escalatingParty(sodra, STEERING, TODAY)).toBeNull();
    const observing = { ...sodra, seats: sodra.seats.map((s) => ({ ...s, role: "observer" as const })) };
    expect(partnershipCaseCapabilities(observing, TODAY).escalate).toEqual({ [COOPERATION]: "forbidden" });
    const left = { ...sodra, parties: sodra.parties.map((p) => (p.id === "sodra" ? { ...p, participatesUntil: LEFT } : p)) };
    expect(partnershipCaseCapabilities(left, TODAY).escalate).toEqual({ [COOPERATION]: "forbidden" });
    expect(partnershipCaseCapabilities(left, LEFT).escalate).toEqual({ [COOPERATION]: true });
  });
});
