// Decision register (004 §3.1, §3.4). A steering group decides unanimously: every party of the
// partnership represented with mandate and agreeing. A cooperation group decides by consensus of
// those present. Between meetings the steering group may decide per capsulum on the chair's
// proposal; each party answers in writing and the decision is recorded at the next meeting.

export type Position = "agree" | "object" | "abstain";
export type GroupKind = "steering" | "cooperation";
export type DecisionKind = "meeting" | "per_capsulum";
export type DecisionStatus = "open" | "adopted" | "not_adopted";

/** Where a decision stands: `proposed` is a per capsulum proposal not yet recorded at a meeting. */
export type Stage = "open" | "proposed" | "adopted" | "not_adopted";
export type DecisionEvent = "state" | "close" | "record";
export type StepError = "decision.closed" | "decision.recordAtMeeting" | "decision.notPerCapsulum" | "decision.noPositions";

export function stageOf(d: { kind: DecisionKind; status: DecisionStatus; meetingId: string | null }): Stage {
  if (d.status !== "open") return d.status;
  return d.kind === "per_capsulum" && !d.meetingId ? "proposed" : "open";
}

/**
 * Whether `event` may happen at `stage`; null when allowed, else the reason.
 * Positions are stated while open or proposed; a meeting decision is closed, a proposal is
 * recorded (which closes it) once at least one party has answered.
 */
export function refusedStep(stage: Stage, event: DecisionEvent, positions: number): StepError | null {
  if (stage === "adopted" || stage === "not_adopted") return "decision.closed";
  if (event === "state") return null;
  if (event === "close") return stage === "open" ? null : "decision.recordAtMeeting";
  if (stage !== "proposed") return "decision.notPerCapsulum";
  return positions > 0 ? null : "decision.noPositions";
}

export interface Outcome {
  status: "adopted" | "not_adopted";
  /** Parties whose consent is missing: not represented with mandate, or silent. */
  missing: string[];
  objecting: string[];
}

/**
 * Unanimity: adopted only when every party is represented and agrees. `represented` is the
 * parties there with mandate; for a decision per capsulum every party counts as represented
 * by its written answer, so pass all parties.
 */
export function unanimity(parties: string[], represented: ReadonlySet<string>, positions: ReadonlyMap<string, Position>): Outcome {
  const missing = parties.filter((p) => !represented.has(p) || !positions.has(p));
  const objecting = parties.filter((p) => positions.get(p) === "object");
  const adopted = parties.length > 0 && parties.every((p) => represented.has(p) && positions.get(p) === "agree");
  return { status: adopted ? "adopted" : "not_adopted", missing, objecting };
}

/** Consensus of those present: no present party objects and at least one agrees. */
export function consensus(present: ReadonlySet<string>, positions: ReadonlyMap<string, Position>): Outcome {
  const stated = [...positions].filter(([party]) => present.has(party));
  const objecting = stated.filter(([, p]) => p === "object").map(([party]) => party);
  const adopted = objecting.length === 0 && stated.some(([, p]) => p === "agree");
  return { status: adopted ? "adopted" : "not_adopted", missing: [], objecting };
}

/** The rule the group decides by, applied to what was stated. */
export function outcomeOf(
  group: GroupKind,
  kind: DecisionKind,
  parties: string[],
  mandated: ReadonlySet<string>,
  positions: ReadonlyMap<string, Position>,
): Outcome {
  if (kind === "per_capsulum") return unanimity(parties, new Set(parties), positions);
  return group === "steering" ? unanimity(parties, mandated, positions) : consensus(mandated, positions);
}

/** A meeting is held once it has started and was not cancelled. */
export function isHeld(meeting: { status: string; startsAt: Date }, now: Date): boolean {
  return meeting.status !== "cancelled" && meeting.startsAt.getTime() <= now.getTime();
}

/** The register's label, e.g. "SG 2026 § 7" (styrgrupp) or "SVG 2026 § 3" (samverkansgrupp). */
export function decisionLabel(group: GroupKind, year: number, number: number): string {
  return `${group === "steering" ? "SG" : "SVG"} ${year} § ${number}`;
}
