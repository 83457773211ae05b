import type postgres from "postgres";

/** The demo Stockholm steering group's meetings (004, dnr 2021/630), earliest first. */
export async function stockholmSteeringMeetings(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select m.id from meetings m join groups g on g.id = m.group_id join partnerships p on p.id = g.partnership_id
    where p.reference_number = '2021/630' and g.kind = 'steering' order by m.starts_at`;
  return rows.map((r) => r.id);
}

/**
 * The demo Stockholm steering group with the chair's rotation pinned so that the party with
 * `orgNumber` (default: Brottsofferjouren Södra Stockholm) holds it from today, in one-month terms.
 */
export async function stockholmSteeringChairedBy(sql: postgres.Sql, today: string, orgNumber = "802476-1044"): Promise<string> {
  const [{ id: groupId }] = await sql<{ id: string }[]>`
    select g.id from groups g join partnerships p on p.id = g.partnership_id where p.reference_number = '2021/630' and g.kind = 'steering'`;
  const [{ id: party }] = await sql<{ id: string }[]>`
    select p.id from parties p join organisations o on o.id = p.organisation_id join groups g on g.partnership_id = p.partnership_id
    where g.id = ${groupId} and o.org_number = ${orgNumber}`;
  await sql`update groups set rotation_order = array_prepend(${party}::uuid, array_remove(rotation_order, ${party}::uuid)),
    rotation_starts_on = ${today}, rotation_unit = 'months', rotation_length = 1 where id = ${groupId}`;
  return groupId;
}
