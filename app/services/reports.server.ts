import { and, asc, eq, isNotNull, lte } from "drizzle-orm";
import type { Db } from "../../db/client";
import { partnerships, yearlyReports } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import {
  DEFAULT_STATISTIC_KEYS,
  compileReports,
  normaliseStatisticKeys,
  reachedByYear,
  reportingParties,
  reportStatus,
  type FiledReport,
  type FinancialKey,
  type StatisticKey,
} from "../domain/yearly-report";
import type { IsoDate } from "../domain/iso-date";
import { audit } from "./audit.server";
import { ok, type Result } from "./result";
import { partiesOf } from "./partnerships.server";

export interface ReportInput {
  narrative: string;
  statistics: Partial<Record<StatisticKey, number>>;
  financialUrl: string | null;
  financial: Partial<Record<FinancialKey, number>>;
}

/** The statistics the steering group decided on, or the default set. */
export async function statisticKeys(db: Db, partnershipId: string): Promise<StatisticKey[]> {
  const [row] = await db.select({ rule: partnerships.reportingRule }).from(partnerships).where(eq(partnerships.id, partnershipId));
  return row?.rule ? normaliseStatisticKeys(row.rule.statistics) : [...DEFAULT_STATISTIC_KEYS];
}

export async function setStatisticKeys(db: Db, partnershipId: string, keys: StatisticKey[], actor: SessionUser): Promise<Result> {
  const normalised = normaliseStatisticKeys(keys);
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ rule: partnerships.reportingRule }).from(partnerships).where(eq(partnerships.id, partnershipId)).for("update");
    const rule = row?.rule ?? { due: { kind: "afterYearEnd" as const, months: 1 }, narrative: false, attachments: [], financial: false, accountsApproval: false, statistics: [], byGender: [] };
    await tx.update(partnerships).set({ reportingRule: { ...rule, statistics: normalised } }).where(eq(partnerships.id, partnershipId));
    await audit(tx, { actorId: actor.id, action: "report.statistics", subject: `partnership:${partnershipId}`, details: { keys: normalised } });
  });
  return ok();
}

/** Files (or corrects) a party's report for the year; the first filing's time is kept. */
export async function fileReport(db: Db, partnershipId: string, partyId: string, year: number, input: ReportInput, actor: SessionUser): Promise<Result> {
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
 * Every idea-based party's report for `year` with its status on `today`, the year's totals,
 * and people reached per year up to `year` for the trend.
 */
export async function reportsOverview(db: Db, partnershipId: string, year: number, today: IsoDate) {
  const [[partnership], partyRows, keys, rows] = await Promise.all([
    db.select({ id: partnerships.id, name: partnerships.name }).from(partnerships).where(eq(partnerships.id, partnershipId)),
    partiesOf(db, partnershipId),
    statisticKeys(db, partnershipId),
    db
      .select()
      .from(yearlyReports)
      .where(and(eq(yearlyReports.partnershipId, partnershipId), lte(yearlyReports.year, year), isNotNull(yearlyReports.submittedAt)))
      .orderBy(asc(yearlyReports.year)),
  ]);
  const filed: FiledReport[] = rows;
  const ofYear = rows.filter((r) => r.year === year);
  // A party that has left owes nothing more; a report it filed stays listed.
  const owing = reportingParties(partyRows, today);
  const ideaParties = partyRows.filter((p) => owing.includes(p) || ofYear.some((r) => r.partyId === p.id));
  return {
    partnership,
    year,
    keys,
    parties: ideaParties.map((p) => {
      const report = ofYear.find((r) => r.partyId === p.id) ?? null;
      return { id: p.id, name: p.name, report, status: reportStatus(year, Boolean(report), today) };
    }),
    compiled: compileReports(ofYear, keys),
    trend: reachedByYear(filed),
  };
}

export type ReportsOverview = Awaited<ReturnType<typeof reportsOverview>>;

/** The overview as plain data: for pages, the CSV and the API alike. */
export function overviewView(o: ReportsOverview) {
  return {
    partnership: o.partnership,
    year: o.year,
    statistics: o.keys,
    parties: o.parties.map((p) => ({
      id: p.id,
      name: p.name,
      status: p.status,
      report: p.report && {
        narrative: p.report.narrative,
        statistics: p.report.statistics,
        financial: p.report.financial,
        financialUrl: p.report.financialUrl,
        submittedAt: p.report.submittedAt!.toISOString(),
        updatedAt: p.report.updatedAt.toISOString(),
      },
    })),
    totals: o.compiled.totals,
    financialTotals: o.compiled.financial,
    gender: o.compiled.gender,
    trend: o.trend,
  };
}

export type OverviewView = ReturnType<typeof overviewView>;
