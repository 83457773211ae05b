import { and, asc, desc, eq, exists, gte, ne, notInArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { prepared, preparedShapes } from "../../db/prepared";
import {
  attendance,
  cases,
  groupMembers,
  groups,
  meetings,
  minutes,
  organisations,
  parties,
  partnerships,
  planActions,
  terminations,
  users,
  yearlyReports,
  type GroupKind,
} from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { byDeadline, CLOSED_CASE_KEYS, isOverdue, nextDeadline } from "../domain/cases";
import { participatesOn } from "../domain/participation";
import { periodStatus, type PeriodRule } from "../domain/period";
import { normaliseRule, reportStatus } from "../domain/reporting-rule";
import { currentReportYear, reportingParties } from "../domain/yearly-report";
import { FOLLOW_UP_HORIZON_DAYS, followUpState, isDueForOverview } from "../domain/follow-up";
import { addDaysIso, type IsoDate } from "../domain/iso-date";
import { listedMinutesStatus } from "./minutes.server";

const LIMIT = 10;

/** The first rows of a list worked out in full, and how many more there are. */
function firstRows<T>(rows: T[]) {
  return { rows: rows.slice(0, LIMIT), more: Math.max(0, rows.length - LIMIT) };
}

const me = sql.placeholder("userId");

/** The parties the user speaks for in some group (not as observer). */
const myParties = (db: Db) =>
  db
    .select({ one: sql`1` })
    .from(groupMembers)
    .where(and(eq(groupMembers.partyId, parties.id), eq(groupMembers.userId, me), ne(groupMembers.role, "observer")));

/** The next last day to give notice in each partnership the user sees, soonest first. */
function noticeDeadlines(rows: { id: string; name: string; rule: PeriodRule | null }[], today: IsoDate) {
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

/** A meeting as the overview names it: its title, its group and its partnership (two groups may share a name). */
const meetingNamed = { meetingId: meetings.id, title: meetings.title, startsAt: meetings.startsAt, groupName: groups.name, partnershipName: partnerships.name };

interface NamedMeeting {
  meetingId: string;
  title: string;
  startsAt: Date;
  groupName: string;
  partnershipName: string;
}

/** A list as a JSON array, in the order of its own (ordered, limited) query: one statement carries several. */
const listOf = <T>(query: SQL) => sql<T[]>`coalesce((select json_agg(r) from (${query}) r), '[]')`;

/**
 * The overview's short lists, one statement for them all. What waits for the user themself: open
 * decisions on which the party they sit for (not as observer) has stated no position; their open
 * follow-up tasks; the amendments not yet valid they have to sign as their party's representative
 * in the steering group; minutes sent for approval they (as adjuster or chair) have not approved;
 * upcoming noticed meetings of their groups they have not answered. And in the user's scope (all
 * for the coordinator): the partnerships' period rules (those the user sits in a group of), the
 * action plans still owed (§5.4; by the parties the user speaks for, not as observer) and the
 * follow-ups planned up to `horizon` (those the user leads). JSON carries instants as text
 * (`startsAt`, `createdAt`: Dates again in `overviewListsFor`) and dates as the same YYYY-MM-DD
 * text drizzle gives.
 */
const overviewLists = preparedShapes((db, scope: "all" | "mine") =>
  db
    .select({
      positions: listOf<{ id: string; text: string; year: number; number: number; groupKind: GroupKind; groupName: string; participatesUntil: IsoDate | null }>(sql`
        select d.id, d.text, d.year, d.number, g.kind as "groupKind", g.name as "groupName", t.effective_on as "participatesUntil"
        from decisions d
        inner join groups g on g.id = d.group_id
        inner join group_members gm on gm.group_id = d.group_id and gm.user_id = ${me} and gm.role <> 'observer'
        left join terminations t on t.party_id = gm.party_id
        where d.status = 'open' and not exists (select 1 from decision_positions dp where dp.decision_id = d.id and dp.party_id = gm.party_id)
        order by d.created_at limit ${LIMIT}`),
      tasks: listOf<{ id: string; title: string; dueOn: IsoDate; decisionId: string }>(sql`
        select id, title, due_on as "dueOn", decision_id as "decisionId" from decision_tasks
        where owner_id = ${me} and status = 'open' order by due_on limit ${LIMIT}`),
      signatures: listOf<{ id: string; title: string; partnershipName: string; createdAt: string; participatesUntil: IsoDate | null }>(sql`
        select distinct a.id, a.title, p.name as "partnershipName", a.created_at as "createdAt", t.effective_on as "participatesUntil"
        from amendments a
        inner join partnerships p on p.id = a.partnership_id
        inner join groups g on g.partnership_id = a.partnership_id and g.kind = 'steering'
        inner join group_members gm on gm.group_id = g.id and gm.user_id = ${me} and gm.role = 'representative'
        left join terminations t on t.party_id = gm.party_id
        where a.valid_at is null
          and not exists (select 1 from amendment_signatures s where s.amendment_id = a.id and s.party_id = gm.party_id and s.voided_at is null)
        order by a.created_at limit ${LIMIT}`),
      approvals: listOf<NamedMeeting & { startsAt: string }>(sql`
        select m.id as "meetingId", m.title, m.starts_at as "startsAt", g.name as "groupName", p.name as "partnershipName"
        from minutes mi
        inner join meetings m on m.id = mi.meeting_id
        inner join groups g on g.id = m.group_id
        inner join partnerships p on p.id = g.partnership_id
        where mi.status = 'for_approval' and (${me} = any(mi.adjusters) or mi.chair_id = ${me})
          and not exists (select 1 from minutes_approvals ma where ma.meeting_id = mi.meeting_id and ma.user_id = ${me})
        order by m.starts_at limit ${LIMIT}`),
      // The first meetings from meetings alone, then their names: joined before the limit, every upcoming
      // meeting of a member of many groups was named only to be sorted away.
      answers: listOf<NamedMeeting & { startsAt: string }>(sql`
        select m.id as "meetingId", m.title, m.starts_at as "startsAt", g.name as "groupName", p.name as "partnershipName"
        from (
          select m.id, m.title, m.starts_at, m.group_id from meetings m
          where m.status = 'noticed' and m.starts_at > ${sql.placeholder("now")}::timestamptz
            and exists (select 1 from group_members gm where gm.group_id = m.group_id and gm.user_id = ${me})
            -- The user's own answers, hashed once (not a probe of attendance per upcoming meeting; meeting_id is never null).
            and m.id not in (select at.meeting_id from attendance at where at.user_id = ${me} and at.rsvp is not null)
          order by m.starts_at, m.id limit ${LIMIT}) m
        inner join groups g on g.id = m.group_id
        inner join partnerships p on p.id = g.partnership_id
        order by m.starts_at, m.id`),
      rules: listOf<{ id: string; name: string; rule: PeriodRule | null }>(sql`
        select p.id, p.name, p.period_rule as rule from partnerships p
        ${mine(scope, sql`where exists (select 1 from group_members gm inner join groups g on g.id = gm.group_id where g.partnership_id = p.id and gm.user_id = ${me})`)}`),
      plans: listOf<{ id: string; title: string; planDueOn: IsoDate | null; party: string }>(sql`
        select c.id, c.title, c.plan_due_on as "planDueOn", o.name as party
        from cases c
        inner join parties pa on pa.id = c.concerns_party
        inner join organisations o on o.id = pa.organisation_id
        where c.kind = 'shortcoming' and c.stage = 'planRequired'
          ${mine(scope, sql`and exists (select 1 from group_members gm where gm.party_id = pa.id and gm.user_id = ${me} and gm.role <> 'observer')`)}
        order by c.plan_due_on limit ${LIMIT}`),
      followUps: listOf<{ id: string; partnershipId: string; partnershipName: string; title: string; dueOn: IsoDate }>(sql`
        select f.id, f.partnership_id as "partnershipId", p.name as "partnershipName", f.title, f.due_on as "dueOn"
        from follow_ups f
        inner join partnerships p on p.id = f.partnership_id
        where f.status = 'planned' and f.due_on <= ${sql.placeholder("horizon")}::date ${mine(scope, sql`and f.lead_user_id = ${me}`)}
        order by f.due_on limit 20`),
    })
    .from(users)
    .where(eq(users.id, me))
    .prepare(`dashboard_lists_${scope}`),
);

/** A condition that narrows a list to the user's own, left out for the coordinator's scope. */
const mine = (scope: "all" | "mine", condition: SQL) => (scope === "mine" ? condition : sql``);

/** `overviewLists` with their instants as Dates again. */
async function overviewListsFor(db: Db, user: SessionUser, now: Date, today: IsoDate) {
  const horizon = addDaysIso(today, FOLLOW_UP_HORIZON_DAYS);
  const [row] = await overviewLists(db, user.isAdmin ? "all" : "mine").execute({ userId: user.id, now: now.toISOString(), horizon });
  const asMeeting = (m: NamedMeeting & { startsAt: string }): NamedMeeting => ({ ...m, startsAt: new Date(m.startsAt) });
  return {
    positions: row.positions,
    tasks: row.tasks,
    signatures: row.signatures.map((a) => ({ ...a, createdAt: new Date(a.createdAt) })),
    approvals: row.approvals.map(asMeeting),
    answers: row.answers.map(asMeeting),
    rules: row.rules,
    plans: row.plans,
    followUps: row.followUps,
  };
}

const inMyGroups = (db: Db) =>
  db
    .select({ one: sql`1` })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, meetings.groupId), eq(groupMembers.userId, me)));

/**
 * The next convened meetings (a draft is not a meeting yet), with the user's answer: all for the
 * coordinator, else the user's groups'. The five are chosen from meetings alone and only they are
 * named: joined first, every upcoming meeting of a member of many groups was named to be sorted away.
 */
const nextMeetings = preparedShapes((db, scope: "all" | "mine") => {
  const next = db.$with("next").as(
    db
      .select({ id: meetings.id })
      .from(meetings)
      .where(
        and(
          eq(meetings.status, "noticed"),
          gte(meetings.endsAt, sql.placeholder("now")),
          scope === "mine" ? exists(inMyGroups(db)) : undefined,
        ),
      )
      .orderBy(asc(meetings.startsAt), asc(meetings.id))
      .limit(5),
  );
  return db
    .with(next)
    .select({
      ...meetingNamed,
      endsAt: meetings.endsAt,
      status: meetings.status,
      minutesStatus: listedMinutesStatus,
      rsvp: attendance.rsvp,
      member: sql<boolean>`exists(${inMyGroups(db)})`,
    })
    .from(next)
    .innerJoin(meetings, eq(meetings.id, next.id))
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .innerJoin(partnerships, eq(partnerships.id, groups.partnershipId))
    .leftJoin(minutes, eq(minutes.meetingId, meetings.id))
    .leftJoin(attendance, and(eq(attendance.meetingId, meetings.id), eq(attendance.userId, me)))
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .prepare(`dashboard_meetings_${scope}`);
});

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
  const [upcoming, { positions, tasks, signatures, approvals, answers, rules, plans, followUps }, reports, open] = await Promise.all([
    // Placeholders skip the column's encoder, so the instant goes as ISO text.
    nextMeetings(db, scope).execute({ userId: user.id, now: now.toISOString() }),
    overviewListsFor(db, user, now, today),
    reportsDue(db, user, today),
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
    notices: firstRows(noticeDeadlines(rules, today)),
    reports: firstRows(reports.map(({ filedAt: _, ...r }) => r)),
    // The query narrows to the horizon; the domain rule decides what shows and what is late.
    followUps: followUps
      .filter((r) => isDueForOverview({ dueOn: r.dueOn, status: "planned" }, today))
      .map((r) => ({ ...r, overdue: followUpState({ dueOn: r.dueOn, status: "planned" }, today).state === "overdue" })),
  };
}
