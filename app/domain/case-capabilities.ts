import { stepVerdict, type CaseActor } from "./case-steps";
import { CASE_MACHINES, type CaseKind } from "./cases";
import type { IsoDate } from "./iso-date";
import { participatesOn, type Participant } from "./participation";
import type { PartnershipFacts } from "./partnership-capabilities";
import type { MemberRole } from "./representation";

// What a user may do with a partnership's cases on a day: open one (a shortcoming, a disagreement,
// changed circumstances, an escalation from a cooperation group) and take the steps of its
// procedure. The one rule the case pages show and their actions assert (decision 017, extended to
// cases); who takes which step is the procedure's (`CASE_MACHINES`), this only says who the user is.

export interface CaseFacts extends PartnershipFacts {
  /** The steering group that decides on the partnership's cases; null while it has none. */
  steeringGroupId: string | null;
}

export interface CaseState {
  kind: CaseKind;
  stage: string;
  /** The party a shortcoming concerns. */
  concernsParty: string | null;
}

/** Why an action is refused: `forbidden` for who the user is (403), the others for the case's stage (409). */
export type CaseRefusal = "forbidden" | "case.stepNotNow" | "case.planLocked";
export type CaseVerdict = true | CaseRefusal;

export interface CaseCapabilities {
  view: CaseVerdict;
  /** Per event of the case's procedure: may the user take that step now. */
  stepCase: Readonly<Record<string, CaseVerdict>>;
  /** Add actions to the action plan, or remove them. */
  changePlan: CaseVerdict;
  /** Record the progress of the plan's actions during follow-up. */
  recordProgress: CaseVerdict;
}

export interface PartnershipCaseCapabilities {
  view: CaseVerdict;
  reportShortcoming: CaseVerdict;
  raiseDispute: CaseVerdict;
  raiseInformation: CaseVerdict;
  requestRenegotiation: CaseVerdict;
  /** Per cooperation group the user sits in: may they take a disagreement there to the steering group. */
  escalate: Readonly<Record<string, CaseVerdict>>;
}

const allowed = (holds: boolean): CaseVerdict => (holds ? true : "forbidden");
const partyTakesPart = (facts: PartnershipFacts, partyId: string, day: IsoDate) => facts.parties.some((p) => p.id === partyId && participatesOn(p, day));

/** The parties the user has a say for (not as an observer) that take part on `day`, in seat order: whom a case they open is raised by. */
export function speakingParties(facts: PartnershipFacts, day: IsoDate): string[] {
  return [...new Set(facts.seats.filter((s) => s.role !== "observer" && partyTakesPart(facts, s.partyId, day)).map((s) => s.partyId))];
}

/** Speaks for the steering group, once there is one: the party that chairs it on the day (not as an observer), or a coordinator. */
function speaksForSteering(facts: CaseFacts): boolean {
  const group = facts.steeringGroupId;
  if (group === null) return false;
  return facts.isAdmin || facts.seats.some((s) => s.groupId === group && s.role !== "observer" && facts.steeringChairs.get(group) === s.partyId);
}

/**
 * The roles the user acts in for a case on `day`: the steering group's (recording its decisions),
 * any party's (a party taking part), the responsible party's (the party the shortcoming concerns,
 * while it takes part).
 */
export function caseActors(facts: CaseFacts, c: Pick<CaseState, "concernsParty">, day: IsoDate): CaseActor[] {
  const speaks = speakingParties(facts, day);
  const actors: CaseActor[] = [];
  if (speaksForSteering(facts)) actors.push("steering");
  if (speaks.length) actors.push("party");
  if (c.concernsParty && speaks.includes(c.concernsParty)) actors.push("responsible");
  return actors;
}

/**
 * Everything the user may do with a case on `day`: each step its procedure gives to a role they act
 * in, in the stage it is in; the responsible party changes the plan while it is required.
 */
export function caseCapabilities(facts: CaseFacts, c: CaseState, day: IsoDate): CaseCapabilities {
  const actors = caseActors(facts, c, day);
  const steps = CASE_MACHINES[c.kind].steps;
  const stepCase = Object.fromEntries([...new Set(steps.map((s) => s.event))].map((event) => [event, stepVerdict(steps, c.stage, event, actors)]));
  return {
    view: allowed(facts.isAdmin || facts.seats.length > 0),
    stepCase,
    changePlan: !actors.includes("responsible") ? "forbidden" : c.kind === "shortcoming" && c.stage === "planRequired" ? true : "case.planLocked",
    recordProgress: stepCase.recordProgress ?? "forbidden",
  };
}

/** The verdict a form asks for by name (a step's event, a group): `forbidden` for a name the record does not have. */
export function verdictFor(verdicts: Readonly<Record<string, CaseVerdict>>, name: string): CaseVerdict {
  return Object.hasOwn(verdicts, name) ? verdicts[name] : "forbidden";
}

/** A member escalates a disagreement from their cooperation group with a say there (not as an observer), while their party takes part. */
export function escalatesFrom(seat: { role: MemberRole }, party: Pick<Participant, "participatesUntil">, day: IsoDate): boolean {
  return seat.role !== "observer" && participatesOn(party, day);
}

/** The party a member escalates for from a cooperation group: the one they have a say for there (`escalatesFrom`); null if none. */
export function escalatingParty(facts: PartnershipFacts, groupId: string, day: IsoDate): string | null {
  const seat = facts.seats.find((s) => s.groupId === groupId && s.groupKind === "cooperation");
  const party = seat && facts.parties.find((p) => p.id === seat.partyId);
  return seat && party && escalatesFrom(seat, party, day) ? seat.partyId : null;
}

/**
 * What the user may open in the partnership's cases on `day`: a party taking part reports a
 * shortcoming (of another party), a disagreement or changed circumstances; a coordinator reports
 * shortcomings. A disagreement in a cooperation group goes to the steering group from a member with a
 * say there for a party that takes part.
 */
export function partnershipCaseCapabilities(facts: PartnershipFacts, day: IsoDate): PartnershipCaseCapabilities {
  const speaks = speakingParties(facts, day).length > 0;
  const cooperation = [...new Set(facts.seats.filter((s) => s.groupKind === "cooperation").map((s) => s.groupId))];
  return {
    view: allowed(facts.isAdmin || facts.seats.length > 0),
    reportShortcoming: allowed(speaks || facts.isAdmin),
    raiseDispute: allowed(speaks),
    raiseInformation: allowed(speaks),
    requestRenegotiation: allowed(speaks),
    escalate: Object.fromEntries(cooperation.map((id) => [id, allowed(escalatingParty(facts, id, day) !== null)])),
  };
}

/** The parties whose shortcoming the user may report: any other party; a coordinator any. */
export function accusableParties(facts: PartnershipFacts, day: IsoDate): string[] {
  const own = speakingParties(facts, day);
  return facts.parties.filter((p) => facts.isAdmin || !own.includes(p.id)).map((p) => p.id);
}
