import type { Step } from "./case-steps";

// 004 §5.4: a shortcoming is discussed in the steering group, which may require an action plan
// from the party by a date, accept it or send it back, follow it up, and close the case as
// remedied — or, if not remedied, terminate the party's participation and decide on
// reclaiming funds (återkrav) after a written exchange (000 §7).

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
  { event: "notRemedied", from: ["planRequired", "followUp"], to: "notRemedied", by: ["steering"] },
  { event: "writtenExchange", from: ["notRemedied"], to: "same", by: ["responsible", "steering"] },
  { event: "terminate", from: ["notRemedied"], to: "terminated", by: ["steering"] },
];

export const SHORTCOMING_CLOSED: readonly ShortcomingStage[] = ["remedied", "terminated"];

/** Funds are reclaimed only after a written exchange with the party is recorded in the case (000 §7). */
export function reclaimRefusal(reclaim: boolean, writtenExchanges: number): "case.reclaimNeedsExchange" | null {
  return reclaim && writtenExchanges === 0 ? "case.reclaimNeedsExchange" : null;
}
