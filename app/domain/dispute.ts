import type { Step } from "./case-steps";

// 004 §5.8, 000 §10: disagreement is first a dialogue between the parties; the steering group
// makes sure dialogue and renegotiation happen when a party asks; secondarily a court.

export const DISPUTE_STAGES = ["raised", "dialogue", "steering", "renegotiation", "resolved", "court"] as const;
export type DisputeStage = (typeof DISPUTE_STAGES)[number];

export const DISPUTE_EVENTS = ["startDialogue", "referToSteering", "requestRenegotiation", "resolve", "referToCourt"] as const;
export type DisputeEvent = (typeof DISPUTE_EVENTS)[number];

export const DISPUTE_STEPS: readonly Step<DisputeStage, DisputeEvent>[] = [
  { event: "startDialogue", from: ["raised"], to: "dialogue", by: ["party"] },
  { event: "referToSteering", from: ["raised", "dialogue"], to: "steering", by: ["party"] },
  // Any party may ask; the chair must then put it on the agenda (done with the step).
  { event: "requestRenegotiation", from: ["dialogue", "steering"], to: "renegotiation", by: ["party"] },
  { event: "resolve", from: ["dialogue", "steering", "renegotiation"], to: "resolved", by: ["steering"] },
  { event: "referToCourt", from: ["steering", "renegotiation"], to: "court", by: ["party"] },
];

export const DISPUTE_CLOSED: readonly DisputeStage[] = ["resolved", "court"];
