import type { Step } from "./case-steps";
import type { IsoDate } from "./iso-date";

// 004 §5.4: a shortcoming is discussed in the steering group, which may require an action plan
// from the party by a date, accept it or send it back, follow it up, and close the case as
// remedied — or, if not remedied, terminate the party's participation and decide on
// reclaiming funds (återkrav) after a written exchange (004 §5.4; 000 §7 repays unused grants).

export const SHORTCOMING_STAGES = ["reported", "dialogue", "planRequired", "planSubmitted", "followUp", "notRemedied", "remedied", "terminated"] as const;
export type ShortcomingStage = (typeof SHORTCOMING_STAGES)[number];

export const SHORTCOMING_EVENTS = [
  "discuss",
  "requirePlan",
  "submitPlan",
  "acceptPlan",
  "returnPlan",
  "recordProgress",
  "remedied",
  "notRemedied",
  "writtenExchange",
  "terminate",
] as const;
export type ShortcomingEvent = (typeof SHORTCOMING_EVENTS)[number];

export const SHORTCOMING_STEPS: readonly Step<ShortcomingStage, ShortcomingEvent>[] = [
  { event: "discuss", from: ["reported"], to: "dialogue", by: ["steering"] },
  { event: "requirePlan", from: ["reported", "dialogue"], to: "planRequired", by: ["steering"] },
  { event: "submitPlan", from: ["planRequired"], to: "planSubmitted", by: ["responsible"] },
  { event: "acceptPlan", from: ["planSubmitted"], to: "followUp", by: ["steering"] },
  { event: "returnPlan", from: ["planSubmitted"], to: "planRequired", by: ["steering"] },
  { event: "recordProgress", from: ["followUp"], to: "same", by: ["responsible", "steering"] },
  { event: "remedied", from: ["dialogue", "followUp", "notRemedied"], to: "remedied", by: ["steering"] },
  // From planRequired only once the plan is overdue (shortcomingRefusal).
  { event: "notRemedied", from: ["planRequired", "followUp"], to: "notRemedied", by: ["steering"] },
  { event: "writtenExchange", from: ["notRemedied"], to: "same", by: ["responsible", "steering"] },
  { event: "terminate", from: ["planRequired", "notRemedied"], to: "terminated", by: ["steering"] },
];

export const SHORTCOMING_CLOSED: readonly ShortcomingStage[] = ["remedied", "terminated"];

export interface ShortcomingFacts {
  /** The day of the step: the steering meeting's. */
  on: IsoDate;
  stage: ShortcomingStage;
  /** The action plan's due date, once one was required. */
  planDueOn: IsoDate | null;
  concernsSector: "public" | "idea" | null;
  writtenExchanges: number;
}

export type ShortcomingRefusal =
  | "case.planDueRequired"
  | "case.planDuePast"
  | "case.notRemediedBeforeDue"
  | "case.terminateBeforeDue"
  | "case.reclaimRequired"
  | "case.reclaimOnlyIdea"
  | "case.reclaimNeedsExchange";

/**
 * What 004 §5.4 asks of a step besides being the steering group's: a plan's due date not
 * before the meeting; "not remedied" or termination without a plan only once it is overdue;
 * funds reclaimed only by the city from an idea-based party after a written exchange (004 §5.4).
 */
export function shortcomingRefusal(
  event: ShortcomingEvent,
  facts: ShortcomingFacts,
  input: { planDueOn?: IsoDate | null; reclaim?: "yes" | "no" },
): ShortcomingRefusal | null {
  const overdue = facts.planDueOn !== null && facts.on > facts.planDueOn;
  switch (event) {
    case "requirePlan":
      if (!input.planDueOn) return "case.planDueRequired";
      return input.planDueOn < facts.on ? "case.planDuePast" : null;
    case "notRemedied":
      return facts.stage === "planRequired" && !overdue ? "case.notRemediedBeforeDue" : null;
    case "terminate":
      if (facts.stage === "planRequired" && !overdue) return "case.terminateBeforeDue";
      if (!input.reclaim) return "case.reclaimRequired";
      if (input.reclaim === "no") return null;
      // The city pays, so only it reclaims, and only from an idea-based party (004 §5.4 Återkrav).
      if (facts.concernsSector !== "idea") return "case.reclaimOnlyIdea";
      return facts.writtenExchanges === 0 ? "case.reclaimNeedsExchange" : null;
  }
  return null;
}
