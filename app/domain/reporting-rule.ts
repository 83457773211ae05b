import { endOfMonth, format, parseISO, addMonths, differenceInCalendarDays } from "date-fns";
import type { IsoDate } from "./iso-date";
import { FINANCIAL_KEYS, isStatisticKey, type StatisticKey } from "./yearly-report";

// What a partnership's yearly report must hold differs per agreement (000 §9, 002, 003, 004 §4),
// so it is data next to the period rule; docs/decisions/019-agreements-as-data.md.

/** Documents a report may have to bring along. */
export const ATTACHMENT_KINDS = ["activityReport", "activityPlan", "qualityAppendix", "accounts"] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export type ReportDue =
  /** "senast en månad efter varje verksamhetsår" (000 §9): so many months after the year ends. */
  | { kind: "afterYearEnd"; months: number }
  /** The agreement sets no date: a report is then "not yet filed", never "overdue". */
  | { kind: "none" };

export interface ReportingRule {
  due: ReportDue;
  narrative: boolean;
  /** Statistics each report must give; the steering group decides the set (§3.1). */
  statistics: StatisticKey[];
  /** Those of `statistics` to give split by gender (004 §4: people reached; 000 §9: support conversations). */
  byGender: StatisticKey[];
  attachments: AttachmentKind[];
  /** Whether amounts (grant, costs, remaining) must be given. */
  financial: boolean;
  /** 000 §9: the accounts go to the steering group "för granskning och godkännande". */
  accountsApproval: boolean;
  /** The adopted steering decision that set the statistics, once one has. */
  statisticsDecisionId?: string;
}

/** For a partnership whose agreement has not been read into a rule: a narrative, no date, nothing else asked. */
export const DEFAULT_REPORTING_RULE: ReportingRule = {
  due: { kind: "none" },
  narrative: true,
  statistics: [],
  byGender: [],
  attachments: [],
  financial: false,
  accountsApproval: false,
};

const GENDERED = /^(.+)(Women|Men|Other)$/;

/**
 * The rule as stored, or the default; statistics once stored as flat gendered keys
 * ("reachedWomen", …) read as the base statistic given by gender, and unknown keys are dropped.
 */
export function normaliseRule(stored: ReportingRule | null | undefined): ReportingRule {
  if (!stored) return DEFAULT_REPORTING_RULE;
  const statistics: string[] = [];
  const byGender: string[] = [...(stored.byGender ?? [])];
  for (const key of stored.statistics ?? []) {
    const split = GENDERED.exec(key);
    if (split && isStatisticKey(split[1])) {
      statistics.push(split[1]);
      byGender.push(split[1]);
    } else statistics.push(key);
  }
  const known = (keys: string[]) => [...new Set(keys)].filter(isStatisticKey);
  const stats = known(statistics);
  return {
    ...DEFAULT_REPORTING_RULE,
    ...stored,
    statistics: stats,
    byGender: known(byGender).filter((k) => stats.includes(k)),
    attachments: ATTACHMENT_KINDS.filter((k) => (stored.attachments ?? []).includes(k)),
  };
}

export const GENDER_SUFFIXES = ["Women", "Men", "Other"] as const;

/** The figures a report gives: `<key>Women`, `<key>Men`, `<key>Other` for a statistic by gender, else `<key>`. */
export function statisticFields(rule: Pick<ReportingRule, "statistics" | "byGender">): string[] {
  return rule.statistics.flatMap((k) => (rule.byGender.includes(k) ? GENDER_SUFFIXES.map((g) => `${k}${g}`) : [k]));
}

/** A figure's statistic and, when split, its gender. */
export function fieldOf(field: string): { key: string; gender?: (typeof GENDER_SUFFIXES)[number] } {
  const split = GENDERED.exec(field);
  return split && isStatisticKey(split[1]) ? { key: split[1], gender: split[2] as (typeof GENDER_SUFFIXES)[number] } : { key: field };
}

/** The day the report for `year` is due, or null when the agreement sets none. */
export function dueOn(rule: Pick<ReportingRule, "due">, year: number): IsoDate | null {
  if (rule.due.kind === "none") return null;
  return format(endOfMonth(addMonths(parseISO(`${year}-12-01`), rule.due.months)), "yyyy-MM-dd");
}

/** Reminders start on 1 December of the year reported on. */
export const reminderFrom = (year: number): IsoDate => `${year}-12-01`;

export type ReportStatus =
  | { status: "filed"; dueOn: IsoDate | null }
  | { status: "notYetFiled"; dueOn: null }
  | { status: "notYetDue"; dueOn: IsoDate }
  | { status: "reminder"; dueOn: IsoDate; daysLeft: number }
  | { status: "overdue"; dueOn: IsoDate; daysLate: number };

/** Where a party's report for `year` stands on `today` (Stockholm date): never overdue without a due date. */
export function reportStatus(rule: Pick<ReportingRule, "due">, year: number, filed: boolean, today: IsoDate): ReportStatus {
  const due = dueOn(rule, year);
  if (filed) return { status: "filed", dueOn: due };
  if (due === null) return { status: "notYetFiled", dueOn: null };
  const days = differenceInCalendarDays(parseISO(due), parseISO(today));
  if (days < 0) return { status: "overdue", dueOn: due, daysLate: -days };
  if (today >= reminderFrom(year)) return { status: "reminder", dueOn: due, daysLeft: days };
  return { status: "notYetDue", dueOn: due };
}

export interface ReportContent {
  narrative: string;
  statistics: Partial<Record<string, number>>;
  financial: Partial<Record<string, number>>;
  attachments: Partial<Record<string, string>>;
}

export type ReportProblem = "report.narrativeRequired" | "report.statisticRequired" | "report.attachmentRequired" | "report.amountRequired" | "report.remainingMismatch";

/**
 * What a filed report lacks under its rule, by field: the narrative, each figure (each gender of a
 * split statistic), each document, each amount; "Kvar" must be grant minus costs, below zero for a deficit.
 */
export function reportProblems(rule: ReportingRule, report: ReportContent): Record<string, ReportProblem> {
  const problems: Record<string, ReportProblem> = {};
  if (rule.narrative && !report.narrative.trim()) problems.narrative = "report.narrativeRequired";
  for (const f of statisticFields(rule)) if (typeof report.statistics[f] !== "number") problems[f] = "report.statisticRequired";
  for (const k of rule.attachments) if (!report.attachments[k]) problems[k] = "report.attachmentRequired";
  if (rule.financial) {
    for (const k of FINANCIAL_KEYS) if (typeof report.financial[k] !== "number") problems[k] = "report.amountRequired";
    const { grantReceived, costs, remaining } = report.financial;
    if (typeof grantReceived === "number" && typeof costs === "number" && typeof remaining === "number" && remaining !== grantReceived - costs)
      problems.remaining = "report.remainingMismatch";
  }
  return problems;
}

export type AccountsState = "submitted" | "approved" | "sentBack";

/**
 * Where a report's accounts stand with the steering group (000 §9): the latest review, unless the
 * report was corrected after it, which submits it anew.
 */
export function accountsState(reviews: readonly { outcome: "approved" | "sent_back"; at: Date }[], updatedAt: Date): AccountsState {
  const latest = reviews.reduce<(typeof reviews)[number] | null>((a, r) => (!a || r.at >= a.at ? r : a), null);
  if (!latest || latest.at < updatedAt) return "submitted";
  return latest.outcome === "approved" ? "approved" : "sentBack";
}
