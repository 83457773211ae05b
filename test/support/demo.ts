import type postgres from "postgres";

/** The demo Stockholm steering group's meetings (004, dnr 2021/630), earliest first. */
export async function stockholmSteeringMeetings(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select m.id from meetings m join groups g on g.id = m.group_id join partnerships p on p.id = g.partnership_id
    where p.reference_number = '2021/630' and g.kind = 'steering' order by m.starts_at`;
  return rows.map((r) => r.id);
}
