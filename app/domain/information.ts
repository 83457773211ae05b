import type { Step } from "./case-steps";

// 004 §5.7: a party tells the steering group of changed circumstances; the group discusses
// whether the partnership can continue.
export const INFORMATION_STAGES = ["reported", "discussed"] as const;
export type InformationStage = (typeof INFORMATION_STAGES)[number];
export const INFORMATION_EVENTS = ["discuss"] as const;
export type InformationEvent = (typeof INFORMATION_EVENTS)[number];
export const INFORMATION_STEPS: readonly Step<InformationStage, InformationEvent>[] = [{ event: "discuss", from: ["reported"], to: "discussed", by: ["steering"] }];
export const INFORMATION_CLOSED: readonly InformationStage[] = ["discussed"];
