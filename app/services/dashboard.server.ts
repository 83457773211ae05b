import { and, asc, eq, exists, isNull, ne, notExists, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  amendments,
  amendmentSignatures,
  decisionPositions,
  decisions,
  decisionTasks,
  groupMembers,
  groups,
  organisations,
  parties,
  partnerships,
  yearlyReports,
} from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { periodStatus } from "../domain/period";
import { currentReportYear, reportStatus } from "../domain/yearly-report";
import type { IsoDate } from "../domain/iso-date";
import { plansDue } from "./cases.server";
import { meetingsFor } from "./meetings.server";

const LIMIT = 10;

/** The first rows of a list worked out in full, and how many more there are. */
function firstRows<T>(rows: T[]) {
  return { rows: rows.slice(0, LIMIT), more: Math.max(0, rows.length - LIMIT) };
}

/** Decisions still open in the user's groups on which the party they sit for has not yet stated a position. */
function decisionsAwaitingMyParty(db: Db, user: SessionUser) {
  return db
    .select({ id: decisions.id, text: decisions.text, year: decisions.year, number: decisions.number, groupKind: groups.kind, groupName: groups.name })
    .from(decisions)
    .innerJoin(groups, eq(groups.id, decisions.groupId))
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, decisions.groupId), eq(groupMembers.userId, user.id), ne(groupMembers.role, "observer")))
    .where(
      and(
        eq(decisions.status, "open"),
        notExists(
          db
            .select({ one: sql`1` })
            .from(decisionPositions)
            .where(and(eq(decisionPositions.decisionId, decisions.id), eq(decisionPositions.partyId, groupMembers.partyId))),
        ),
      ),
    )
    .orderBy(asc(decisions.createdAt))
    .limit(LIMIT);
}

/** Open follow-up tasks the user owns, soonest first. */
function myOpenTasks(db: Db, user: SessionUser) {
  return db
    .select({ id: decisionTasks.id, title: decisionTasks.title, dueOn: decisionTasks.dueOn, decisionId: decisionTasks.decisionId })
    .from(decisionTasks)
    .where(and(eq(decisionTasks.ownerId, user.id), eq(decisionTasks.status, "open")))
    .orderBy(asc(decisionTasks.dueOn))
    .limit(LIMIT);
}

/** Amendments not yet valid that the user, as their party's representative in the steering group, has to sign. */
function signaturesAwaitingMe(db: Db, user: SessionUser) {
  return db
    .selectDistinct({ id: amendments.id, title: amendments.title, partnershipName: partnerships.name, createdAt: amendments.createdAt })
    .from(amendments)
    .innerJoin(partnerships, eq(partnerships.id, amendments.partnershipId))
    .innerJoin(groups, and(eq(groups.partnershipId, amendments.partnershipId), eq(groups.kind, "steering")))
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, user.id), eq(groupMembers.role, "representative")))
    .where(
      and(
        isNull(amendments.validAt),
        notExists(
          db
            .select({ one: sql`1` })
            .from(amendmentSignatures)
            .where(and(eq(amendmentSignatures.amendmentId, amendments.id), eq(amendmentSignatures.partyId, groupMembers.partyId), isNull(amendmentSignatures.voidedAt))),
        ),
      ),
    )
    .orderBy(asc(amendments.createdAt))
    .limit(LIMIT);
}

/** The next last day to give notice in each partnership the user sees, soonest first. */
async function noticeDeadlines(db: Db, user: SessionUser, today: IsoDate) {
  const visible = user.isAdmin
    ? undefined
    : exists(
        db
          .select({ one: sql`1` })
          .from(groupMembers)
          .innerJoin(groups, eq(groups.id, groupMembers.groupId))
          .where(and(eq(groups.partnershipId, partnerships.id), eq(groupMembers.userId, user.id))),
      );
  const rows = await db.select({ id: partnerships.id, name: partnerships.name, rule: partnerships.periodRule }).from(partnerships).where(visible);
  return rows
    .flatMap((p) => {
      const status = p.rule ? periodStatus(p.rule, today) : null;
      return status?.running && status.noticeDeadline ? [{ id: p.id, name: p.name, deadline: status.noticeDeadline, endIfNotice: status.endIfNoticeToday }] : [];
    })
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
}

/**
 * Yearly reports from 1 December until filed: the idea-based parties the user speaks for, or
 * every one for the coordinator who compiles them.
 */
async function reportsDue(db: Db, user: SessionUser, today: IsoDate) {
  const year = currentReportYear(today);
  const mine = user.isAdmin
    ? undefined
    : exists(
        db
          .select({ one: sql`1` })
          .from(groupMembers)
          .where(and(eq(groupMembers.partyId, parties.id), eq(groupMembers.userId, user.id), ne(groupMembers.role, "observer"))),
      );
  const rows = await db
    .select({ partnershipId: parties.partnershipId, partyName: organisations.name, filedAt: yearlyReports.submittedAt })
    .from(parties)
    .innerJoin(organisations, eq(organisations.id, parties.organisationId))
    .leftJoin(yearlyReports, and(eq(yearlyReports.partyId, parties.id), eq(yearlyReports.year, year)))
    .where(and(eq(parties.sector, "idea"), mine))
    .orderBy(asc(organisations.name));
  return rows.flatMap((r) => {
    const status = reportStatus(year, Boolean(r.filedAt), today);
    return status.status === "reminder" || status.status === "overdue" ? [{ ...r, year, ...status }] : [];
  });
}

/** Action plans the parties the user speaks for still owe (all of them for the coordinator). */
async function plansOwed(db: Db, user: SessionUser) {
  if (user.isAdmin) return plansDue(db, "all");
  const mine = await db
    .selectDistinct({ partyId: groupMembers.partyId })
    .from(groupMembers)
    .where(and(eq(groupMembers.userId, user.id), ne(groupMembers.role, "observer")));
  return plansDue(db, mine.map((m) => m.partyId));
}

/** Everything "Översikt" shows a user, in one round of parallel queries. */
export async function dashboardFor(db: Db, user: SessionUser, now: Date, today: IsoDate) {
  const [meetings, positions, tasks, signatures, notices, reports, plans] = await Promise.all([
    meetingsFor(db, user, { when: "upcoming", now, limit: 5 }),
    decisionsAwaitingMyParty(db, user),
    myOpenTasks(db, user),
    signaturesAwaitingMe(db, user),
    noticeDeadlines(db, user, today),
    reportsDue(db, user, today),
    plansOwed(db, user),
  ]);
  return {
    meetings: meetings.filter((m) => m.status !== "cancelled"),
    positions,
    tasks: tasks.map((task) => ({ ...task, overdue: task.dueOn < today })),
    plans: plans.map((plan) => ({ ...plan, overdue: Boolean(plan.planDueOn && plan.planDueOn < today) })),
    signatures,
    notices: firstRows(notices),
    reports: firstRows(reports.map(({ filedAt: _, ...r }) => r)),
  };
}
