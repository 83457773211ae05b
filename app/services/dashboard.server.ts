import { and, asc, desc, eq, exists, gt, gte, isNull, ne, notExists, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { prepared } from "../../db/prepared";
import {
  amendmentSignatures,
  amendments,
  attendance,
  cases,
  decisionPositions,
  decisionTasks,
  decisions,
  groupMembers,
  groups,
  meetings,
  minutes,
  minutesApprovals,
  organisations,
  parties,
  partnerships,
  planActions,
  terminations,
  yearlyReports,
} from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { byDeadline, CLOSED_CASE_KEYS, isOverdue, nextDeadline } from "../domain/cases";
import { participatesOn } from "../domain/participation";
import { periodStatus } from "../domain/period";
import { normaliseRule, reportStatus } from "../domain/reporting-rule";
import { currentReportYear, reportingParties } from "../domain/yearly-report";
import type { IsoDate } from "../domain/iso-date";
import { followUpsDueFor } from "./follow-ups.server";
import { listedMinutesStatus } from "./minutes.server";

const LIMIT = 10;

/** The first rows of a list worked out in full, and how many more there are. */
function firstRows<T>(rows: T[]) {
  return { rows: rows.slice(0, LIMIT), more: Math.max(0, rows.length - LIMIT) };
}

const me = sql.placeholder("userId");

/** Decisions still open in the user's groups on which the party they sit for has not yet stated a position. */
const decisionsAwaitingMyParty = prepared((db) =>
  db
    .select({
      id: decisions.id,
      text: decisions.text,
      year: decisions.year,
      number: decisions.number,
      groupKind: groups.kind,
      groupName: groups.name,
      participatesUntil: terminations.effectiveOn,
    })
    .from(decisions)
    .innerJoin(groups, eq(groups.id, decisions.groupId))
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, decisions.groupId), eq(groupMembers.userId, me), ne(groupMembers.role, "observer")))
    .leftJoin(terminations, eq(terminations.partyId, groupMembers.partyId))
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
    .limit(LIMIT)
    .prepare("dashboard_positions"),
);

/** Open follow-up tasks the user owns, soonest first. */
const myOpenTasks = prepared((db) =>
  db
    .select({ id: decisionTasks.id, title: decisionTasks.title, dueOn: decisionTasks.dueOn, decisionId: decisionTasks.decisionId })
    .from(decisionTasks)
    .where(and(eq(decisionTasks.ownerId, me), eq(decisionTasks.status, "open")))
    .orderBy(asc(decisionTasks.dueOn))
    .limit(LIMIT)
    .prepare("dashboard_tasks"),
);

/** Amendments not yet valid that the user, as their party's representative in the steering group, has to sign. */
const signaturesAwaitingMe = prepared((db) =>
  db
    .selectDistinct({ id: amendments.id, title: amendments.title, partnershipName: partnerships.name, createdAt: amendments.createdAt, participatesUntil: terminations.effectiveOn })
    .from(amendments)
    .innerJoin(partnerships, eq(partnerships.id, amendments.partnershipId))
    .innerJoin(groups, and(eq(groups.partnershipId, amendments.partnershipId), eq(groups.kind, "steering")))
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, me), eq(groupMembers.role, "representative")))
    .leftJoin(terminations, eq(terminations.partyId, groupMembers.partyId))
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
    .limit(LIMIT)
    .prepare("dashboard_signatures"),
);

/** The parties the user speaks for in some group (not as observer). */
const myParties = (db: Db) =>
  db
    .select({ one: sql`1` })
    .from(groupMembers)
    .where(and(eq(groupMembers.partyId, parties.id), eq(groupMembers.userId, me), ne(groupMembers.role, "observer")));

/** Partnerships with their period rules: all for the coordinator, else those the user sits in a group of. */
const partnershipRules = {
  all: prepared((db) => db.select({ id: partnerships.id, name: partnerships.name, rule: partnerships.periodRule }).from(partnerships).prepare("dashboard_rules_all")),
  mine: prepared((db) =>
    db
      .select({ id: partnerships.id, name: partnerships.name, rule: partnerships.periodRule })
      .from(partnerships)
      .where(
        exists(
          db
            .select({ one: sql`1` })
            .from(groupMembers)
            .innerJoin(groups, eq(groups.id, groupMembers.groupId))
            .where(and(eq(groups.partnershipId, partnerships.id), eq(groupMembers.userId, me))),
        ),
      )
      .prepare("dashboard_rules_mine"),
  ),
};

/** The next last day to give notice in each partnership the user sees, soonest first. */
async function noticeDeadlines(db: Db, user: SessionUser, today: IsoDate) {
  const rows = await (user.isAdmin ? partnershipRules.all : partnershipRules.mine)(db).execute({ userId: user.id });
  return rows
    .flatMap((p) => {
      const status = p.rule ? periodStatus(p.rule, today) : null;
      return status?.running && status.noticeDeadline ? [{ id: p.id, name: p.name, deadline: status.noticeDeadline, endIfNotice: status.endIfNoticeToday }] : [];
    })
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
}

const ideaPartiesReports = (db: Db) =>
  db
    .select({
      partnershipId: parties.partnershipId,
      partyName: organisations.name,
      sector: parties.sector,
      participatesUntil: terminations.effectiveOn,
      filedAt: yearlyReports.submittedAt,
      rule: partnerships.reportingRule,
    })
    .from(parties)
    .innerJoin(organisations, eq(organisations.id, parties.organisationId))
    .innerJoin(partnerships, eq(partnerships.id, parties.partnershipId))
    .leftJoin(terminations, eq(terminations.partyId, parties.id))
    .leftJoin(yearlyReports, and(eq(yearlyReports.partyId, parties.id), eq(yearlyReports.year, sql.placeholder("year"))))
    .$dynamic();

/** Each idea-based party's yearly report for a year: all for the coordinator, else the user's own parties. */
const reportRows = {
  all: prepared((db) => ideaPartiesReports(db).where(eq(parties.sector, "idea")).orderBy(asc(organisations.name)).prepare("dashboard_reports_all")),
  mine: prepared((db) =>
    ideaPartiesReports(db)
      .where(and(eq(parties.sector, "idea"), exists(myParties(db))))
      .orderBy(asc(organisations.name))
      .prepare("dashboard_reports_mine"),
  ),
};

/**
 * Yearly reports from 1 December until filed, where the partnership's rule sets a due date: the
 * idea-based parties the user speaks for, or every one for the coordinator who compiles them.
 */
async function reportsDue(db: Db, user: SessionUser, today: IsoDate) {
  const year = currentReportYear(today);
  const rows = await (user.isAdmin ? reportRows.all : reportRows.mine)(db).execute({ userId: user.id, year });
  return reportingParties(rows, today).flatMap((r) => {
    // A filed report is done; an agreement without a date reminds of nothing.
    const status = reportStatus(normaliseRule(r.rule), year, false, today);
    if (r.filedAt || (status.status !== "reminder" && status.status !== "overdue")) return [];
    return [{ partnershipId: r.partnershipId, partyName: r.partyName, filedAt: r.filedAt, year, ...status }];
  });
}

const plansOwedBy = (db: Db) =>
  db
    .select({ id: cases.id, title: cases.title, planDueOn: cases.planDueOn, party: organisations.name })
    .from(cases)
    .innerJoin(parties, eq(parties.id, cases.concernsParty))
    .innerJoin(organisations, eq(organisations.id, parties.organisationId))
    .$dynamic();

/** Action plans still owed (§5.4), soonest first: by the parties the user speaks for, or all for the coordinator. */
const plansOwed = {
  all: prepared((db) =>
    plansOwedBy(db)
      .where(and(eq(cases.kind, "shortcoming"), eq(cases.stage, "planRequired")))
      .orderBy(asc(cases.planDueOn))
      .limit(LIMIT)
      .prepare("dashboard_plans_all"),
  ),
  mine: prepared((db) =>
    plansOwedBy(db)
      .where(and(eq(cases.kind, "shortcoming"), eq(cases.stage, "planRequired"), exists(myParties(db))))
      .orderBy(asc(cases.planDueOn))
      .limit(LIMIT)
      .prepare("dashboard_plans_mine"),
  ),
};

/** A meeting as the overview names it: its title, its group and its partnership (two groups may share a name). */
const meetingNamed = { meetingId: meetings.id, title: meetings.title, startsAt: meetings.startsAt, groupName: groups.name, partnershipName: partnerships.name };

/** Minutes sent for approval that the user (as adjuster or chair) has not approved yet. */
const minutesToApprove = prepared((db) =>
  db
    .select(meetingNamed)
    .from(minutes)
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .innerJoin(partnerships, eq(partnerships.id, groups.partnershipId))
    .where(
      and(
        eq(minutes.status, "for_approval"),
        sql`(${me} = any(${minutes.adjusters}) or ${minutes.chairId} = ${me})`,
        notExists(
          db
            .select({ one: sql`1` })
            .from(minutesApprovals)
            .where(and(eq(minutesApprovals.meetingId, minutes.meetingId), eq(minutesApprovals.userId, me))),
        ),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .limit(LIMIT)
    .prepare("dashboard_minutes_to_approve"),
);

/** Upcoming noticed meetings of the user's groups they have not answered yet. */
const noticesToAnswer = prepared((db) =>
  db
    .select(meetingNamed)
    .from(meetings)
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, meetings.groupId), eq(groupMembers.userId, me)))
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .innerJoin(partnerships, eq(partnerships.id, groups.partnershipId))
    .leftJoin(attendance, and(eq(attendance.meetingId, meetings.id), eq(attendance.userId, me)))
    .where(and(eq(meetings.status, "noticed"), gt(meetings.startsAt, sql.placeholder("now")), isNull(attendance.rsvp)))
    .orderBy(asc(meetings.startsAt))
    .limit(LIMIT)
    .prepare("dashboard_notices_to_answer"),
);

const inMyGroups = (db: Db) =>
  db
    .select({ one: sql`1` })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, meetings.groupId), eq(groupMembers.userId, me)));

const convenedAhead = (db: Db) =>
  db
    .select({
      ...meetingNamed,
      endsAt: meetings.endsAt,
      status: meetings.status,
      minutesStatus: listedMinutesStatus,
      rsvp: attendance.rsvp,
      member: sql<boolean>`exists(${inMyGroups(db)})`,
    })
    .from(meetings)
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .innerJoin(partnerships, eq(partnerships.id, groups.partnershipId))
    .leftJoin(minutes, eq(minutes.meetingId, meetings.id))
    .leftJoin(attendance, and(eq(attendance.meetingId, meetings.id), eq(attendance.userId, me)))
    .$dynamic();

/** The next convened meetings (a draft is not a meeting yet), with the user's answer: all for the coordinator, else the user's groups'. */
const nextMeetings = {
  all: prepared((db) =>
    convenedAhead(db)
      .where(and(eq(meetings.status, "noticed"), gte(meetings.endsAt, sql.placeholder("now"))))
      .orderBy(asc(meetings.startsAt))
      .limit(5)
      .prepare("dashboard_meetings_all"),
  ),
  mine: prepared((db) =>
    convenedAhead(db)
      .where(and(eq(meetings.status, "noticed"), gte(meetings.endsAt, sql.placeholder("now")), exists(inMyGroups(db))))
      .orderBy(asc(meetings.startsAt))
      .limit(5)
      .prepare("dashboard_meetings_mine"),
  ),
};

const openCasesOf = (db: Db) =>
  db
    .select({
      id: cases.id,
      kind: cases.kind,
      stage: cases.stage,
      title: cases.title,
      planDueOn: cases.planDueOn,
      nextActionDue: sql<string | null>`(select min(${planActions.dueOn}) from ${planActions} where ${planActions.caseId} = ${cases.id} and not ${planActions.done})`,
      partnershipName: partnerships.name,
    })
    .from(cases)
    .innerJoin(partnerships, eq(partnerships.id, cases.partnershipId))
    .$dynamic();

const caseStillOpen = notInArray(sql`${cases.kind}::text || ':' || ${cases.stage}`, CLOSED_CASE_KEYS);
const CASES_READ = 50;

/** Open cases: all for the coordinator, else those of the partnerships the user sits in a group of. */
const openCases = {
  all: prepared((db) => openCasesOf(db).where(caseStillOpen).orderBy(desc(cases.updatedAt)).limit(CASES_READ).prepare("dashboard_cases_all")),
  mine: prepared((db) =>
    openCasesOf(db)
      .where(
        and(
          caseStillOpen,
          exists(
            db
              .select({ one: sql`1` })
              .from(groupMembers)
              .innerJoin(groups, eq(groups.id, groupMembers.groupId))
              .where(and(eq(groups.partnershipId, cases.partnershipId), eq(groupMembers.userId, me))),
          ),
        ),
      )
      .orderBy(desc(cases.updatedAt))
      .limit(CASES_READ)
      .prepare("dashboard_cases_mine"),
  ),
};

/** Everything "Översikt" shows a user, in one round of parallel queries. */
export async function dashboardFor(db: Db, user: SessionUser, now: Date, today: IsoDate) {
  const scope = user.isAdmin ? "all" : "mine";
  const [upcoming, positions, tasks, signatures, notices, reports, plans, followUps, approvals, answers, open] = await Promise.all([
    nextMeetings[scope](db).execute({ userId: user.id, now: now.toISOString() }),
    decisionsAwaitingMyParty(db).execute({ userId: user.id }),
    myOpenTasks(db).execute({ userId: user.id }),
    signaturesAwaitingMe(db).execute({ userId: user.id }),
    noticeDeadlines(db, user, today),
    reportsDue(db, user, today),
    (user.isAdmin ? plansOwed.all : plansOwed.mine)(db).execute({ userId: user.id }),
    followUpsDueFor(db, user, today),
    minutesToApprove(db).execute({ userId: user.id }),
    // Placeholders skip the column's encoder, so the instant goes as ISO text.
    noticesToAnswer(db).execute({ userId: user.id, now: now.toISOString() }),
    openCases[scope](db).execute({ userId: user.id }),
  ]);
  // A party that has left states no positions and signs nothing more.
  const takingPart = <T extends { participatesUntil: IsoDate | null }>(rows: T[]) => rows.filter((r) => participatesOn(r, today)).map(({ participatesUntil: _, ...r }) => r);
  return {
    meetings: upcoming,
    cases: firstRows(
      byDeadline(
        open.map(({ planDueOn, nextActionDue, ...c }) => {
          const deadline = nextDeadline({ stage: c.stage, planDueOn, nextActionDue });
          return { ...c, deadline, overdue: isOverdue(deadline, today) };
        }),
      ),
    ),
    approvals,
    answers,
    positions: takingPart(positions),
    tasks: tasks.map((task) => ({ ...task, overdue: task.dueOn < today })),
    plans: plans.map((plan) => ({ ...plan, overdue: Boolean(plan.planDueOn && plan.planDueOn < today) })),
    signatures: takingPart(signatures),
    notices: firstRows(notices),
    reports: firstRows(reports.map(({ filedAt: _, ...r }) => r)),
    followUps,
  };
}
