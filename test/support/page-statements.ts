/**
 * How many statements each targeted page makes, the session's lookup included: pinned by
 * test/integration/query-count.test.ts and used by the page bench for each page's ceiling (the
 * floor after as many queries), so the two cannot drift apart.
 */
export const PAGE_STATEMENTS = {
  overview: 6,
  partnership: 6,
  meeting: 7,
  group: 5,
} as const;
