import type postgres from "postgres";

/** Whom a notification of `kind` about the page at `link` reached: their e-mail addresses, sorted. */
export async function toldOf(sql: postgres.Sql, kind: string, link: string): Promise<string[]> {
  const rows = await sql<{ email: string }[]>`
    select u.email from notifications n join users u on u.id = n.user_id where n.kind = ${kind} and n.link = ${link} order by u.email`;
  return rows.map((r) => r.email);
}

/** Who speaks for a party in the partnership's groups (not observers), or only in `groupId`: e-mail addresses, sorted. */
export async function speakersIn(sql: postgres.Sql, partnershipId: string, groupId?: string): Promise<string[]> {
  const inGroup = groupId ? sql`and g.id = ${groupId}` : sql``;
  const rows = await sql<{ email: string }[]>`
    select distinct u.email from group_members gm join groups g on g.id = gm.group_id join users u on u.id = gm.user_id
    where g.partnership_id = ${partnershipId} and gm.party_id is not null and gm.role <> 'observer' ${inGroup}
    order by u.email`;
  return rows.map((r) => r.email);
}
