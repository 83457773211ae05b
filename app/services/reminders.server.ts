import { and, eq, gt, isNotNull, isNull, lte } from "drizzle-orm";
import type { Db } from "../../db/client";
import { attendance, cases, followUps, groupMembers, meetings, partnerships, users, yearlyReports } from "../../db/schema";
import { currentReportYear } from "../domain/yearly-report";
import { meetingReminderDue, MEETING_REMINDER_HOURS, reminderStage } from "../domain/notifications";
import { periodStatus } from "../domain/period";
import { dueOn as reportDueOn, normaliseRule } from "../domain/reporting-rule";
import { participatesOn } from "../domain/participation";
import { stockholmDate } from "../domain/stockholm-date";
import { notify, speakersFor } from "./notify.server";
import { partiesOf } from "./partnerships.server";

/**
 * Reminders whose time has come at `now`: a meeting two days ahead (to members who have not
 * answered), action plans 14 days before, on and after their due day, yearly reports and follow-ups
 * 30 days before and once late, and the agreement's notice deadline 60 and 14 days ahead. Each stage
 * is one event, so running this every few minutes, in any number of processes, tells each person once.
 * Returns how many notifications it created.
 */
export async function runReminders(db: Db, baseUrl: string, now = new Date()): Promise<number> {
  const today = stockholmDate(now);
  // The coordinators hear of follow-ups and notice deadlines: looked up once per run.
  const coordinators = (await db.select({ id: users.id }).from(users).where(eq(users.isAdmin, true))).map((u) => u.id);
  const counts = await Promise.all([
    meetingReminders(db, baseUrl, now),
    planReminders(db, baseUrl, today),
    followUpReminders(db, baseUrl, today, coordinators),
    reportAndNoticeReminders(db, baseUrl, today, coordinators),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}

async function meetingReminders(db: Db, baseUrl: string, now: Date) {
  const upcoming = await db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, groupId: meetings.groupId })
    .from(meetings)
    .where(and(eq(meetings.status, "noticed"), gt(meetings.startsAt, now), lte(meetings.startsAt, new Date(now.getTime() + MEETING_REMINDER_HOURS * 3600_000))));
  let n = 0;
  for (const m of upcoming.filter((m) => meetingReminderDue(m.startsAt, now))) {
    const unanswered = await db
      .select({ userId: groupMembers.userId })
      .from(groupMembers)
      .leftJoin(attendance, and(eq(attendance.meetingId, m.id), eq(attendance.userId, groupMembers.userId)))
      .where(and(eq(groupMembers.groupId, m.groupId), isNull(attendance.rsvp)));
    const eventKey = `meeting-reminder:${m.id}:${m.startsAt.toISOString()}`;
    const params = { meeting: m.title, date: stockholmDate(m.startsAt) };
    n += await notify(db, { kind: "meeting.reminder", userIds: unanswered.map((u) => u.userId), params, link: `/meetings/${m.id}`, eventKey }, baseUrl);
  }
  return n;
}

async function planReminders(db: Db, baseUrl: string, today: string) {
  const owed = await db
    .select({ id: cases.id, partnershipId: cases.partnershipId, title: cases.title, planDueOn: cases.planDueOn, concernsParty: cases.concernsParty })
    .from(cases)
    .where(and(eq(cases.kind, "shortcoming"), eq(cases.stage, "planRequired"), isNotNull(cases.planDueOn)));
  let n = 0;
  for (const c of owed) {
    const stage = reminderStage(c.planDueOn!, today, [14], { onTheDay: true, overdue: true });
    if (!stage) continue;
    const userIds = await speakersFor(db, c.partnershipId, [c.concernsParty]);
    const params = { title: c.title, date: c.planDueOn!, stageKey: `notify.stage.${stage}` };
    n += await notify(db, { kind: "plan.due", userIds, params, link: `/cases/${c.id}`, eventKey: `plan-due:${c.id}:${c.planDueOn}:${stage}`, dueOn: c.planDueOn }, baseUrl);
  }
  return n;
}

async function followUpReminders(db: Db, baseUrl: string, today: string, coordinators: string[]) {
  const planned = await db
    .select({
      id: followUps.id,
      partnershipId: followUps.partnershipId,
      partnership: partnerships.name,
      title: followUps.title,
      dueOn: followUps.dueOn,
      lead: followUps.leadUserId,
    })
    .from(followUps)
    .innerJoin(partnerships, eq(partnerships.id, followUps.partnershipId))
    .where(eq(followUps.status, "planned"));
  let n = 0;
  for (const f of planned) {
    const stage = reminderStage(f.dueOn, today, [30], { onTheDay: false, overdue: true });
    if (!stage) continue;
    const params = { title: f.title, partnership: f.partnership, date: f.dueOn, stageKey: `notify.stage.${stage}` };
    const userIds = [...coordinators, ...(f.lead ? [f.lead] : [])];
    n += await notify(
      db,
      { kind: "followUp.due", userIds, params, link: `/partnerships/${f.partnershipId}/follow-ups`, eventKey: `follow-up-due:${f.id}:${f.dueOn}:${stage}`, dueOn: f.dueOn },
      baseUrl
    );
  }
  return n;
}

/** Per partnership: the yearly reports its rule dates (to the idea-based parties that have not filed), and its notice deadline. */
async function reportAndNoticeReminders(db: Db, baseUrl: string, today: string, coordinators: string[]) {
  const all = await db.select({ id: partnerships.id, name: partnerships.name, periodRule: partnerships.periodRule, reportingRule: partnerships.reportingRule }).from(partnerships);
  // The year being reported on, and the one before while its report may still be late.
  const years = [currentReportYear(today) - 1, currentReportYear(today)];
  let n = 0;
  for (const p of all) {
    const partyRows = await partiesOf(db, p.id);
    for (const year of years) {
      const due = reportDueOn(normaliseRule(p.reportingRule), year);
      const reportStage = due && reminderStage(due, today, [30], { onTheDay: false, overdue: true });
      if (due && reportStage) {
        const filed = await db
          .select({ partyId: yearlyReports.partyId })
          .from(yearlyReports)
          .where(and(eq(yearlyReports.partnershipId, p.id), eq(yearlyReports.year, year), isNotNull(yearlyReports.submittedAt)));
        for (const party of partyRows.filter((x) => x.sector === "idea" && participatesOn(x, today) && !filed.some((f) => f.partyId === x.id))) {
          const params = { year, party: party.name, date: due, stageKey: `notify.stage.${reportStage}` };
          const userIds = await speakersFor(db, p.id, [party.id]);
          n += await notify(
            db,
            { kind: "report.due", userIds, params, link: `/partnerships/${p.id}/reports?year=${year}`, eventKey: `report-due:${party.id}:${year}:${reportStage}`, dueOn: due },
            baseUrl
          );
        }
      }
    }
    const deadline = p.periodRule ? periodStatus(p.periodRule, today).noticeDeadline : null;
    const noticeStage = deadline && reminderStage(deadline, today, [60, 14], { onTheDay: false, overdue: false });
    if (deadline && noticeStage) {
      const publicSpeakers = await speakersFor(
        db,
        p.id,
        partyRows.filter((x) => x.sector === "public").map((x) => x.id)
      );
      const params = { partnership: p.name, date: deadline, stageKey: `notify.stage.${noticeStage}` };
      n += await notify(
        db,
        {
          kind: "notice.deadline",
          userIds: [...coordinators, ...publicSpeakers],
          params,
          link: `/partnerships/${p.id}`,
          eventKey: `notice-deadline:${p.id}:${deadline}:${noticeStage}`,
          dueOn: deadline,
        },
        baseUrl
      );
    }
  }
  return n;
}
