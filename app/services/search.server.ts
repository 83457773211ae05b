import { sql, type SQL } from "drizzle-orm";
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

/**
 * Full-text search over what the user may see: decisions, the newest minutes of each meeting (the
 * final text once there is one, else the latest draft), cases, agenda items and meeting documents'
 * titles. Each kind repeats its GIN index's expression (`to_tsvector('<config>', …)`, db/schema.ts
 * `fullText`) so PostgreSQL finds the candidates in the index; visibility is a join on the user's
 * groups (their partnerships' for cases), none for a coordinator. One statement, one round trip.
 */
export async function search(db: Db, user: SessionUser, query: string, locale: Locale): Promise<SearchResults> {
  const config = sql.raw(`'${SEARCH_CONFIG[locale]}'`); // a literal, as in the index expression
  const tsq = sql`websearch_to_tsquery(${config}, ${query})`;
  const vector = (expr: SQL) => sql`to_tsvector(${config}, ${expr})`;
  const groupsSeen = user.isAdmin ? sql`true` : sql`g.id in (select gm.group_id from group_members gm where gm.user_id = ${user.id})`;
  const partnershipsSeen = user.isAdmin
    ? sql`true`
    : sql`c.partnership_id in (select g.partnership_id from groups g join group_members gm on gm.group_id = g.id where gm.user_id = ${user.id})`;
  const limit = PER_KIND + 1;

  const rows = await db.execute<Row>(sql`
    with hits as (
      (select 'decision' as kind, d.id::text as id, d.id::text as target, d.text as title, g.name || ' · ' || p.name as context, d.status::text as variant,
              g.kind::text as group_kind, d.year, d.number, d.text as body, ts_rank(${vector(sql`d.text`)}, ${tsq}) as rank
         from decisions d join groups g on g.id = d.group_id join partnerships p on p.id = g.partnership_id
        where ${vector(sql`d.text`)} @@ ${tsq} and ${groupsSeen}
        order by rank desc, d.year desc, d.number desc limit ${limit})
      union all
      (select 'minutes', v.id::text, m.id::text, m.title, g.name || ' · ' || p.name, v.kind::text, null, null, null, v.text, ts_rank(${vector(sql`v.text`)}, ${tsq}) as rank
         from minutes_versions v join meetings m on m.id = v.meeting_id join groups g on g.id = m.group_id join partnerships p on p.id = g.partnership_id
        where ${vector(sql`v.text`)} @@ ${tsq} and ${groupsSeen}
          and not exists (select 1 from minutes_versions n where n.meeting_id = v.meeting_id and n.kind = v.kind and n.id > v.id)
          and (v.kind = 'final' or not exists (select 1 from minutes_versions f where f.meeting_id = v.meeting_id and f.kind = 'final'))
        order by rank desc, m.starts_at desc limit ${limit})
      union all
      (select 'case', c.id::text, c.id::text, c.title, p.name, c.kind::text, null, null, null, c.title || ' ' || c.description,
              ts_rank(${vector(sql`c.title || ' ' || c.description`)}, ${tsq}) as rank
         from cases c join partnerships p on p.id = c.partnership_id
        where ${vector(sql`c.title || ' ' || c.description`)} @@ ${tsq} and ${partnershipsSeen}
        order by rank desc, c.created_at desc limit ${limit})
      union all
      (select 'agendaItem', a.id::text, m.id::text, a.title, m.title || ' · ' || g.name, null, null, null, null, a.title, ts_rank(${vector(sql`a.title`)}, ${tsq}) as rank
         from agenda_items a join meetings m on m.id = a.meeting_id join groups g on g.id = m.group_id
        where ${vector(sql`a.title`)} @@ ${tsq} and ${groupsSeen}
        order by rank desc, m.starts_at desc limit ${limit})
      union all
      (select 'document', md.id::text, m.id::text, md.title, md.filename || ' · ' || m.title, null, null, null, null, md.title || ' ' || md.filename,
              ts_rank(${vector(sql`md.title || ' ' || md.filename`)}, ${tsq}) as rank
         from meeting_documents md join meetings m on m.id = md.meeting_id join groups g on g.id = m.group_id
        where ${vector(sql`md.title || ' ' || md.filename`)} @@ ${tsq} and ${groupsSeen}
          and not exists (select 1 from meeting_documents nd where nd.document_key = md.document_key and nd.version > md.version)
        order by rank desc, md.created_at desc limit ${limit})
    )
    select kind, id, target, title, context, variant, group_kind, year, number, ts_headline(${config}, body, ${tsq}, ${HEADLINE_OPTIONS}) as snippet
      from hits order by rank desc`);

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
