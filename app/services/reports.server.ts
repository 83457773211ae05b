import { and, asc, eq, inArray, isNotNull, lte } from "drizzle-orm";
import type { Db } from "../../db/client";
import { decisions, partnerships, yearlyReportReviews, yearlyReports } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { accountsState, normaliseRule, reportProblems, reportStatus, statisticFields, type ReportingRule } from "../domain/reporting-rule";
import { compileReports, FINANCIAL_KEYS, reachedByYear, reportingParties, type FiledReport, type StatisticKey } from "../domain/yearly-report";
import type { IsoDate } from "../domain/iso-date";
import { audit } from "./audit.server";
import { conflict, invalid, ok, type Result } from "./result";
import { partiesOf } from "./partnerships.server";
import { steeringGroupOf } from "./steering.server";

export interface ReportInput {
  narrative: string;
  statistics: Record<string, number>;
  financial: Record<string, number>;
  attachments: Record<string, string>;
  financialUrl: string | null;
}

export interface StatisticsInput {
  statistics: StatisticKey[];
  byGender: StatisticKey[];
  decisionId: string;
}

export interface ReviewInput {
  reportId: string;
  outcome: "approved" | "sent_back";
  decisionId: string;
  note: string;
}

/** The partnership's reporting rule as stored (older statistic keys read anew), or the default rule. */
export async function reportingRuleOf(db: Db, partnershipId: string): Promise<ReportingRule> {
  const [row] = await db.select({ rule: partnerships.reportingRule }).from(partnerships).where(eq(partnerships.id, partnershipId));
  return normaliseRule(row?.rule);
}

/** The adopted decision of the partnership's steering group a change cites, or why it cannot be cited. */
async function steeringDecision(db: Db, partnershipId: string, decisionId: string): Promise<Result<{ id: string }>> {
  const steering = await steeringGroupOf(db, partnershipId);
  const [d] = steering ? await db.select({ id: decisions.id, groupId: decisions.groupId, status: decisions.status }).from(decisions).where(eq(decisions.id, decisionId)) : [];
  if (!d || d.groupId !== steering?.id || d.status !== "adopted") return invalid("report.decisionRequired", "decisionId");
  return ok({ id: d.id });
}

/** The statistics every report gives, as the steering group decided: stored in the rule with the decision. */
export async function setStatistics(db: Db, partnershipId: string, input: StatisticsInput, actor: SessionUser): Promise<Result> {
  const decision = await steeringDecision(db, partnershipId, input.decisionId);
  if (!decision.ok) return decision;
  const statistics = input.statistics;
  const byGender = input.byGender.filter((k) => statistics.includes(k));
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ rule: partnerships.reportingRule }).from(partnerships).where(eq(partnerships.id, partnershipId)).for("update");
    const rule: ReportingRule = { ...normaliseRule(row?.rule), statistics, byGender, statisticsDecisionId: decision.value.id };
    await tx.update(partnerships).set({ reportingRule: rule }).where(eq(partnerships.id, partnershipId));
    await audit(tx, { actorId: actor.id, action: "report.statistics", subject: `partnership:${partnershipId}`, details: { statistics, byGender, decisionId: decision.value.id } });
  });
  return ok();
}

/** Files (or corrects) a party's report for the year once it holds what the rule asks; the first filing's time is kept. */
export async function fileReport(db: Db, partnershipId: string, partyId: string, year: number, input: ReportInput, actor: SessionUser): Promise<Result> {
  const [problem] = Object.entries(reportProblems(await reportingRuleOf(db, partnershipId), input));
  if (problem) return invalid(problem[1], problem[0]);
  await db.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .insert(yearlyReports)
      .values({ partnershipId, partyId, year, ...input, submittedAt: now, submittedBy: actor.id, updatedBy: actor.id, updatedAt: now })
      .onConflictDoUpdate({
        target: [yearlyReports.partnershipId, yearlyReports.partyId, yearlyReports.year],
        set: { ...input, updatedBy: actor.id, updatedAt: now },
      })
      .returning({ id: yearlyReports.id, submittedAt: yearlyReports.submittedAt });
    await audit(tx, {
      actorId: actor.id,
      action: row.submittedAt?.getTime() === now.getTime() ? "report.file" : "report.update",
      subject: `partnership:${partnershipId}`,
      details: { partyId, year, reportId: row.id },
    });
  });
  return ok();
}

/**
 * The steering group's review of a report's accounts (000 §9) from its adopted decision: approved,
 * or sent back to be corrected and filed again. Only a report awaiting review is reviewed.
 */
export async function reviewAccounts(db: Db, partnershipId: string, input: ReviewInput, actor: SessionUser): Promise<Result> {
  const rule = await reportingRuleOf(db, partnershipId);
  if (!rule.accountsApproval) return conflict("report.noAccountsApproval");
  const decision = await steeringDecision(db, partnershipId, input.decisionId);
  if (!decision.ok) return decision;
  return db.transaction(async (tx) => {
    const [report] = await tx
      .select({ id: yearlyReports.id, updatedAt: yearlyReports.updatedAt, submittedAt: yearlyReports.submittedAt })
      .from(yearlyReports)
      .where(and(eq(yearlyReports.id, input.reportId), eq(yearlyReports.partnershipId, partnershipId)))
      .for("update");
    if (!report?.submittedAt) return invalid("report.notFound", "reportId");
    const reviews = await tx
      .select({ outcome: yearlyReportReviews.outcome, at: yearlyReportReviews.at })
      .from(yearlyReportReviews)
      .where(eq(yearlyReportReviews.reportId, report.id));
    if (accountsState(reviews, report.updatedAt) !== "submitted") return conflict("report.notAwaitingReview");
    const [row] = await tx
      .insert(yearlyReportReviews)
      .values({ reportId: report.id, outcome: input.outcome, decisionId: decision.value.id, note: input.note, reviewedBy: actor.id, at: new Date() })
      .returning({ id: yearlyReportReviews.id });
    await audit(tx, {
      actorId: actor.id,
      action: input.outcome === "approved" ? "report.accountsApproved" : "report.accountsSentBack",
      subject: `partnership:${partnershipId}`,
      details: { reportId: report.id, reviewId: row.id, decisionId: decision.value.id },
    });
    return ok();
  });
}

/**
 * Every idea-based party's report for `year` with its status on `today` under the partnership's
 * rule, the review of its accounts where the rule asks for one, the year's totals, and people
 * reached per year up to `year` for the trend.
 */
export async function reportsOverview(db: Db, partnershipId: string, year: number, today: IsoDate) {
  const [[partnership], partyRows, rule, rows] = await Promise.all([
    db.select({ id: partnerships.id, name: partnerships.name }).from(partnerships).where(eq(partnerships.id, partnershipId)),
    partiesOf(db, partnershipId),
    reportingRuleOf(db, partnershipId),
    db
      .select()
      .from(yearlyReports)
      .where(and(eq(yearlyReports.partnershipId, partnershipId), lte(yearlyReports.year, year), isNotNull(yearlyReports.submittedAt)))
      .orderBy(asc(yearlyReports.year)),
  ]);
  const filed: FiledReport[] = rows;
  const ofYear = rows.filter((r) => r.year === year);
  const reviews = ofYear.length
    ? await db
        .select()
        .from(yearlyReportReviews)
        .where(inArray(yearlyReportReviews.reportId, ofYear.map((r) => r.id)))
        .orderBy(asc(yearlyReportReviews.id))
    : [];
  // A party that has left owes nothing more; a report it filed stays listed.
  const owing = reportingParties(partyRows, today);
  const ideaParties = partyRows.filter((p) => owing.includes(p) || ofYear.some((r) => r.partyId === p.id));
  const columns = { statistics: statisticFields(rule), financial: rule.financial ? FINANCIAL_KEYS : [] };
  return {
    partnership,
    year,
    rule,
    columns,
    parties: ideaParties.map((p) => {
      const report = ofYear.find((r) => r.partyId === p.id) ?? null;
      const own = report ? reviews.filter((r) => r.reportId === report.id) : [];
      return {
        id: p.id,
        name: p.name,
        report,
        status: reportStatus(rule, year, Boolean(report), today),
        reviews: own,
        accounts: report && rule.accountsApproval ? accountsState(own, report.updatedAt) : null,
      };
    }),
    compiled: compileReports(ofYear, columns.statistics),
    trend: reachedByYear(filed),
  };
}

export type ReportsOverview = Awaited<ReturnType<typeof reportsOverview>>;

/** The overview as plain data: for pages, the CSV and the API alike. */
export function overviewView(o: ReportsOverview) {
  return {
    partnership: o.partnership,
    year: o.year,
    rule: o.rule,
    statistics: o.columns.statistics,
    financialColumns: o.columns.financial,
    parties: o.parties.map((p) => ({
      id: p.id,
      name: p.name,
      status: p.status,
      accounts: p.accounts,
      report: p.report && {
        id: p.report.id,
        narrative: p.report.narrative,
        statistics: p.report.statistics,
        financial: p.report.financial,
        financialUrl: p.report.financialUrl,
        attachments: p.report.attachments,
        submittedAt: p.report.submittedAt!.toISOString(),
        updatedAt: p.report.updatedAt.toISOString(),
        reviews: p.reviews.map((r) => ({ outcome: r.outcome, decisionId: r.decisionId, note: r.note, at: r.at.toISOString() })),
      },
    })),
    totals: o.compiled.totals,
    financialTotals: o.compiled.financial,
    gender: o.compiled.gender,
    trend: o.trend,
  };
}

export type OverviewView = ReturnType<typeof overviewView>;
