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
  decidedOn?: IsoDate;
  reference?: string;
}
