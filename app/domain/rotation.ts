import { addDaysIso, addMonthsIso, assertIsoDate, type IsoDate } from "./iso-date";
import { participatesOn, type Participant } from "./participation";

// Who holds a rotating duty: the steering group's chair (§3.1) or the cooperation group's
// documentation duty (§3.4). The term length is decided by the group, in months or in meetings.

export type RotationTerm = { unit: "months"; length: number } | { unit: "meetings"; length: number };
export interface RotationOverride {
  turnIndex: number;
  reason: string;
}
export interface Rotation {
  order: string[];
  startsOn: IsoDate;
  term: RotationTerm;
  overrides: RotationOverride[];
  /** Parties whose participation ends (listed with their last day); the others take part throughout. */
  participants?: readonly Participant[];
}
export interface Turn {
  index: number;
  partyId: string;
  from: IsoDate | null;
  to: IsoDate | null;
  fromMeeting: number | null;
  toMeeting: number | null;
  skipped: { partyId: string; reason: string }[];
}

function check(rotation: Rotation, unit: RotationTerm["unit"]): void {
  const { order, term, overrides } = rotation;
  if (term.unit !== unit) throw new RangeError(`Rotation counts ${term.unit}, not ${unit}`);
  if (order.length === 0) throw new RangeError("Rotation has no parties");
  if (!Number.isInteger(term.length) || term.length < 1) throw new RangeError("Rotation term must be a whole number ≥ 1");
  assertIsoDate(rotation.startsOn);
  for (const { turnIndex } of overrides) {
    if (!Number.isInteger(turnIndex) || turnIndex < 0) throw new RangeError(`Bad override turn index: ${turnIndex}`);
    if (overrides.filter((o) => o.turnIndex === turnIndex).length >= order.length) {
      throw new RangeError(`Override skips every party at turn ${turnIndex}`);
    }
  }
}

/**
 * Returns a function yielding turn 0, 1, 2, … in sequence.
 *
 * Holders walk `order` cyclically. Each override at a turn passes over the party whose turn it
 * would be; the next party in order takes the turn and the walk continues from that party. A
 * skipped party therefore gets no turn back: it waits until the order comes round to it again.
 * A party that no longer takes part on the turn's day (`dayOf`) is passed over the same way.
 * Turn k covers months [startsOn + k·length, startsOn + (k+1)·length − 1 day], each bound counted
 * from startsOn so month ends don't drift, or meetings [k·length + 1, (k+1)·length].
 */
function walk(rotation: Rotation, dayOf: (from: IsoDate | null, to: IsoDate | null) => IsoDate | null): () => Turn {
  const { order, startsOn, term, overrides, participants = [] } = rotation;
  let index = 0;
  let position = 0;
  const takesPart = (partyId: string, day: IsoDate | null) =>
    day === null || participants.every((p) => p.id !== partyId || participatesOn(p, day));
  const nextParty = (day: IsoDate | null) => {
    const offset = order.findIndex((_, k) => takesPart(order[(position + k) % order.length], day));
    // When nobody takes part any more (the agreement has ended) the order stands as it is.
    position += Math.max(offset, 0);
    return order[position++ % order.length];
  };
  return () => {
    const byMonths = term.unit === "months";
    const from = byMonths ? addMonthsIso(startsOn, index * term.length) : null;
    const to = byMonths ? addDaysIso(addMonthsIso(startsOn, (index + 1) * term.length), -1) : null;
    const day = dayOf(from, to);
    const skipped = overrides
      .filter((o) => o.turnIndex === index)
      .map(({ reason }) => ({ partyId: nextParty(day), reason }));
    const turn: Turn = {
      index,
      partyId: nextParty(day),
      from,
      to,
      fromMeeting: byMonths ? null : index * term.length + 1,
      toMeeting: byMonths ? null : (index + 1) * term.length,
      skipped,
    };
    index++;
    return turn;
  };
}

/**
 * The day a months turn's holder must take part on, asked on `on`: a past turn's last day, the
 * current turn's `on` (a party leaving mid-term hands the rest of it on), a later turn's first day.
 */
const dayWithin = (on: IsoDate) => (from: IsoDate | null, to: IsoDate | null) =>
  on < from! ? from : on > to! ? to : on;

/** For unit "months": the turn in force on a date (null before startsOn). */
export function turnOnDate(rotation: Rotation, on: IsoDate): Turn | null {
  check(rotation, "months");
  assertIsoDate(on);
  if (on < rotation.startsOn) return null;
  const next = walk(rotation, dayWithin(on));
  let turn = next();
  while ((turn.to as IsoDate) < on) turn = next();
  return turn;
}

/**
 * For unit "meetings": the turn for the n-th meeting (1-based, counting meetings held since the
 * rotation started); parties that no longer take part on `on` are passed over.
 */
export function turnForMeeting(rotation: Rotation, meetingNumber: number, on: IsoDate | null = null): Turn {
  check(rotation, "meetings");
  if (!Number.isInteger(meetingNumber) || meetingNumber < 1) throw new RangeError(`Bad meeting number: ${meetingNumber}`);
  const next = walk(rotation, () => on);
  let turn = next();
  while ((turn.toMeeting as number) < meetingNumber) turn = next();
  return turn;
}

/** Where a rotation stands: a day (terms in months) or the number of the next meeting (terms in meetings) on a day. */
export type RotationMoment = { on: IsoDate } | { meetingNumber: number; on?: IsoDate };

/** The next `count` handovers after `on` (months) or after meeting `meetingNumber` (meetings), each a Turn. */
export function upcomingTurns(rotation: Rotation, after: RotationMoment, count: number): Turn[] {
  let startsLater: (turn: Turn) => boolean;
  let next: () => Turn;
  if (!("meetingNumber" in after)) {
    check(rotation, "months");
    assertIsoDate(after.on);
    startsLater = (turn) => (turn.from as IsoDate) > after.on;
    next = walk(rotation, dayWithin(after.on));
  } else {
    check(rotation, "meetings");
    startsLater = (turn) => (turn.fromMeeting as number) > after.meetingNumber;
    next = walk(rotation, () => after.on ?? null);
  }
  let turn = next();
  while (!startsLater(turn)) turn = next();
  return Array.from({ length: Math.max(0, count) }, (_, i) => (i === 0 ? turn : next()));
}

/** The turn in force at a moment (null before a rotation in months has started). */
export function turnAt(rotation: Rotation, at: RotationMoment): Turn | null {
  return "meetingNumber" in at ? turnForMeeting(rotation, at.meetingNumber, at.on) : turnOnDate(rotation, at.on);
}

export type OverrideProblem = TurnProblem | "rotation.overrideNotHolder";

/** What in the rotation's state refuses passing over a turn, whoever asks. */
export type TurnProblem = "rotation.overridePast" | "rotation.overrideTooFar" | "rotation.overrideTaken" | "rotation.overrideLaterTaken";

/** The turns that may be passed over at `at`: the one in force (none before a rotation in months starts) and the next. */
export function passableTurns(rotation: Rotation, at: RotationMoment): Turn[] {
  const current = turnAt(rotation, at);
  const [next] = upcomingTurns(rotation, at, 1);
  return current ? [current, next] : [next];
}

/**
 * Whether turn `turnIndex` may be passed over at the moment `at`, whoever asks. Only the turn in
 * force or the next one: a past turn is the record of who held it, and a later one would let
 * today's holder decide whose turns come when. Each turn is passed over at most once: the party
 * it goes to holds it. An override names a turn, not a party, so none goes before one already
 * recorded: that would move the later one onto another party.
 */
export function turnProblem(rotation: Rotation, turnIndex: number, at: RotationMoment): TurnProblem | null {
  const turns = passableTurns(rotation, at);
  if (turnIndex < turns[0].index) return "rotation.overridePast";
  if (turnIndex > turns[turns.length - 1].index) return "rotation.overrideTooFar";
  if (rotation.overrides.some((o) => o.turnIndex === turnIndex)) return "rotation.overrideTaken";
  if (rotation.overrides.some((o) => o.turnIndex > turnIndex)) return "rotation.overrideLaterTaken";
  return null;
}

/**
 * Whether the party whose turn `turnIndex` is may be passed over at the moment `at`, at the request
 * of `by` (`turnProblem`): the turn is given up by its own party (its representative) or recorded
 * by a coordinator, never by another party.
 */
export function overrideProblem(
  rotation: Rotation,
  turnIndex: number,
  by: { coordinator: boolean; representativeOf: string | null },
  at: RotationMoment,
): OverrideProblem | null {
  const problem = turnProblem(rotation, turnIndex, at);
  if (problem) return problem;
  const holder = passableTurns(rotation, at).find((t) => t.index === turnIndex)!.partyId;
  if (!by.coordinator && by.representativeOf !== holder) return "rotation.overrideNotHolder";
  return null;
}
