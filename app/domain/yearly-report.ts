import type { IsoDate } from "./iso-date";
import { participatingParties, type Participant } from "./participation";
import { reminderFrom } from "./reporting-rule";

/** Statistics a yearly report may ask for; the rule picks its set and which are split by gender (000 §9, 004 §4). */
export const STATISTIC_KEYS = [
  "reached",
  "contactsInPerson",
  "contactsPhone",
  "contactsChat",
  "contactsEmail",
  "supportConversations",
  "volunteers",
  "volunteerHours",
  "employees",
  "childrenReached",
  "shelterNights",
  "groupActivities",
] as const;
export type StatisticKey = (typeof STATISTIC_KEYS)[number];

/** People reached, split by gender: the figures the gender chart reads. */
export const GENDER_KEYS = ["reachedWomen", "reachedMen", "reachedOther"] as const;

/** Amounts of the financial report, in whole kronor; "remaining" is below zero for a deficit. */
export const FINANCIAL_KEYS = ["grantReceived", "costs", "remaining"] as const;
export type FinancialKey = (typeof FINANCIAL_KEYS)[number];

export const isStatisticKey = (key: string): key is StatisticKey => (STATISTIC_KEYS as readonly string[]).includes(key);

/** In catalogue order, without duplicates, so a stored set always reads the same. */
export function normaliseStatisticKeys(keys: readonly string[]): StatisticKey[] {
  return STATISTIC_KEYS.filter((k) => keys.includes(k));
}

/** Who owes yearly reports on `day` (004 §4): the idea-based parties still taking part. */
export function reportingParties<T extends Pick<Participant, "participatesUntil"> & { sector: "public" | "idea" }>(parties: readonly T[], day: IsoDate): T[] {
  return participatingParties(parties, day).filter((p) => p.sector === "idea");
}

export interface FiledReport {
  partyId: string;
  year: number;
  statistics: Partial<Record<string, number>>;
  financial: Partial<Record<string, number>>;
}

export interface Compiled {
  totals: Record<string, number>;
  financial: Record<FinancialKey, number>;
  gender: { women: number; men: number; other: number; total: number };
}

const sum = (reports: readonly FiledReport[], pick: (r: FiledReport) => number | undefined) =>
  reports.reduce((acc, r) => acc + (pick(r) ?? 0), 0);

/** All parties' reports of one year added up. */
export function compileReports(reports: readonly FiledReport[], fields: readonly string[]): Compiled {
  const totals = Object.fromEntries(fields.map((k) => [k, sum(reports, (r) => r.statistics[k])]));
  const financial = Object.fromEntries(FINANCIAL_KEYS.map((k) => [k, sum(reports, (r) => r.financial[k])])) as Record<FinancialKey, number>;
  const [women, men, other] = GENDER_KEYS.map((k) => sum(reports, (r) => r.statistics[k]));
  return { totals, financial, gender: { women, men, other, total: women + men + other } };
}

/** Share of the whole in whole per cent; 0 when there is nothing to share. */
export const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

/** People reached per year, oldest first, in total and by gender, for the trend chart. */
export function reachedByYear(reports: readonly FiledReport[]): { year: number; reached: number; women: number; men: number; other: number }[] {
  const years = [...new Set(reports.map((r) => r.year))].sort((a, b) => a - b);
  return years.map((year) => {
    const { women, men, other, total } = compileReports(reports.filter((r) => r.year === year), GENDER_KEYS).gender;
    return { year, reached: total, women, men, other };
  });
}

export interface CsvLabels {
  party: string;
  total: string;
  statistic: (field: string) => string;
  financial: (key: FinancialKey) => string;
}

/** The columns of a year's compilation under the partnership's rule: its figures, and the amounts when it asks for them. */
export interface Columns {
  statistics: readonly string[];
  financial: readonly FinancialKey[];
}

/** One row per party and a totals row, headed by the labels: the table the committee reads. */
export function reportCsvRows(parties: readonly { id: string; name: string }[], reports: readonly FiledReport[], columns: Columns, labels: CsvLabels): string[][] {
  const { statistics, financial } = columns;
  const header = [labels.party, ...statistics.map(labels.statistic), ...financial.map(labels.financial)];
  const cell = (n: number | undefined) => (n === undefined ? "" : String(n));
  const rows = parties.map((p) => {
    const r = reports.find((x) => x.partyId === p.id);
    return [p.name, ...statistics.map((k) => cell(r?.statistics[k])), ...financial.map((k) => cell(r?.financial[k]))];
  });
  const c = compileReports(reports, statistics);
  const totals = [labels.total, ...statistics.map((k) => String(c.totals[k])), ...financial.map((k) => String(c.financial[k]))];
  return [header, ...rows, totals];
}

/** Semicolon-separated with a byte-order mark and CRLF, as Excel with Swedish settings opens it. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const quote = (v: string) => (/[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  // A leading =, +, - or @ would be run as a formula by spreadsheet programs.
  const safe = (v: string) => (/^[=+\-@]/.test(v) && !/^-?\d+$/.test(v) ? `'${v}` : v);
  return "\uFEFF" + rows.map((r) => r.map((v) => quote(safe(v))).join(";")).join("\r\n") + "\r\n";
}

/** The year whose report is being asked for: last year's until reminders for this year begin. */
export function currentReportYear(today: IsoDate): number {
  const year = Number(today.slice(0, 4));
  return today >= reminderFrom(year) ? year : year - 1;
}
