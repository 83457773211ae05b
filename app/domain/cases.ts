import { CASE_ACTORS, takeStep, stepsOpen, type CaseActor, type Step } from "./case-steps";
import { DISPUTE_CLOSED, DISPUTE_STEPS } from "./dispute";
import { INFORMATION_CLOSED, INFORMATION_STEPS } from "./information";
import { RENEGOTIATION_CLOSED, RENEGOTIATION_STEPS } from "./renegotiation";
import { SHORTCOMING_CLOSED, SHORTCOMING_STEPS } from "./shortcoming";

export type CaseKind = "shortcoming" | "dispute" | "information" | "renegotiation";

interface Machine {
  initial: string;
  steps: readonly Step<string, string>[];
  closed: readonly string[];
}

/** Each kind of case: the stage it starts in, its steps, and the stages that end it. */
export const CASE_MACHINES: Record<CaseKind, Machine> = {
  shortcoming: { initial: "reported", steps: SHORTCOMING_STEPS, closed: SHORTCOMING_CLOSED },
  dispute: { initial: "raised", steps: DISPUTE_STEPS, closed: DISPUTE_CLOSED },
  information: { initial: "reported", steps: INFORMATION_STEPS, closed: INFORMATION_CLOSED },
  renegotiation: { initial: "requested", steps: RENEGOTIATION_STEPS, closed: RENEGOTIATION_CLOSED },
};

export const caseStep = (kind: CaseKind, stage: string, event: string, actors: readonly CaseActor[]) => takeStep(CASE_MACHINES[kind].steps, stage, event, actors);
/** The stage `event` takes the case to from `stage`, whoever takes it; null when the procedure has no such step there. */
export function stageAfter(kind: CaseKind, stage: string, event: string): string | null {
  const step = caseStep(kind, stage, event, CASE_ACTORS);
  return step.ok ? step.to : null;
}
export const caseStepsOpen = (kind: CaseKind, stage: string, actors: readonly CaseActor[]) => stepsOpen(CASE_MACHINES[kind].steps, stage, actors);
export const isClosed = (kind: CaseKind, stage: string) => CASE_MACHINES[kind].closed.includes(stage);

/** Steps that are the steering group's decisions: they need a held steering meeting. */
export const isSteeringStep = (kind: CaseKind, event: string) =>
  CASE_MACHINES[kind].steps.some((s) => s.event === event && s.by.length === 1 && s.by[0] === "steering");

/** Every closed stage as "kind:stage", for filtering open cases in the database. */
export const CLOSED_CASE_KEYS = (Object.keys(CASE_MACHINES) as CaseKind[]).flatMap((kind) => CASE_MACHINES[kind].closed.map((stage) => `${kind}:${stage}`));

/** The date the case waits for: the action plan while it is due, then the plan's earliest open action. */
export function nextDeadline(c: { stage: string; planDueOn: string | null; nextActionDue: string | null }): string | null {
  if (c.stage === "planRequired") return c.planDueOn;
  if (c.stage === "followUp") return c.nextActionDue;
  return null;
}

/** Open cases in the order they need attention: the soonest deadline first, those waiting for no date last. */
export function byDeadline<T extends { deadline: string | null; title: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    if (a.deadline !== b.deadline) return a.deadline === null ? 1 : b.deadline === null ? -1 : a.deadline.localeCompare(b.deadline);
    return a.title.localeCompare(b.title, "sv");
  });
}

/** Whether the date a case waits for has passed (the day itself still counts as on time). */
export const isOverdue = (deadline: string | null, today: string) => deadline !== null && deadline < today;

/** The earliest due date among a plan's actions not yet done; null when none is open. */
export const earliestOpenDue = (actions: readonly { dueOn: string; done: boolean }[]): string | null =>
  actions.filter((a) => !a.done).reduce<string | null>((min, a) => (min === null || a.dueOn < min ? a.dueOn : min), null);
