import { describe, expect, it } from "vitest";
import { groundRefusal, type CaseActor, type SteeringGround } from "../../../app/domain/case-steps";
import { caseStep, caseStepsOpen, CASE_MACHINES, isClosed, isSteeringStep, type CaseKind } from "../../../app/domain/cases";
import { DISPUTE_EVENTS, DISPUTE_STAGES } from "../../../app/domain/dispute";
import { INFORMATION_EVENTS, INFORMATION_STAGES } from "../../../app/domain/information";
import { RENEGOTIATION_EVENTS, RENEGOTIATION_STAGES } from "../../../app/domain/renegotiation";
import { shortcomingRefusal, SHORTCOMING_EVENTS, SHORTCOMING_STAGES, type ShortcomingFacts } from "../../../app/domain/shortcoming";

const ACTORS: CaseActor[] = ["steering", "responsible", "party"];

/**
 * The procedures as the agreements describe them, one line per allowed step:
 * "stage --event--> next (who may take it)". Every other combination of stage, event and
 * actor must be refused.
 */
const ALLOWED: Record<CaseKind, string[]> = {
  // 004 §5.4
  shortcoming: [
    "reported --discuss--> dialogue (steering)",
    "reported --requirePlan--> planRequired (steering)",
    "dialogue --requirePlan--> planRequired (steering)",
    "dialogue --remedied--> remedied (steering)",
    "planRequired --submitPlan--> planSubmitted (responsible)",
    "planRequired --notRemedied--> notRemedied (steering)",
    "planRequired --terminate--> terminated (steering)",
    "planSubmitted --acceptPlan--> followUp (steering)",
    "planSubmitted --returnPlan--> planRequired (steering)",
    "followUp --recordProgress--> followUp (responsible steering)",
    "followUp --remedied--> remedied (steering)",
    "followUp --notRemedied--> notRemedied (steering)",
    "notRemedied --writtenExchange--> notRemedied (responsible steering)",
    "notRemedied --remedied--> remedied (steering)",
    "notRemedied --terminate--> terminated (steering)",
  ],
  // 004 §5.8, 000 §10
  dispute: [
    "raised --startDialogue--> dialogue (party)",
    "raised --referToSteering--> steering (party)",
    "dialogue --referToSteering--> steering (party)",
    "dialogue --requestRenegotiation--> renegotiation (party)",
    "steering --requestRenegotiation--> renegotiation (party)",
    "dialogue --resolve--> resolved (steering)",
    "steering --resolve--> resolved (steering)",
    "renegotiation --resolve--> resolved (steering)",
    "steering --referToCourt--> court (party)",
    "renegotiation --referToCourt--> court (party)",
  ],
  // 004 §5.7
  information: ["reported --discuss--> discussed (steering)"],
  // 003, 000 §10: asked for at any time, concluded by the steering group
  renegotiation: ["requested --conclude--> concluded (steering)"],
};

const SPACE: Record<CaseKind, { stages: readonly string[]; events: readonly string[] }> = {
  shortcoming: { stages: SHORTCOMING_STAGES, events: SHORTCOMING_EVENTS },
  dispute: { stages: DISPUTE_STAGES, events: DISPUTE_EVENTS },
  information: { stages: INFORMATION_STAGES, events: INFORMATION_EVENTS },
  renegotiation: { stages: RENEGOTIATION_STAGES, events: RENEGOTIATION_EVENTS },
};

const parse = (line: string) => {
  const [, from, event, to, by] = line.match(/^(\w+) --(\w+)--> (\w+) \(([\w ]+)\)$/)!;
  return { from, event, to, by: by.split(" ") as CaseActor[] };
};

describe.each(Object.keys(ALLOWED) as CaseKind[])("%s", (kind) => {
  const allowed = ALLOWED[kind].map(parse);
  const { stages, events } = SPACE[kind];
  const combos = stages.flatMap((stage) => events.flatMap((event) => ACTORS.map((actor) => [stage, event, actor] as const)));

  it.each(combos)("%s + %s by %s", (stage, event, actor) => {
    const rule = allowed.find((a) => a.from === stage && a.event === event);
    const result = caseStep(kind, stage, event, [actor]);
    if (!rule) expect(result).toEqual({ ok: false, error: "case.stepNotNow" });
    else if (!rule.by.includes(actor)) expect(result).toEqual({ ok: false, error: "case.stepNotYours" });
    else expect(result).toMatchObject({ ok: true, to: rule.to });
  });

  it("starts in a stage from which something can happen, and nothing happens after it is closed", () => {
    const { initial, closed } = CASE_MACHINES[kind];
    expect(caseStepsOpen(kind, initial, ACTORS).length).toBeGreaterThan(0);
    for (const stage of closed) {
      expect(isClosed(kind, stage)).toBe(true);
      expect(caseStepsOpen(kind, stage, ACTORS)).toEqual([]);
    }
  });
});

describe("who decides", () => {
  it.each([
    ["shortcoming", "requirePlan", true],
    ["shortcoming", "acceptPlan", true],
    ["shortcoming", "terminate", true],
    ["shortcoming", "submitPlan", false],
    ["shortcoming", "recordProgress", false], // the party reports progress, the chair may too
    ["dispute", "resolve", true],
    ["dispute", "requestRenegotiation", false],
    ["information", "discuss", true],
  ] as const)("%s %s needs a steering group meeting: %s", (kind, event, expected) => {
    expect(isSteeringStep(kind, event)).toBe(expected);
  });

  it("offers a party only its own steps", () => {
    expect(caseStepsOpen("shortcoming", "planRequired", ["responsible", "party"])).toEqual(["submitPlan"]);
    expect(caseStepsOpen("shortcoming", "planRequired", ["steering"])).toEqual(["notRemedied", "terminate"]);
    expect(caseStepsOpen("dispute", "steering", ["party"])).toEqual(["requestRenegotiation", "referToCourt"]);
  });
});

// Stockholm (004): the first period ran 2025-04-01..2025-12-31 and notice was due by 2025-09-30.
describe("a steering step stands on an adopted decision at a held meeting (004 §3.1, §5.4)", () => {
  const reportedOn = "2025-09-15";
  const held = (on: string) => ({ held: true, on });
  const adopted = { atMeeting: true, adopted: true };
  it.each<[string, SteeringGround, string | null]>([
    ["no meeting of the steering group", { meeting: null, decision: adopted }, "case.meetingRequired"],
    ["a meeting not yet held", { meeting: { held: false, on: "2025-09-29" }, decision: adopted }, "case.meetingRequired"],
    ["a meeting before the case was reported", { meeting: held("2025-09-14"), decision: adopted }, "case.meetingBeforeCase"],
    ["no decision", { meeting: held("2025-09-29"), decision: null }, "case.decisionRequired"],
    ["a decision of another meeting", { meeting: held("2025-09-29"), decision: { atMeeting: false, adopted: true } }, "case.decisionInvalid"],
    ["a decision not adopted", { meeting: held("2025-09-29"), decision: { atMeeting: true, adopted: false } }, "case.decisionNotAdopted"],
    ["an adopted decision at a meeting the day the case was reported", { meeting: held(reportedOn), decision: adopted }, null],
    ["an adopted decision at a later meeting", { meeting: held("2025-09-29"), decision: adopted }, null],
  ])("%s → %s", (_, ground, expected) => {
    expect(groundRefusal(ground, reportedOn)).toBe(expected);
  });
});

describe("shortcoming steps by the meeting's date (004 §5.4, 000 §7)", () => {
  const due = "2027-01-31";
  const facts = (over: Partial<ShortcomingFacts>): ShortcomingFacts => ({ on: "2026-11-30", stage: "planRequired", planDueOn: due, concernsSector: "idea", writtenExchanges: 0, ...over });
  it.each<[string, Parameters<typeof shortcomingRefusal>, string | null]>([
    ["a plan without a due date", ["requirePlan", facts({ stage: "reported", planDueOn: null }), {}], "case.planDueRequired"],
    ["a plan due before the meeting", ["requirePlan", facts({ stage: "reported", planDueOn: null, on: "2026-11-30" }), { planDueOn: "2026-11-29" }], "case.planDuePast"],
    ["a plan due on the meeting's day", ["requirePlan", facts({ stage: "reported", planDueOn: null, on: "2026-11-30" }), { planDueOn: "2026-11-30" }], null],
    ["not remedied before the plan is due", ["notRemedied", facts({ on: "2026-12-15" }), {}], "case.notRemediedBeforeDue"],
    ["not remedied on the due date", ["notRemedied", facts({ on: due }), {}], "case.notRemediedBeforeDue"],
    ["not remedied the day after the due date", ["notRemedied", facts({ on: "2027-02-01" }), {}], null],
    ["not remedied after an accepted plan's follow-up", ["notRemedied", facts({ stage: "followUp", on: "2026-12-15" }), {}], null],
    ["termination before the plan is due", ["terminate", facts({ on: "2026-12-15" }), { reclaim: "no" }], "case.terminateBeforeDue"],
    ["termination on the due date", ["terminate", facts({ on: due }), { reclaim: "no" }], "case.terminateBeforeDue"],
    ["termination after the due date, no plan submitted", ["terminate", facts({ on: "2027-02-01" }), { reclaim: "no" }], null],
    ["termination once found not remedied", ["terminate", facts({ stage: "notRemedied", on: "2026-12-15" }), { reclaim: "no" }], null],
    ["termination without a reclaim decision", ["terminate", facts({ stage: "notRemedied" }), {}], "case.reclaimRequired"],
    ["reclaim before a written exchange", ["terminate", facts({ stage: "notRemedied" }), { reclaim: "yes" }], "case.reclaimNeedsExchange"],
    ["reclaim after a written exchange", ["terminate", facts({ stage: "notRemedied", writtenExchanges: 1 }), { reclaim: "yes" }], null],
    ["reclaim from the public party", ["terminate", facts({ stage: "notRemedied", writtenExchanges: 1, concernsSector: "public" }), { reclaim: "yes" }], "case.reclaimOnlyIdea"],
    ["terminating the public party without reclaim", ["terminate", facts({ stage: "notRemedied", concernsSector: "public" }), { reclaim: "no" }], null],
  ])("%s → %s", (_, args, expected) => {
    expect(shortcomingRefusal(...args)).toBe(expected);
  });
});
