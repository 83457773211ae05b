import { HISTORY_KINDS, type HistoryKind } from "../domain/history";
import { z } from "zod";
import type { HistoryFilter } from "./history-query";
import { isDateInRange } from "./input";

/**
 * The history's filter from the query string (GET, so it works without JavaScript and links can be
 * shared). Anything unknown falls back to "no filter"; a malformed date is reported next to its field.
 */
export function parseHistoryFilter(params: URLSearchParams): { filter: HistoryFilter; errors: { from?: true; to?: true } } {
  const kind = params.get("kind");
  const person = params.get("person");
  const date = (name: "from" | "to") => {
    const v = params.get(name)?.trim() ?? "";
    return v === "" ? { value: null } : isDateInRange(v) ? { value: v } : { value: null, bad: true as const };
  };
  const from = date("from");
  const to = date("to");
  const page = Number(params.get("page"));
  return {
    filter: {
      kind: (HISTORY_KINDS as readonly string[]).includes(kind ?? "") ? (kind as HistoryKind) : null,
      personId: z.uuid().safeParse(person).success ? person : null,
      from: from.value,
      to: to.value,
      page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    },
    errors: { ...(from.bad ? { from: true } : {}), ...(to.bad ? { to: true } : {}) },
  };
}
