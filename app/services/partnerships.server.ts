import { and, asc, eq, exists, gte, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { prepared, preparedShapes } from "../../db/prepared";
import { groupMembers, groups, meetings, minutes, organisations, parties, partnerships, terminations } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import type { Participant } from "../domain/participation";
import type { PartnershipInput } from "../forms/partnership";
import { startOfStockholmYear } from "../domain/stockholm-date";
import type { IsoDate } from "../domain/iso-date";
import { audit } from "./audit.server";
import { groupsWithRotations, holdersIn } from "./groups.server";
import { listedMinutesStatus } from "./minutes.server";

export interface PartyRow {
  id: string;
  name: string;
  orgNumber: string | null;
  sector: "public" | "idea";
}

/** How many partnerships the overview lists before "Visa alla"; the full list shows as many a page. */
export const PARTNERSHIPS_PAGE_SIZE = 20;

/**
 * A page of the partnerships a user may see (all for coordinators), by name, each with its parties,
 * and how many there are in all: one statement, one row a partnership (the window count is taken
 * before the limit). Past the last page it gives no rows, so no total either.
 */
const partnershipsPageOf = preparedShapes((db, scope: "all" | "mine") =>
  db
    .select({
      id: partnerships.id,
      name: partnerships.name,
      referenceNumber: partnerships.referenceNumber,
      parties: sql<PartyRow[]>`(
        select coalesce(json_agg(json_build_object('id', pa.id, 'name', o.name, 'orgNumber', o.org_number, 'sector', pa.sector) order by pa.sector, o.name), '[]')
        from ${parties} pa inner join ${organisations} o on o.id = pa.organisation_id
        where pa.partnership_id = "partnerships"."id")`, // spelt out: drizzle leaves a one-table select's columns unqualified
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(partnerships)
    .where(
      scope === "mine"
        ? exists(
            db
              .select({ one: groupMembers.groupId })
              .from(groupMembers)
              .innerJoin(groups, eq(groups.id, groupMembers.groupId))
              .where(and(eq(groups.partnershipId, partnerships.id), eq(groupMembers.userId, sql.placeholder("userId")))),
          )
        : undefined,
    )
    .orderBy(asc(partnerships.name), asc(partnerships.id))
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"))
    .prepare(`partnerships_page_${scope}`),
);

/** Page `page` (from 1) of the partnerships a user may see, with their parties, and how many there are in all. */
export async function partnershipsPage(db: Db, user: SessionUser, page = 1, pageSize = PARTNERSHIPS_PAGE_SIZE) {
  return readPartnerships(db, user, pageSize, (page - 1) * pageSize);
}

/** The partnerships a user may see (all for coordinators), with their parties: one query. */
export async function listPartnershipsFor(db: Db, user: SessionUser) {
  return (await readPartnerships(db, user, null, 0)).partnerships; // LIMIT NULL: all of them
}

async function readPartnerships(db: Db, user: SessionUser, limit: number | null, offset: number) {
  const rows = await partnershipsPageOf(db, user.isAdmin ? "all" : "mine").execute({ userId: user.id, limit, offset });
  return { partnerships: rows.map(({ total: _, ...p }) => p), total: rows[0]?.total ?? null };
}

const partnershipById = prepared((db) =>
  db.select().from(partnerships).where(eq(partnerships.id, sql.placeholder("id"))).prepare("partnership_by_id"),
);

const partnershipMeetingsSince = prepared((db) =>
  db
    .select({
      id: meetings.id,
      groupId: meetings.groupId,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      status: meetings.status,
      minutesStatus: listedMinutesStatus,
    })
    .from(meetings)
    .leftJoin(minutes, eq(minutes.meetingId, meetings.id))
    .where(
      and(
        inArray(meetings.groupId, db.select({ id: groups.id }).from(groups).where(eq(groups.partnershipId, sql.placeholder("id")))),
        gte(meetings.startsAt, sql.placeholder("since")),
        ne(meetings.status, "cancelled"),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .limit(500)
    .prepare("partnership_meetings_since"),
);

/**
 * What the partnership page shows besides the partnership's own row, in one round of three parallel
 * queries whatever the number of groups or meetings: the parties, the groups with their holders
 * `on` that day, and the meetings from the start of its year on, so cadence can be judged.
 */
export async function partnershipContents(db: Db, id: string, on: IsoDate) {
  const [partyRows, { groups, rotations }, meetingRows] = await Promise.all([
    partiesOf(db, id),
    groupsWithRotations(db, id, on),
    partnershipMeetingsSince(db).execute({ id, since: startOfStockholmYear(on).toISOString() }), // placeholders skip encoders: ISO text
  ]);
  return { parties: partyRows, groups, holders: holdersIn(rotations), meetings: meetingRows };
}

/** The partnership with `partnershipContents`; null when there is none by that id. */
export async function partnershipOverview(db: Db, id: string, on: IsoDate) {
  const [[partnership], contents] = await Promise.all([partnershipById(db).execute({ id }), partnershipContents(db, id, on)]);
  return partnership ? { partnership, ...contents } : null;
}

/** A party with the last day it takes part (its notice's effective day), null while it stays. */
export type PartyTakingPart = PartyRow & Participant;

const partiesOfPartnership = prepared((db) =>
  db
    .select({ id: parties.id, name: organisations.name, orgNumber: organisations.orgNumber, sector: parties.sector, participatesUntil: terminations.effectiveOn })
    .from(parties)
    .innerJoin(organisations, eq(organisations.id, parties.organisationId))
    .leftJoin(terminations, eq(terminations.partyId, parties.id))
    .where(eq(parties.partnershipId, sql.placeholder("partnershipId")))
    .orderBy(asc(parties.sector), asc(organisations.name))
    .prepare("parties_of"),
);

export function partiesOf(db: Db, partnershipId: string): Promise<PartyTakingPart[]> {
  return partiesOfPartnership(db).execute({ partnershipId });
}

/**
 * Creates the partnership with its parties. An organisation is one record across
 * partnerships: a known organisation number reuses it (its name is kept as registered).
 */
export async function createPartnership(db: Db, input: PartnershipInput, actor: SessionUser): Promise<string> {
  return db.transaction(async (tx) => {
    const [p] = await tx
      .insert(partnerships)
      .values({
        name: input.name,
        referenceNumber: input.referenceNumber || null,
        purpose: input.purpose,
        targetGroup: input.targetGroup,
        periodRule: input.periodRule,
        publicMandates: input.publicMandates,
        ideaMandates: input.ideaMandates,
      })
      .returning({ id: partnerships.id });
    const all = [
      { name: input.publicName, orgNumber: input.publicOrgNumber, sector: "public" as const },
      ...input.ideaParties.map((x) => ({ ...x, sector: "idea" as const })),
    ];
    for (const party of all) {
      const [org] = await tx
        .insert(organisations)
        .values({ name: party.name, orgNumber: party.orgNumber })
        .onConflictDoUpdate({ target: organisations.orgNumber, set: { orgNumber: party.orgNumber } })
        .returning({ id: organisations.id });
      await tx.insert(parties).values({ partnershipId: p.id, organisationId: org.id, sector: party.sector });
    }
    await audit(tx, {
      actorId: actor.id,
      action: "partnership.create",
      subject: `partnership:${p.id}`,
      details: { name: input.name, parties: all.map((x) => `${x.name} (${x.orgNumber})`) },
    });
    return p.id;
  });
}

export async function partnershipExists(db: Db, id: string) {
  return (await partnershipName(db, id)) !== null;
}

/** The partnership's name, for the header of its pages; null when there is none by that id. */
// Every page of a partnership shows its name above the tabs.
const nameById = prepared((db) =>
  db
    .select({ name: partnerships.name })
    .from(partnerships)
    .where(eq(partnerships.id, sql.placeholder("id")))
    .prepare("partnership_name"),
);

export async function partnershipName(db: Db, id: string): Promise<string | null> {
  const [row] = await nameById(db).execute({ id });
  return row?.name ?? null;
}

/** The partnership's name and diarienummer (null when it has none), for documents such as the printed minutes. */
export async function partnershipIdentity(db: Db, id: string): Promise<{ name: string; referenceNumber: string | null } | null> {
  const [row] = await db.select({ name: partnerships.name, referenceNumber: partnerships.referenceNumber }).from(partnerships).where(eq(partnerships.id, id));
  return row ?? null;
}
