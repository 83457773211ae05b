import type { StatisticKey } from "./yearly-report";

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
