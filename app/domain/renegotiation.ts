import type { Step } from "./case-steps";

// 003 and 000 §10: either party may ask for renegotiation at any time, without a dispute first;
// the request goes on the steering group's next agenda, and the group concludes it (by an
// amendment, or by leaving the agreement as it is).
export const RENEGOTIATION_STAGES = ["requested", "concluded"] as const;
export type RenegotiationStage = (typeof RENEGOTIATION_STAGES)[number];
export const RENEGOTIATION_EVENTS = ["conclude"] as const;
export type RenegotiationEvent = (typeof RENEGOTIATION_EVENTS)[number];
export const RENEGOTIATION_STEPS: readonly Step<RenegotiationStage, RenegotiationEvent>[] = [{ event: "conclude", from: ["requested"], to: "concluded", by: ["steering"] }];
export const RENEGOTIATION_CLOSED: readonly RenegotiationStage[] = ["concluded"];
