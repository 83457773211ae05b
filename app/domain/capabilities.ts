import { isHeld, refusedStep, type DecisionKind, type Stage, type StepError } from "./decision";
import type { IsoDate } from "./iso-date";
import { isPast } from "./meeting-phase";
import { participatesOn } from "./participation";
import type { MemberRole } from "./representation";
import { passableTurns, turnAt, turnProblem, type Rotation, type RotationMoment, type TurnProblem } from "./rotation";
import { stockholmDate } from "./stockholm-date";

// What a user may do with a meeting and its minutes, and with a group's decisions, on a day: the one
// rule each page shows and its action asserts (decision 017). Realtime judges each edit with `minutesAccess` below.

export type MinutesStatus = "draft" | "for_approval" | "final";
export type MeetingStatus = "draft" | "noticed" | "cancelled";

export interface MeetingFacts {
  user: { id: string; isAdmin: boolean };
  /** The user's seat in the meeting's group, with the last day their party takes part; null for a non-member. */
  membership: { partyId: string; role: MemberRole; participatesUntil: IsoDate | null } | null;
  /** The party that convenes the group on the day (`convenerParty`: the agreement's, or the chair's or duty's turn). */
  convenerPartyId: string | null;
}

export interface MeetingState {
  status: MeetingStatus;
  startsAt: Date;
  endsAt: Date;
  minutes: { status: MinutesStatus; chairId: string | null; adjusters: readonly string[] };
}

/** Why an action is refused: `forbidden` for who the user is (403), the others for the state the meeting is in (409). */
export type Refusal =
  | "forbidden"
  | "meeting.isCancelled"
  | "meeting.alreadyNoticed"
  | "meeting.isPast"
  | "room.minutesFinal"
  | "agenda.locked"
  | "decision.notHeldYet"
  | "justering.notDraft"
  | "justering.notForApproval"
  | "justering.notFinal"
  | StepError
  | "decision.taskAlreadyDone"
  | "group.noRotation"
  | TurnProblem;
export type Verdict = true | Refusal;

export const MEETING_ACTIONS = [
  "view",
  "readMinutes",
  "writeMinutes",
  "edit",
  "sendNotice",
  "cancel",
  "changeAgenda",
  "proposeItem",
  "rsvp",
  "recordAttendance",
  "recordDecision",
  "recordForRoom",
  "sendForApproval",
  "approveMinutes",
  "correctMinutes",
] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];
export type MeetingCapabilities = Record<MeetingAction, Verdict>;

/** Acts for the convening party (not as an observer), or is a coordinator: convenes, changes and cancels meetings, chairs them. */
export function convenes(who: { isAdmin: boolean; membership: { partyId: string; role: MemberRole } | null; convenerPartyId: string | null }): boolean {
  const m = who.membership;
  return who.isAdmin || Boolean(m && m.role !== "observer" && m.partyId === who.convenerPartyId);
}

/** What live minutes need to know of a user besides the minutes' status (realtime asks this per edit). */
export interface MinutesFacts {
  isAdmin: boolean;
  /** The user's role in the meeting's group; null when not a member. */
  role: MemberRole | null;
  /** Convenes the group (`convenes`). */
  isChair: boolean;
  /** The user's party takes part on the meeting's day (decision 016). */
  takesPart: boolean;
}

export function minutesFacts(facts: MeetingFacts, meeting: Pick<MeetingState, "startsAt">): MinutesFacts {
  const m = facts.membership;
  return {
    isAdmin: facts.user.isAdmin,
    role: m?.role ?? null,
    isChair: convenes({ ...facts, isAdmin: facts.user.isAdmin }),
    takesPart: Boolean(m && participatesOn(m, stockholmDate(meeting.startsAt))),
  };
}

/**
 * Who may read and who may write a meeting's minutes. Drafts: every member with a say
 * (representatives and deputies of a party taking part on the meeting's day) writes, others read.
 * For approval: only the chair and the adjusters write. Final minutes are never edited again (a
 * correction is a new note).
 */
export function minutesAccess(a: MinutesFacts & { status: MinutesStatus; isAdjuster: boolean }): "write" | "read" | null {
  if (!a.isAdmin && a.role === null) return null;
  switch (a.status) {
    case "final":
      return "read";
    case "for_approval":
      return a.isAdmin || a.isChair || a.isAdjuster ? "write" : "read";
    case "draft":
      return a.isAdmin || (a.takesPart && (a.role === "representative" || a.role === "deputy")) ? "write" : "read";
  }
}

/** Refused for who the user is, else for the first state that does not hold, else allowed. */
function verdict(who: boolean, ...states: [holds: boolean, refusal: Refusal][]): Verdict {
  if (!who) return "forbidden";
  return states.find(([holds]) => !holds)?.[1] ?? true;
}

/**
 * Everything the user may do with the meeting at `now`. The convening party (or a coordinator)
 * manages it; members of a party taking part on the meeting's day propose items and answer;
 * the chair who sent the minutes and the adjusters approve them and their corrections.
 * Nothing but viewing is left once the meeting is cancelled, the agenda is fixed once the minutes
 * leave the draft (decision 015), and once it has ended a meeting is no longer answered, moved or
 * cancelled. From its start the chair records presence and positions for the room until the
 * minutes are final (decision 022).
 */
export function meetingCapabilities(facts: MeetingFacts, meeting: MeetingState, now: Date): MeetingCapabilities {
  const sees = facts.user.isAdmin || facts.membership !== null;
  const minutes = minutesFacts(facts, meeting);
  const chair = minutes.isChair;
  const approver = [meeting.minutes.chairId, ...meeting.minutes.adjusters].includes(facts.user.id);
  const write = minutesAccess({ ...minutes, status: meeting.minutes.status, isAdjuster: meeting.minutes.adjusters.includes(facts.user.id) });
  const open: [boolean, Refusal] = [meeting.status !== "cancelled", "meeting.isCancelled"];
  const agendaOpen: [boolean, Refusal] = [meeting.minutes.status === "draft", "agenda.locked"];
  const ahead: [boolean, Refusal] = [!isPast(meeting, now), "meeting.isPast"];
  const held: [boolean, Refusal] = [isHeld(meeting, now), "decision.notHeldYet"];
  return {
    view: verdict(sees),
    readMinutes: verdict(sees),
    writeMinutes: verdict(write === "write"),
    edit: verdict(chair, open, ahead),
    sendNotice: verdict(chair, open, [meeting.status === "draft", "meeting.alreadyNoticed"]),
    cancel: verdict(chair, open, ahead),
    changeAgenda: verdict(chair, open, agendaOpen),
    proposeItem: verdict(minutes.takesPart, open, agendaOpen),
    rsvp: verdict(minutes.takesPart, open, ahead),
    recordAttendance: verdict(chair, open),
    recordDecision: verdict(chair, open, held),
    recordForRoom: verdict(chair, open, held, [meeting.minutes.status !== "final", "room.minutesFinal"]),
    sendForApproval: verdict(chair, open, [meeting.minutes.status === "draft", "justering.notDraft"]),
    approveMinutes: verdict(approver, open, [meeting.minutes.status === "for_approval", "justering.notForApproval"]),
    correctMinutes: verdict(approver, open, [meeting.minutes.status === "final", "justering.notFinal"]),
  };
}

/** What deciding on a decision needs to know of a user, on the day they ask. */
export interface DecisionFacts extends MeetingFacts {
  /**
   * The party the user speaks for on the decision, with its last day: at a meeting the party they
   * were recorded present for, per capsulum their seat's; null when they speak for none (not
   * present, an observer, a coordinator).
   */
  speaksFor: { partyId: string; participatesUntil: IsoDate | null } | null;
}

export interface DecisionState {
  kind: DecisionKind;
  stage: Stage;
  /** The day the decision is judged on: its meeting's, or today for a proposal not yet recorded. */
  day: IsoDate;
  /** How many parties have stated a position. */
  positions: number;
}

export const DECISION_ACTIONS = ["view", "statePosition", "close", "recordPerCapsulum", "setReview", "addTask", "completeAnyTask"] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];
export type DecisionCapabilities = Record<DecisionAction, Verdict>;

const stepAllowed = (refused: StepError | null): [boolean, Refusal] => [refused === null, refused ?? "decision.closed"];

/**
 * Everything the user may do with a decision. A party states its position through someone with a
 * mandate who speaks for it (present at the meeting, or per capsulum from anywhere) while it takes
 * part on the decision's day (decision 016); the party convening the group today, or a coordinator,
 * closes the decision, records a proposal at a meeting and manages the follow-up.
 */
export function decisionCapabilities(facts: DecisionFacts, decision: DecisionState): DecisionCapabilities {
  const manages = convenes({ ...facts, isAdmin: facts.user.isAdmin });
  const speaks = facts.speaksFor !== null && participatesOn(facts.speaksFor, decision.day);
  return {
    view: verdict(facts.user.isAdmin || facts.membership !== null),
    statePosition: verdict(speaks, stepAllowed(refusedStep(decision.stage, "state", decision.positions))),
    close: verdict(manages, stepAllowed(refusedStep(decision.stage, "close", decision.positions))),
    recordPerCapsulum: verdict(manages, stepAllowed(refusedStep(decision.stage, "record", decision.positions))),
    setReview: verdict(manages),
    addTask: verdict(manages),
    completeAnyTask: verdict(manages),
  };
}

/** A follow-up task is marked done once, by its owner or by whoever manages the decision. */
export function completeTaskVerdict(can: DecisionCapabilities, userId: string, task: { ownerId: string; status: "open" | "done" }): Verdict {
  return verdict(can.completeAnyTask === true || task.ownerId === userId, [task.status === "open", "decision.taskAlreadyDone"]);
}

/** A group's rotation and where it stands on the day (`momentOf`); null before one is set. */
export type GroupState = { rotation: Rotation; at: RotationMoment } | null;

export const GROUP_ACTIONS = ["view", "convene", "proposePerCapsulum", "addMember", "setRotation", "setConvener", "skipTurn", "nameHolder"] as const;
export type GroupAction = (typeof GROUP_ACTIONS)[number];
export type GroupCapabilities = Record<GroupAction, Verdict>;

/** The party the user speaks for with mandate on `today`: a representative's, while it takes part. */
function representativeOf(facts: MeetingFacts, today: IsoDate): string | null {
  const m = facts.membership;
  return m && m.role === "representative" && participatesOn(m, today) ? m.partyId : null;
}

/**
 * Whether the user may pass over turn `turnIndex` now: the party holding the turn in force or the
 * next one gives it up through its representative (while it takes part), or a coordinator records
 * it; then only if the rotation allows that turn to be passed over (`turnProblem`).
 */
export function skipTurnVerdict(facts: MeetingFacts, group: GroupState, today: IsoDate, turnIndex: number): Verdict {
  const rep = representativeOf(facts, today);
  const turns = group ? passableTurns(group.rotation, group.at) : [];
  if (!facts.user.isAdmin && !turns.some((t) => t.partyId === rep)) return "forbidden";
  if (!group) return "group.noRotation";
  const problem = turnProblem(group.rotation, turnIndex, group.at);
  if (problem) return problem;
  return verdict(facts.user.isAdmin || turns.some((t) => t.index === turnIndex && t.partyId === rep));
}

/**
 * What the user may do in a group on `today`, before there is a meeting or a decision to ask about:
 * the party convening the group (or a coordinator) convenes a meeting and proposes a decision per
 * capsulum; a coordinator sets the members, the rotation and who convenes; the party holding a turn
 * (its representative, while it takes part) or a coordinator passes the turn on (`skipTurnVerdict`,
 * the current or the next) and names the person who holds the current one.
 */
export function groupCapabilities(facts: MeetingFacts, group: GroupState, today: IsoDate): GroupCapabilities {
  const convening = convenes({ ...facts, isAdmin: facts.user.isAdmin });
  const admin = facts.user.isAdmin;
  const skips = group ? passableTurns(group.rotation, group.at).map((t) => skipTurnVerdict(facts, group, today, t.index)) : [skipTurnVerdict(facts, group, today, 0)];
  const current = group ? turnAt(group.rotation, group.at) : null;
  return {
    view: verdict(admin || facts.membership !== null),
    convene: verdict(convening),
    proposePerCapsulum: verdict(convening),
    addMember: verdict(admin),
    setRotation: verdict(admin),
    setConvener: verdict(admin),
    skipTurn: skips.includes(true) ? true : (skips.find((v) => v !== "forbidden") ?? "forbidden"),
    nameHolder: verdict(admin || (current !== null && representativeOf(facts, today) === current.partyId), [current !== null, "group.noRotation"]),
  };
}
