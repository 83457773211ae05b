import { describe, expect, it } from "vitest";
import type { CaseActor } from "../../../app/domain/case-steps";
import { caseStep, caseStepsOpen, CASE_MACHINES, isClosed, isSteeringStep, type CaseKind } from "../../../app/domain/cases";
import { DISPUTE_EVENTS, DISPUTE_STAGES } from "../../../app/domain/dispute";
import { INFORMATION_EVENTS, INFORMATION_STAGES } from "../../../app/domain/information";
import { reclaimRefusal, SHORTCOMING_EVENTS, SHORTCOMING_STAGES } from "../../../app/domain/shortcoming";

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
};

const SPACE: Record<CaseKind, { stages: readonly string[]; events: readonly string[] }> = {
  shortcoming: { stages: SHORTCOMING_STAGES, events: SHORTCOMING_EVENTS },
  dispute: { stages: DISPUTE_STAGES, events: DISPUTE_EVENTS },
  information: { stages: INFORMATION_STAGES, events: INFORMATION_EVENTS },
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
    expect(caseStepsOpen("shortcoming", "planRequired", ["steering"])).toEqual(["notRemedied"]);
    expect(caseStepsOpen("dispute", "steering", ["party"])).toEqual(["requestRenegotiation", "referToCourt"]);
  });
});

describe("återkrav (000 §7)", () => {
  it.each([
    [false, 0, null],
    [false, 2, null],
    [true, 0, "case.reclaimNeedsExchange"],
    [true, 1, null],
  ] as const)("reclaim %s after %i written exchanges → %s", (reclaim, exchanges, expected) => {
    expect(reclaimRefusal(reclaim, exchanges)).toBe(expected);
  });
});
