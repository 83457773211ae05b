import type { HistoryKind } from "../domain/history";
import type { IsoDate } from "../domain/iso-date";

// Zod-free, so the history page's client bundle carries no schema (see fields.ts).

export interface HistoryFilter {
  kind: HistoryKind | null;
  personId: string | null;
  from: IsoDate | null;
  to: IsoDate | null;
  page: number;
}

/** The same filter as query parameters (without the page), for paging links and the CSV export. */
export function historyQuery(filter: HistoryFilter, page?: number): string {
  const q = new URLSearchParams();
  if (filter.kind) q.set("kind", filter.kind);
  if (filter.personId) q.set("person", filter.personId);
  if (filter.from) q.set("from", filter.from);
  if (filter.to) q.set("to", filter.to);
  if (page && page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `?${s}` : "";
}
