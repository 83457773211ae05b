// Shortcomings, disputes and reported changes are small state machines. Every step names who
// may take it: the steering group (a decision at a held meeting, recorded by its chair or the
// coordinator), the party the case concerns (a submission), or any party of the partnership.

import type { IsoDate } from "./iso-date";

export const CASE_ACTORS = ["steering", "responsible", "party"] as const;
export type CaseActor = (typeof CASE_ACTORS)[number];

export interface Step<S extends string, E extends string> {
  event: E;
  from: readonly S[];
  to: S | "same";
  by: readonly CaseActor[];
}

export type StepRefusal = "case.stepNotNow" | "case.stepNotYours";

/** The stage after `event`, or why it is refused: not possible in this stage, or not this actor's step. */
export function takeStep<S extends string, E extends string>(
  steps: readonly Step<S, E>[],
  stage: S,
  event: E,
  actors: readonly CaseActor[],
): { ok: true; to: S; step: Step<S, E> } | { ok: false; error: StepRefusal } {
  const step = steps.find((s) => s.event === event && s.from.includes(stage));
  if (!step) return { ok: false, error: "case.stepNotNow" };
  if (!step.by.some((a) => actors.includes(a))) return { ok: false, error: "case.stepNotYours" };
  return { ok: true, to: step.to === "same" ? stage : step.to, step };
}

/**
 * Whether these actors may take `event` now: a step the procedure gives none of them (in this
 * stage, or in any) is `forbidden` for who they are; one of theirs that this stage does not offer
 * is refused for the case's stage.
 */
export function stepVerdict<S extends string, E extends string>(steps: readonly Step<S, E>[], stage: S, event: E, actors: readonly CaseActor[]): true | "forbidden" | "case.stepNotNow" {
  const taken = takeStep(steps, stage, event, actors);
  if (taken.ok) return true;
  const ever = steps.some((s) => s.event === event && s.by.some((a) => actors.includes(a)));
  return taken.error === "case.stepNotNow" && ever ? "case.stepNotNow" : "forbidden";
}

/** The steps open to these actors in this stage, in table order (for offering only what is allowed). */
export function stepsOpen<S extends string, E extends string>(steps: readonly Step<S, E>[], stage: S, actors: readonly CaseActor[]): E[] {
  return steps.filter((s) => s.from.includes(stage) && s.by.some((a) => actors.includes(a))).map((s) => s.event);
}

/** What a steering step is recorded from: a meeting of the steering group and a decision in its register. */
export interface SteeringGround {
  /** Null when no meeting of this steering group was given. */
  meeting: { held: boolean; on: IsoDate } | null;
  /** Null when no decision was given. */
  decision: { atMeeting: boolean; adopted: boolean } | null;
}

export type GroundRefusal = "case.meetingRequired" | "case.meetingBeforeCase" | "case.decisionRequired" | "case.decisionInvalid" | "case.decisionNotAdopted";

/**
 * A steering step stands on an adopted decision at a held meeting on or after the day the case
 * was reported; the step then dates from the meeting. Null when it does.
 */
export function groundRefusal(ground: SteeringGround, reportedOn: IsoDate): GroundRefusal | null {
  if (!ground.meeting?.held) return "case.meetingRequired";
  if (ground.meeting.on < reportedOn) return "case.meetingBeforeCase";
  if (!ground.decision) return "case.decisionRequired";
  if (!ground.decision.atMeeting) return "case.decisionInvalid";
  return ground.decision.adopted ? null : "case.decisionNotAdopted";
}
