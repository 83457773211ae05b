import type { Locale } from "../../db/schema";

/** The text-search configuration for a language: stems as the GIN indexes do (to_tsvector('swedish' | 'english', …)). */
export const SEARCH_CONFIG = { sv: "swedish", en: "english" } as const satisfies Record<Locale, string>;
export type SearchConfig = (typeof SEARCH_CONFIG)[Locale];

export const SEARCH_KINDS = ["decision", "minutes", "case", "agendaItem", "document"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Hits shown per kind: the best ones by rank; the page says when there were more. */
export const PER_KIND = 10;

/** Longer queries are cut: websearch_to_tsquery would accept them, but nobody types a page into a search box. */
export const MAX_QUERY_LENGTH = 200;

/**
 * Characters from Unicode's private use area mark a hit in ts_headline's snippet. They never occur
 * in what people type, so the page splits on them and renders <mark> itself, escaping everything else.
 */
export const HIT_START = "\uE000";
export const HIT_END = "\uE001";

/** What the user typed, trimmed, its whitespace collapsed and control and marker characters removed; "" when nothing is left to search for. */
export function normaliseQuery(raw: string | null | undefined): string {
  if (!raw) return "";
  const query = raw
    .replace(/[\u0000-\u001f\u007f\uE000-\uF8FF]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_QUERY_LENGTH)
    .trim();
  // Only words to leave out ("-budget") would match nearly everything, read from every row's text.
  return /^(-\S+\s*)+$/.test(query) ? "" : query;
}

/** ts_headline's options: a few short fragments around the hits, marked with HIT_START/HIT_END. */
export const HEADLINE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=" … "`;

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** Splits a ts_headline snippet into plain text and hits, to be rendered as text and <mark> (never as HTML). */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest) {
    const start = rest.indexOf(HIT_START);
    if (start === -1) {
      parts.push({ text: rest.replaceAll(HIT_END, ""), hit: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start).replaceAll(HIT_END, ""), hit: false });
    const end = rest.indexOf(HIT_END, start + 1);
    const hit = rest.slice(start + 1, end === -1 ? undefined : end);
    if (hit) parts.push({ text: hit.replaceAll(HIT_START, ""), hit: true });
    rest = end === -1 ? "" : rest.slice(end + 1);
  }
  return parts.filter((p) => p.text !== "");
}
