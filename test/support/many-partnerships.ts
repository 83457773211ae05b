import { randomUUID } from "node:crypto";
import type postgres from "postgres";

/**
 * Makes `count` partnerships named "IOP Mångköping 001" … by number, each with two parties (a new
 * public organisation and the organisation `memberEmail` represents) and a steering group with that
 * member as representative, and `meetingsEach` noticed meetings a group, the k-th (from 0) k × 30 +
 * (partnership number mod 7) + 1 days ahead at 13:00–15:00 Stockholm time: all upcoming.
 */
export async function addManyPartnerships(sql: postgres.Sql, memberEmail: string, count: number, meetingsEach: number) {
  const [member] = await sql<{ id: string; organisationId: string }[]>`
    select u.id, p.organisation_id as "organisationId" from users u
    join group_members gm on gm.user_id = u.id join parties p on p.id = gm.party_id
    where lower(u.email) = ${memberEmail} limit 1`;
  const [admin] = await sql<{ id: string }[]>`select id from users where is_admin order by email limit 1`;
  const ps = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    orgId: randomUUID(),
    groupId: randomUUID(),
    publicPartyId: randomUUID(),
    ideaPartyId: randomUUID(),
    nr: String(i + 1).padStart(3, "0"),
  }));
  await sql.begin(async (tx) => {
    await tx`insert into organisations ${tx(ps.map((p) => ({ id: p.orgId, name: `Mångköpings kommun ${p.nr}`, org_number: null })))}`;
    await tx`insert into partnerships ${tx(
      ps.map((p) => ({
        id: p.id,
        name: `IOP Mångköping ${p.nr}`,
        reference_number: `MK ${p.nr}`,
        purpose: "Stöd.",
        target_group: "Alla.",
      })),
    )}`;
    await tx`insert into parties ${tx(
      ps.flatMap((p) => [
        { id: p.publicPartyId, partnership_id: p.id, organisation_id: p.orgId, sector: "public" },
        { id: p.ideaPartyId, partnership_id: p.id, organisation_id: member.organisationId, sector: "idea" },
      ]),
    )}`;
    await tx`insert into groups ${tx(
      ps.map((p) => ({
        id: p.groupId,
        partnership_id: p.id,
        kind: "steering",
        name: `Styrgrupp Mångköping ${p.nr}`,
        cadence_per: "year",
        cadence_at_least: 2,
      })),
    )}`;
    await tx`insert into group_members ${tx(
      ps.map((p) => ({ group_id: p.groupId, user_id: member.id, party_id: p.ideaPartyId, role: "representative" })),
    )}`;
    if (meetingsEach > 0)
      await tx`
        insert into meetings (group_id, title, starts_at, ends_at, location, status, noticed_at, created_by)
        select g.id, format('%s – möte %s', g.name, k + 1), (day + time '13:00') at time zone 'Europe/Stockholm',
               (day + time '15:00') at time zone 'Europe/Stockholm', 'Kommunhuset', 'noticed', now(), ${admin.id}
        from unnest(${ps.map((p) => p.groupId)}::uuid[]) with ordinality as o(id, n)
        join groups g on g.id = o.id
        cross join generate_series(0, ${meetingsEach - 1}) as k
        cross join lateral (select (now() at time zone 'Europe/Stockholm')::date + k * 30 + (o.n::int % 7) + 1 as day) d`;
  });
  return ps.map((p) => ({ id: p.id, groupId: p.groupId, name: `IOP Mångköping ${p.nr}` }));
}
