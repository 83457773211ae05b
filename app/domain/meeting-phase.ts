import type { MeetingStatus, MinutesStatus } from "./capabilities";

// Where a meeting stands is derived, not stored: from its stored status (draft, noticed, cancelled),
// its times and its minutes' status, at `now` (decision 022). Nobody has to remember to move it on.

/** The status a meeting shows: draft → convened → held → minutes for approval → final; cancelled stays. */
export type MeetingStage = "draft" | "convened" | "held" | "for_approval" | "final" | "cancelled";

/** The page's three parts: before, during and after the meeting. */
export const PHASES = ["fore", "under", "efter"] as const;
export type MeetingPhase = (typeof PHASES)[number];

export interface MeetingTimes {
  status: MeetingStatus;
  startsAt: Date;
  endsAt: Date;
  minutesStatus: MinutesStatus;
}

export function meetingStage(m: MeetingTimes, now: Date): MeetingStage {
  if (m.status === "cancelled" || m.status === "draft") return m.status;
  if (m.minutesStatus !== "draft") return m.minutesStatus;
  return isPast(m, now) ? "held" : "convened";
}

/** The meeting has ended: nothing left to answer, move or cancel. */
export function isPast(m: Pick<MeetingTimes, "endsAt">, now: Date): boolean {
  return m.endsAt.getTime() <= now.getTime();
}

/**
 * The phase the page opens on: before the start *Före*; from the start until the minutes are sent
 * for approval *Under*; then *Efter*. A cancelled or never-convened meeting stays in *Före*.
 */
export function meetingPhase(m: MeetingTimes, now: Date): MeetingPhase {
  const stage = meetingStage(m, now);
  if (stage === "cancelled" || stage === "draft") return "fore";
  if (stage === "for_approval" || stage === "final") return "efter";
  return m.startsAt.getTime() <= now.getTime() ? "under" : "fore";
}

/** A `?fas=` value, or null when it names no phase. */
export function parsePhase(value: string | null): MeetingPhase | null {
  return (PHASES as readonly string[]).includes(value ?? "") ? (value as MeetingPhase) : null;
}
