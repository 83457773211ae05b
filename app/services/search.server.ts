import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import type { GroupKind, Locale } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { decisionLabel } from "../domain/decision";
import { HEADLINE_OPTIONS, PER_KIND, SEARCH_CONFIG, SEARCH_KINDS, type SearchKind } from "../domain/search";

export interface SearchHit {
  kind: SearchKind;
  id: string;
  href: string;
  title: string;
  /** Where it belongs: the meeting, group or partnership, for telling like hits apart. */
  context: string;
  /** ts_headline's snippet, hits between HIT_START and HIT_END. */
  snippet: string;
  /** Minutes: final or draft; a case: its kind. */
  variant: string | null;
}

export type SearchResults = Record<SearchKind, { hits: SearchHit[]; more: boolean }>;

type Row = {
  kind: SearchKind;
  id: string;
  target: string;
  title: string;
  context: string;
  variant: string | null;
  group_kind: GroupKind | null;
  year: number | null;
  number: number | null;
  snippet: string;
};

const dialect = new PgDialect();

/**
 * Candidates ranked per kind: the newest matches the user may see. ts_rank needs each row's
 * tsvector, which PostgreSQL computes from the text (there is no stored vector): about 0.7 ms for
 * 3 kB of minutes. Ranking every match of a common word ("beslut") would cost seconds on a large
 * register; ranking the newest CANDIDATES keeps a search bounded whatever it matches (decision 024).
 */
const CANDIDATES = { decision: 50, minutes: 15, case: 50, agendaItem: 50, document: 50 } as const satisfies Record<SearchKind, number>;

/**
 * Full-text search over what the user may see: decisions, the newest minutes of each meeting (the
 * final text once there is one, else the latest draft), cases, agenda items and meeting documents'
 * titles. Each kind's matches come from its GIN index (the query repeats the index's expression,
 * `to_tsvector('<config>', …)`, db/schema.ts `fullText`) as a materialised list of ids, so no
 * tsvector is computed to find them; visibility is a join on the user's groups (their
 * partnerships' for cases), none for a coordinator; the newest visible candidates are ranked and
 * the best PER_KIND get a snippet. One statement, in a transaction that keeps the planner off
 * sequential scans: with a word in most rows it would otherwise compute every row's tsvector.
 */
export async function search(db: Db, user: SessionUser, query: string, locale: Locale): Promise<SearchResults> {
  // Prepared, so it is parsed once per connection, but planned for each query (decision 028): a plan cached
  // for any words and any user (PostgreSQL's generic plan after five runs) took a third longer than one
  // made for these words, planning included. Bypasses drizzle's unprepared execute.
  const { sql: text, params } = dialect.sqlToQuery(searchStatement(user, query, locale));
  const rows = await db.$client.begin(async (tx) => {
    await tx`set local enable_seqscan = off`;
    await tx`set local plan_cache_mode = force_custom_plan`;
    return tx.unsafe<Row[]>(text, params as never[], { prepare: true });
  });

  const results = Object.fromEntries(SEARCH_KINDS.map((k) => [k, { hits: [] as SearchHit[], more: false }])) as SearchResults;
  for (const r of rows) {
    const bucket = results[r.kind];
    if (bucket.hits.length === PER_KIND) {
      bucket.more = true;
      continue;
    }
    bucket.hits.push({
      kind: r.kind,
      id: r.id,
      href: hrefOf(r),
      title: r.kind === "decision" && r.group_kind && r.year && r.number ? decisionLabel(r.group_kind, r.year, r.number) : r.title,
      context: r.context,
      snippet: r.snippet,
      variant: r.variant,
    });
  }
  return results;
}

/** The one statement behind `search`, apart so its plan can be read (EXPLAIN ANALYZE in the benchmark). */
export function searchStatement(user: SessionUser, query: string, locale: Locale): SQL {
  const config = sql.raw(`'${SEARCH_CONFIG[locale]}'`); // a literal, as in the index expression
  // A quoted phrase matches its words anywhere in the text: a phrase (<->) needs positions, which GIN
  // lacks, so PostgreSQL would recheck every candidate's text — seconds when the words are common.
  const tsq = sql`regexp_replace(websearch_to_tsquery(${config}, ${query})::text, '<[-0-9]+>', '&', 'g')::tsquery`;
  const vector = (expr: SQL) => sql`to_tsvector(${config}, ${expr})`;
  const groupsSeen = user.isAdmin ? sql`true` : sql`g.id in (select gm.group_id from group_members gm where gm.user_id = ${user.id})`;
  const partnershipsSeen = user.isAdmin
    ? sql`true`
    : sql`c.partnership_id in (select g.partnership_id from groups g join group_members gm on gm.group_id = g.id where gm.user_id = ${user.id})`;
  const limit = PER_KIND + 1;

  return sql`
    with q as materialized (select ${tsq} as q),
    decision_ids as materialized (select d.id from decisions d where ${vector(sql`d.text`)} @@ ${tsq}),
    minutes_ids as materialized (select v.id from minutes_versions v where v.searchable and ${vector(sql`v.text`)} @@ ${tsq}),
    case_ids as materialized (select c.id from cases c where ${vector(sql`c.title || ' ' || c.description`)} @@ ${tsq}),
    item_ids as materialized (select a.id from agenda_items a where ${vector(sql`a.title`)} @@ ${tsq}),
    document_ids as materialized (select md.id from meeting_documents md where ${vector(sql`md.title || ' ' || md.filename`)} @@ ${tsq}),
    hits as (
      (select 'decision' as kind, d.id::text as id, d.id::text as target, d.text as title, x.context, d.status::text as variant,
              x.group_kind::text as group_kind, d.year, d.number, d.text as body, ts_rank(${vector(sql`d.text`)}, q.q) as rank
         from (select d.id, g.kind as group_kind, g.name || ' · ' || p.name as context
                 from decision_ids i join decisions d on d.id = i.id join groups g on g.id = d.group_id join partnerships p on p.id = g.partnership_id
                where ${groupsSeen} order by d.created_at desc limit ${CANDIDATES.decision}) x
         join decisions d on d.id = x.id, q
        order by rank desc, d.year desc, d.number desc limit ${limit})
      union all
      (select 'minutes', v.id::text, v.meeting_id::text, x.title, x.context, v.kind::text, null, null, null, v.text, ts_rank(${vector(sql`v.text`)}, q.q) as rank
         from (select v.id, m.title, m.starts_at, g.name || ' · ' || p.name as context
                 from minutes_ids i join minutes_versions v on v.id = i.id join meetings m on m.id = v.meeting_id
                 join groups g on g.id = m.group_id join partnerships p on p.id = g.partnership_id
                where ${groupsSeen}
                order by m.starts_at desc limit ${CANDIDATES.minutes}) x
         join minutes_versions v on v.id = x.id, q
        order by rank desc, x.starts_at desc limit ${limit})
      union all
      (select 'case', c.id::text, c.id::text, c.title, x.context, c.kind::text, null, null, null, c.title || ' ' || c.description,
              ts_rank(${vector(sql`c.title || ' ' || c.description`)}, q.q) as rank
         from (select c.id, p.name as context
                 from case_ids i join cases c on c.id = i.id join partnerships p on p.id = c.partnership_id
                where ${partnershipsSeen} order by c.created_at desc limit ${CANDIDATES.case}) x
         join cases c on c.id = x.id, q
        order by rank desc, c.created_at desc limit ${limit})
      union all
      (select 'agendaItem', a.id::text, a.meeting_id::text, a.title, x.context, null, null, null, null, a.title, ts_rank(${vector(sql`a.title`)}, q.q) as rank
         from (select a.id, m.starts_at, m.title || ' · ' || g.name as context
                 from item_ids i join agenda_items a on a.id = i.id join meetings m on m.id = a.meeting_id join groups g on g.id = m.group_id
                where ${groupsSeen} order by m.starts_at desc limit ${CANDIDATES.agendaItem}) x
         join agenda_items a on a.id = x.id, q
        order by rank desc, x.starts_at desc limit ${limit})
      union all
      (select 'document', md.id::text, md.meeting_id::text, md.title, x.context, null, null, null, null, md.title || ' ' || md.filename,
              ts_rank(${vector(sql`md.title || ' ' || md.filename`)}, q.q) as rank
         from (select md.id, md.filename || ' · ' || m.title as context
                 from document_ids i join meeting_documents md on md.id = i.id join meetings m on m.id = md.meeting_id join groups g on g.id = m.group_id
                where ${groupsSeen}
                  and not exists (select 1 from meeting_documents nd where nd.document_key = md.document_key and nd.version > md.version)
                order by md.created_at desc limit ${CANDIDATES.document}) x
         join meeting_documents md on md.id = x.id, q
        order by rank desc, md.created_at desc limit ${limit})
    )
    select kind, id, target, title, context, variant, group_kind, year, number, ts_headline(${config}, body, q.q, ${HEADLINE_OPTIONS}) as snippet
      from hits, q order by rank desc`;
}

function hrefOf(r: Row): string {
  switch (r.kind) {
    case "decision":
      return `/decisions/${r.target}`;
    case "minutes":
      return `/meetings/${r.target}/minutes`;
    case "case":
      return `/cases/${r.target}`;
    case "agendaItem":
    case "document":
      return `/meetings/${r.target}`;
  }
}
