import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { prepared } from "../../db/prepared";
import {
  groupMembers,
  groups,
  organisations,
  parties,
  partnerships,
  rotationOverrides,
  turnHolders,
  users,
  type GroupKind,
  type MemberRole,
} from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { checkRepresentation } from "../domain/representation";
import type { Participant } from "../domain/participation";
import { turnAt, turnProblem, type Rotation, type RotationMoment, type RotationOverride, type Turn } from "../domain/rotation";
import { stockholmDate } from "../domain/stockholm-date";
import { audit } from "./audit.server";
import { conflict, invalid, ok, type Result } from "./result";

type GroupRow = typeof groups.$inferSelect;

/** The group's rotation; `participants` say until when parties take part (those that leave are passed over). */
export function rotationOf(group: GroupRow, overrides: { turnIndex: number; reason: string }[], participants: readonly Participant[]): Rotation | null {
  if (!group.rotationOrder?.length || !group.rotationStartsOn || !group.rotationUnit || !group.rotationLength) return null;
  return {
    order: group.rotationOrder,
    startsOn: group.rotationStartsOn,
    term: { unit: group.rotationUnit, length: group.rotationLength },
    overrides,
    participants,
  };
}

/** Where the rotation stands now: today, or the number of the next meeting today for meeting-counted terms. */
export function momentOf(rotation: Rotation, today: string, meetingsHeld: number): RotationMoment {
  return rotation.term.unit === "months" ? { on: today } : { meetingNumber: meetingsHeld + 1, on: today };
}

export interface Holder {
  turn: Turn;
  partyId: string;
  person: { id: string; name: string } | null;
}

/** A group's rotation where it stands now, with the person holding the turn in force and the persons named for turns. */
export interface RotationNow {
  rotation: Rotation;
  at: RotationMoment;
  holder: Holder | null;
  named: { turnIndex: number; userId: string; name: string }[];
}

/**
 * What a group's rotation stands on beside its row: overrides, named persons, meetings held before
 * `now` since the rotation began, its partnership's leaving parties. Correlated subqueries, so the
 * query that reads the groups reads these too, in one statement however many groups.
 */
export const rotationColumns = {
  overrides: sql<RotationOverride[]>`coalesce((select json_agg(json_build_object('turnIndex', o.turn_index, 'reason', o.reason) order by o.turn_index)
    from rotation_overrides o where o.group_id = groups.id), '[]')`,
  named: sql<RotationNow["named"]>`coalesce((select json_agg(json_build_object('turnIndex', h.turn_index, 'userId', u.id, 'name', u.name) order by h.turn_index)
    from turn_holders h inner join users u on u.id = h.user_id where h.group_id = groups.id), '[]')`,
  held: sql<number>`(select count(*)::int from meetings m where m.group_id = groups.id and m.status <> 'cancelled'
    and m.starts_at < ${sql.placeholder("now")}::timestamptz and m.starts_at >= groups.rotation_starts_on::date)`,
  // effective_on is a date: json renders it as the same YYYY-MM-DD string drizzle gives.
  leaving: sql<Participant[]>`coalesce((select json_agg(json_build_object('id', t.party_id, 'participatesUntil', t.effective_on))
    from terminations t where t.partnership_id = groups.partnership_id), '[]')`,
};
export type RotationFacts = { [K in keyof typeof rotationColumns]: (typeof rotationColumns)[K]["_"]["type"] };

const rotationFacts = prepared((db) =>
  db
    .select({ id: groups.id, ...rotationColumns })
    .from(groups)
    .where(sql`${groups.id} = any(${sql.placeholder("ids")}::uuid[])`)
    .prepare("group_rotations"),
);

/** The group's rotation where it stands `today` (`rotationOf`, `momentOf`) from its `rotationColumns`; null without one. */
export function rotationNow(group: GroupRow, facts: RotationFacts, today: string): RotationNow | null {
  const rotation = rotationOf(group, facts.overrides, facts.leaving);
  if (!rotation) return null;
  const at = momentOf(rotation, today, facts.held);
  const turn = turnAt(rotation, at);
  const person = turn && facts.named.find((n) => n.turnIndex === turn.index);
  const holder = turn && { turn, partyId: turn.partyId, person: person ? { id: person.userId, name: person.name } : null };
  return { rotation, at, holder, named: facts.named };
}

/** The rotation of each group where it stands now, in one query however many groups. */
export async function rotationsFor(db: Db, groupRows: GroupRow[], today: string, now = new Date()): Promise<Map<string, RotationNow>> {
  const ids = groupRows.filter((g) => g.rotationOrder?.length).map((g) => g.id);
  if (!ids.length) return new Map();
  const facts = new Map((await rotationFacts(db).execute({ ids, now: now.toISOString() })).map((f) => [f.id, f]));
  return rotationsOf(
    groupRows.flatMap((group) => {
      const f = facts.get(group.id);
      return f ? [{ group, ...f }] : [];
    }),
    today,
  );
}

function rotationsOf(rows: (RotationFacts & { group: GroupRow })[], today: string): Map<string, RotationNow> {
  return new Map(
    rows.flatMap(({ group, ...facts }) => {
      const where = rotationNow(group, facts, today);
      return where ? [[group.id, where] as const] : [];
    }),
  );
}

const groupsOfPartnership = prepared((db) =>
  db
    .select({ group: groups, ...rotationColumns })
    .from(groups)
    .where(eq(groups.partnershipId, sql.placeholder("partnershipId")))
    .orderBy(asc(groups.kind), asc(groups.name))
    .prepare("groups_of_partnership"),
);

/** The partnership's groups (by kind and name) with each one's rotation where it stands now, in one query. */
export async function groupsWithRotations(db: Db, partnershipId: string, today: string, now = new Date()) {
  const rows = await groupsOfPartnership(db).execute({ partnershipId, now: now.toISOString() });
  return { groups: rows.map((r) => r.group), rotations: rotationsOf(rows, today) };
}

/** The current chair (or documentation holder) of each group (`rotationsFor`). */
export async function holdersFor(db: Db, groupRows: GroupRow[], today: string, now = new Date()): Promise<Map<string, Holder>> {
  return holdersIn(await rotationsFor(db, groupRows, today, now));
}

/** The holder of each rotation that has one. */
export function holdersIn(rotations: Map<string, RotationNow>): Map<string, Holder> {
  return new Map([...rotations].flatMap(([id, r]) => (r.holder ? [[id, r.holder] as const] : [])));
}

/** The ids of the partnership's parties. */
function partyIdsOf(tx: Tx, partnershipId: string) {
  return tx.select({ id: parties.id }).from(parties).where(eq(parties.partnershipId, partnershipId));
}

const groupMembersOf = prepared((db) =>
  db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      partyId: groupMembers.partyId,
      partyName: organisations.name,
      sector: parties.sector,
      role: groupMembers.role,
    })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .innerJoin(parties, eq(parties.id, groupMembers.partyId))
    .innerJoin(organisations, eq(organisations.id, parties.organisationId))
    .where(eq(groupMembers.groupId, sql.placeholder("groupId")))
    .orderBy(asc(parties.sector), asc(organisations.name), asc(users.name))
    .prepare("group_members_of"),
);

export function membersOf(db: Db, groupId: string) {
  return groupMembersOf(db).execute({ groupId });
}

export async function createGroup(
  db: Db,
  partnershipId: string,
  input: { kind: GroupKind; name: string; cadencePer: "year" | "half-year" | null; cadenceAtLeast: number | null },
  actor: SessionUser,
) {
  return db.transaction(async (tx) => {
    const [g] = await tx.insert(groups).values({ partnershipId, ...input }).returning({ id: groups.id });
    await audit(tx, { actorId: actor.id, action: "group.create", subject: `partnership:${partnershipId}`, details: { groupId: g.id, ...input } });
    return g.id;
  });
}

/** Adds or changes a membership, refusing what would break the partnership's representation limits. */
export async function setMember(
  db: Db,
  groupId: string,
  input: { email: string; partyId: string; role: MemberRole },
  actor: SessionUser,
): Promise<Result> {
  return db.transaction(async (tx) => {
    // Serialise membership changes per group so two simultaneous additions cannot both pass the limit.
    const [group] = await tx
      .select({ partnershipId: groups.partnershipId, publicMandates: partnerships.publicMandates, ideaMandates: partnerships.ideaMandates })
      .from(groups)
      .innerJoin(partnerships, eq(partnerships.id, groups.partnershipId))
      .where(eq(groups.id, groupId))
      .for("update", { of: groups });
    const [user] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`);
    if (!user) return conflict("member.unknownUser", "email");
    const [party] = await tx
      .select({ id: parties.id, sector: parties.sector })
      .from(parties)
      .where(and(eq(parties.id, input.partyId), eq(parties.partnershipId, group.partnershipId)));
    if (!party) return conflict("member.unknownParty", "email");
    const current = await tx
      .select({ userId: groupMembers.userId, partyId: groupMembers.partyId, role: groupMembers.role, sector: parties.sector })
      .from(groupMembers)
      .innerJoin(parties, eq(parties.id, groupMembers.partyId))
      .where(eq(groupMembers.groupId, groupId));
    const problem = checkRepresentation(
      current,
      { userId: user.id, partyId: party.id, sector: party.sector, role: input.role },
      { publicMandates: group.publicMandates, ideaMandates: group.ideaMandates },
    );
    if (problem) return conflict(problem, "email");
    await tx
      .insert(groupMembers)
      .values({ groupId, userId: user.id, partyId: party.id, role: input.role })
      .onConflictDoUpdate({ target: [groupMembers.groupId, groupMembers.userId], set: { role: input.role, partyId: party.id } });
    await audit(tx, { actorId: actor.id, action: "group.member.set", subject: `group:${groupId}`, details: { userId: user.id, partyId: party.id, role: input.role } });
    return ok();
  });
}

/** Sets the rotation: the order among the partnership's parties (at least two; others are dropped) and each turn's length. */
export async function setRotation(
  db: Db,
  groupId: string,
  input: { order: string[]; startsOn: string; unit: "months" | "meetings"; length: number },
  actor: SessionUser,
): Promise<Result> {
  return db.transaction(async (tx) => {
    const [group] = await tx.select({ partnershipId: groups.partnershipId }).from(groups).where(eq(groups.id, groupId));
    const known = new Set((await partyIdsOf(tx, group.partnershipId)).map((p) => p.id));
    const order = [...new Set(input.order.filter((id) => known.has(id)))];
    if (order.length < 2) return invalid("rotation.orderTooShort", "order");
    const rotation = { ...input, order };
    await tx
      .update(groups)
      .set({ rotationOrder: order, rotationStartsOn: input.startsOn, rotationUnit: input.unit, rotationLength: input.length })
      .where(eq(groups.id, groupId));
    await audit(tx, { actorId: actor.id, action: "group.rotation.set", subject: `group:${groupId}`, details: rotation });
    return ok();
  });
}

/**
 * Records that a turn is passed over, when the rotation still allows it now (`turnProblem`; who may
 * ask is the capability record's). The group row is locked so that two requests cannot both pass
 * the check on the same state.
 */
export async function addOverride(db: Db, groupId: string, input: { turnIndex: number; reason: string }, actor: SessionUser, now = new Date()): Promise<Result> {
  return db.transaction(async (tx) => {
    // The row is locked and its rotation read with it, as the pages read it (rotationColumns).
    const [row] = await tx
      .select({ group: groups, ...rotationColumns })
      .from(groups)
      .where(eq(groups.id, groupId))
      .for("update")
      .prepare("group_rotation_for_update")
      .execute({ now: now.toISOString() });
    const where = row && rotationNow(row.group, row, stockholmDate(now));
    if (!where) return conflict("group.noRotation", "turnIndex");
    const problem = turnProblem(where.rotation, input.turnIndex, where.at);
    if (problem) return conflict(problem, "turnIndex");
    await tx.insert(rotationOverrides).values({ groupId, ...input, createdBy: actor.id });
    // A person named for the turn sat for the party that gave it up.
    await tx.delete(turnHolders).where(and(eq(turnHolders.groupId, groupId), eq(turnHolders.turnIndex, input.turnIndex)));
    await audit(tx, { actorId: actor.id, action: "group.rotation.skip", subject: `group:${groupId}`, details: input });
    return ok();
  });
}

/** Sets who convenes the group's meetings: a party of its partnership, or null for the rotating chair. */
export async function setConvener(db: Db, groupId: string, convenerPartyId: string | null, actor: SessionUser): Promise<Result> {
  return db.transaction(async (tx) => {
    const [group] = await tx.select({ partnershipId: groups.partnershipId }).from(groups).where(eq(groups.id, groupId));
    if (convenerPartyId !== null && !(await partyIdsOf(tx, group.partnershipId)).some((p) => p.id === convenerPartyId)) {
      return invalid("member.unknownParty", "convener");
    }
    await tx.update(groups).set({ convenerPartyId }).where(eq(groups.id, groupId));
    await audit(tx, { actorId: actor.id, action: "group.convener.set", subject: `group:${groupId}`, details: { convenerPartyId } });
    return ok();
  });
}

/** Names the person who holds the turn in force: a member of the group sitting for the party whose turn it is. */
export async function nameHolder(db: Db, groupId: string, turn: { index: number; partyId: string }, input: { turnIndex: number; userId: string }, actor: SessionUser): Promise<Result> {
  return db.transaction(async (tx) => {
    const [seat] = await tx
      .select({ partyId: groupMembers.partyId })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, input.userId)));
    if (input.turnIndex !== turn.index || seat?.partyId !== turn.partyId) return invalid("rotation.personNotOfParty", "userId");
    await tx
      .insert(turnHolders)
      .values({ groupId, ...input })
      .onConflictDoUpdate({ target: [turnHolders.groupId, turnHolders.turnIndex], set: { userId: input.userId } });
    await audit(tx, { actorId: actor.id, action: "group.rotation.holder", subject: `group:${groupId}`, details: input });
    return ok();
  });
}
