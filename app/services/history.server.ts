import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, cases, decisions, groups, meetings, organisations, parties, users } from "../../db/schema";
import { decisionLabel } from "../domain/decision";
import { KIND_PREFIXES, referencedIds, type HistoryNames } from "../domain/history";
import { addDaysIso } from "../domain/iso-date";
import { stockholmInstant } from "../domain/stockholm-date";
import type { HistoryFilter } from "../forms/history-query";

export const HISTORY_PAGE_SIZE = 50;
/** The CSV holds the whole filtered history, up to this many entries. */
export const HISTORY_CSV_LIMIT = 20_000;

/** The audit subjects of a partnership: its own, its groups' and its meetings'. */
async function subjectsOf(db: Db, partnershipId: string): Promise<string[]> {
  const rows = await db
    .select({ groupId: groups.id, meetingId: meetings.id })
    .from(groups)
    .leftJoin(meetings, eq(meetings.groupId, groups.id))
    .where(eq(groups.partnershipId, partnershipId));
  const groupIds = new Set(rows.map((r) => r.groupId));
  const meetingIds = rows.flatMap((r) => (r.meetingId ? [r.meetingId] : []));
  return [`partnership:${partnershipId}`, ...[...groupIds].map((id) => `group:${id}`), ...meetingIds.map((id) => `meeting:${id}`)];
}

function conditions(subjects: string[], filter: Omit<HistoryFilter, "page">): SQL {
  const where: SQL[] = [inArray(auditLog.subject, subjects)];
  if (filter.kind) where.push(or(...KIND_PREFIXES[filter.kind].map((p) => sql`${auditLog.action} like ${p.replace(/[\\%_]/g, "\\$&") + "%"}`))!);
  if (filter.personId) where.push(eq(auditLog.actorId, filter.personId));
  // Days are Stockholm days: "to" includes the whole of its day.
  if (filter.from) where.push(gte(auditLog.at, stockholmInstant(filter.from, "00:00")));
  if (filter.to) where.push(lt(auditLog.at, stockholmInstant(addDaysIso(filter.to, 1), "00:00")));
  return and(...where)!;
}

export interface HistoryRow {
  id: number;
  at: Date;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
  actorId: string | null;
  actor: string | null;
}

/**
 * A page of the partnership's audit trail, newest first, filtered by kind, person and period, with
 * the number of entries the filter matches, the people who appear in the trail (for the person
 * filter) and names for the ids the page's entries refer to. A constant number of queries whatever
 * the page holds.
 */
export async function partnershipHistory(db: Db, partnershipId: string, filter: HistoryFilter, pageSize = HISTORY_PAGE_SIZE) {
  const subjects = await subjectsOf(db, partnershipId);
  const where = conditions(subjects, filter);
  const [rows, people] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        subject: auditLog.subject,
        details: auditLog.details,
        actorId: auditLog.actorId,
        actor: users.name,
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(pageSize)
      .offset((filter.page - 1) * pageSize),
    db
      .selectDistinct({ id: users.id, name: users.name })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorId))
      .where(inArray(auditLog.subject, subjects))
      .orderBy(asc(users.name), asc(users.id)),
  ]);
  // Past the last page the window count is missing: count separately only then.
  const total = rows[0]?.total ?? (filter.page > 1 ? await countHistory(db, where) : 0);
  return { rows: rows as HistoryRow[], total, people, names: await historyNames(db, rows) };
}

async function countHistory(db: Db, where: SQL) {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(auditLog)
    .where(where);
  return row?.n ?? 0;
}

/** The whole filtered history (up to HISTORY_CSV_LIMIT entries) with its names, for the CSV export. */
export async function partnershipHistoryForExport(db: Db, partnershipId: string, filter: Omit<HistoryFilter, "page">) {
  const subjects = await subjectsOf(db, partnershipId);
  const rows: HistoryRow[] = await db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, subject: auditLog.subject, details: auditLog.details, actorId: auditLog.actorId, actor: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(conditions(subjects, filter))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(HISTORY_CSV_LIMIT);
  return { rows, names: await historyNames(db, rows) };
}

/** Names for every id the entries refer to: one query per kind of id, none for a kind no entry names. */
export async function historyNames(db: Db, entries: readonly Pick<HistoryRow, "subject" | "details">[]): Promise<HistoryNames> {
  const ids = referencedIds(entries);
  const byId = <T extends { id: string }>(rows: T[], value: (r: T) => string) => Object.fromEntries(rows.map((r) => [r.id, value(r)]));
  const when = <T>(list: string[], query: () => Promise<T[]>) => (list.length ? query() : Promise.resolve([] as T[]));
  const [u, m, g, p, d, c] = await Promise.all([
    when(ids.users, () => db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids.users))),
    when(ids.meetings, () => db.select({ id: meetings.id, title: meetings.title }).from(meetings).where(inArray(meetings.id, ids.meetings))),
    when(ids.groups, () => db.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.id, ids.groups))),
    when(ids.parties, () =>
      db
        .select({ id: parties.id, name: organisations.name })
        .from(parties)
        .innerJoin(organisations, eq(organisations.id, parties.organisationId))
        .where(inArray(parties.id, ids.parties))
    ),
    when(ids.decisions, () =>
      db
        .select({ id: decisions.id, kind: groups.kind, year: decisions.year, number: decisions.number })
        .from(decisions)
        .innerJoin(groups, eq(groups.id, decisions.groupId))
        .where(inArray(decisions.id, ids.decisions))
    ),
    when(ids.cases, () => db.select({ id: cases.id, title: cases.title }).from(cases).where(inArray(cases.id, ids.cases))),
  ]);
  return {
    users: byId(u, (r) => r.name),
    meetings: byId(m, (r) => r.title),
    groups: byId(g, (r) => r.name),
    parties: byId(p, (r) => r.name),
    decisions: byId(d, (r) => decisionLabel(r.kind, r.year, r.number)),
    cases: byId(c, (r) => r.title),
  };
}
