import type postgres from "postgres";

/** The demo Stockholm steering group's meetings (004, dnr 2021/630), earliest first. */
export async function stockholmSteeringMeetings(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select m.id from meetings m join groups g on g.id = m.group_id join partnerships p on p.id = g.partnership_id
    where p.reference_number = '2021/630' and g.kind = 'steering' order by m.starts_at`;
  return rows.map((r) => r.id);
}

/**
 * The demo Stockholm steering group, its rotation pinned to one-month terms from today with
 * Södra Stockholm (802476-1044) first, so that it holds the chair now.
 */
export async function stockholmSteeringChairedBySodra(sql: postgres.Sql, today: string): Promise<string> {
  const [{ id }] = await sql<{ id: string }[]>`
    select g.id from groups g join partnerships p on p.id = g.partnership_id where p.reference_number = '2021/630' and g.kind = 'steering'`;
  await sql`update groups set rotation_order = array_prepend(p.id, array_remove(rotation_order, p.id)),
    rotation_starts_on = ${today}, rotation_unit = 'months', rotation_length = 1
    from parties p join organisations o on o.id = p.organisation_id
    where groups.id = ${id} and p.partnership_id = groups.partnership_id and o.org_number = '802476-1044'`;
  return id;
}
