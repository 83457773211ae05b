import type { IsoDate } from "./iso-date";

// How each agreement pays (000 §7, 002, 003, 004 §5.2); docs/decisions/019-agreements-as-data.md.

export type PaymentSchedule =
  /** Paid once, after the nämnd's decision (000 §7). */
  | { kind: "oneOff" }
  /** Paid once a year in the given month (002: January). */
  | { kind: "yearly"; month: number }
  /** Invoiced by the idea-based party (003). */
  | { kind: "invoice" };

/** When the public party may ask for money back: unused funds at the end (000 §7), funds not used
 *  "för avsett ändamål" (002), or after a breach of commitments (004 §5.4 Återkrav). */
export type Repayment = "unused" | "misused" | "breach";

export type FundingRule =
  | { kind: "oneOff"; amount: number; schedule: PaymentSchedule; repayment: Repayment[] }
  | {
      kind: "yearly";
      /** Amounts by year, the latest applying from its year on (003: 550 000, then 700 000). */
      amounts: { fromYear: number; toYear?: number; amount: number; reference?: string }[];
      /** Indexed yearly from this year on by the named index (002: from 2026). */
      indexation?: { fromYear: number; index: string };
      schedule: PaymentSchedule;
      repayment: Repayment[];
    }
  /** Each party's appendix states its grant (004 §5.2). */
  | { kind: "perAppendix"; schedule: PaymentSchedule | null; repayment: Repayment[] };

export interface FundsCondition {
  /** 004 §5.1: the period holds only if funds are decided. */
  conditional: boolean;
  /** The agreement's clause that makes it so ("004 §5.1"), when recorded. */
  clause?: string;
  decidedOn?: IsoDate;
  reference?: string;
}

/** The amount of a rule's year as the agreement states it, before any indexation; null when it states none. */
function statedAmount(rule: Extract<FundingRule, { kind: "yearly" }>, year: number): number | null {
  const applying = rule.amounts.filter((a) => a.fromYear <= year && (a.toYear === undefined || year <= a.toYear));
  // A decision for a bounded span (003: 700 000 for 2022–2024) overrides the standing amount.
  const bounded = applying.filter((a) => a.toYear !== undefined);
  const pick = (bounded.length ? bounded : applying).sort((a, b) => b.fromYear - a.fromYear)[0];
  return pick?.amount ?? null;
}

/** An index figure in per cent as text ("2.6", "-0.5"); null when it is not one. */
export function parsePercent(value: string): number | null {
  return /^-?\d{1,3}([.,]\d{1,2})?$/.test(value.trim()) ? Number(value.trim().replace(",", ".")) : null;
}

/**
 * The amount the rule proposes for `year`, in whole kronor: the one-off amount (000 §7); the year's
 * stated amount (003), indexed from the indexation's first year on by each year's figure, compounding
 * and rounded to whole kronor each year (002); null when the agreement states none for the year
 * (004: each party's appendix) or an index figure it needs is not recorded yet.
 */
export function proposedAmount(rule: FundingRule | null, year: number, indexes: ReadonlyMap<number, string>): number | null {
  if (!rule || rule.kind === "perAppendix") return null;
  if (rule.kind === "oneOff") return rule.amount;
  const from = rule.indexation?.fromYear;
  if (from === undefined || year < from) return statedAmount(rule, year);
  let amount = statedAmount(rule, from - 1);
  for (let y = from; y <= year && amount !== null; y++) {
    const percent = parsePercent(indexes.get(y) ?? "");
    amount = percent === null ? null : Math.round(amount * (1 + percent / 100));
  }
  return amount;
}

/** When the year's payment falls due by the schedule: the last day of its month (002: January); null when the date is the decision's or the invoice's. */
export function scheduledDueOn(schedule: PaymentSchedule | null, year: number): IsoDate | null {
  if (schedule?.kind !== "yearly") return null;
  const month = String(schedule.month).padStart(2, "0");
  const last = new Date(Date.UTC(year, schedule.month, 0)).getUTCDate();
  return `${year}-${month}-${String(last).padStart(2, "0")}` as IsoDate;
}

export type PaymentStatus = "due" | "paid" | "stopped" | "reclaimed";

export interface FundsYearTotals {
  year: number;
  granted: number;
  paid: number;
  stopped: number;
  reclaimed: number;
  /** Granted and not yet paid (stopped payments included: they are owed once the stop is lifted). */
  outstanding: number;
}

/**
 * The totals by year of grants and their payments, a payment counting under its grant's year.
 * `status` is the payment's status as shown (a due payment of a stopped party counts as stopped).
 */
export function fundsTotals(
  grantsByYear: readonly { year: number; amount: number }[],
  paymentsByYear: readonly { year: number; amount: number; status: PaymentStatus }[],
): FundsYearTotals[] {
  const years = [...new Set([...grantsByYear.map((g) => g.year), ...paymentsByYear.map((p) => p.year)])].sort((a, b) => a - b);
  return years.map((year) => {
    const sum = (status: PaymentStatus) => paymentsByYear.filter((p) => p.year === year && p.status === status).reduce((s, p) => s + p.amount, 0);
    const granted = grantsByYear.filter((g) => g.year === year).reduce((s, g) => s + g.amount, 0);
    // A reclaimed payment was paid first, then repaid.
    const paid = sum("paid") + sum("reclaimed");
    return { year, granted, paid, stopped: sum("stopped"), reclaimed: sum("reclaimed"), outstanding: Math.max(0, granted - paid) };
  });
}

/**
 * What a party must repay at the end when the rule reclaims unused funds (000 §7): what it was paid,
 * less what was already reclaimed and the costs its yearly reports state; null when the rule does not
 * reclaim unused funds or no report states costs yet.
 */
export function unusedToRepay(rule: FundingRule | null, paid: number, reclaimed: number, reportedCosts: readonly number[]): number | null {
  if (!rule?.repayment.includes("unused") || reportedCosts.length === 0) return null;
  const costs = reportedCosts.reduce((s, c) => s + c, 0);
  return Math.max(0, paid - reclaimed - costs);
}
