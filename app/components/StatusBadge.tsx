import type { ReactNode } from "react";

/**
 * How a status reads at a glance. The colour only repeats what the text says (WCAG 1.4.1):
 * done/adopted are "good", overdue/not adopted "bad", awaiting someone "waiting", the rest "neutral".
 */
export type StatusTone = "good" | "bad" | "waiting" | "info" | "neutral";

export function StatusBadge({ tone, children }: { tone: StatusTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
