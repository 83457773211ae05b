import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import type { PeriodRule } from "../../app/domain/period";

/**
 * Ids for `count` generated partnerships, made here so rows can refer to each other in multi-row
 * INSERTs: each gets an organisation, a public and an idea-based party and a steering group, and a
 * number "001" … for its names.
 */
export function generatedPartnerships(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    orgId: randomUUID(),
    publicPartyId: randomUUID(),
    ideaPartyId: randomUUID(),
    groupId: randomUUID(),
    nr: String(i + 1).padStart(3, "0"),
  }));
}

/** The demo administrator and a demo member with the organisation of (one of) the parties they represent. */
export async function demoPeople(tx: postgres.TransactionSql, adminEmail: string, memberEmail: string) {
  const [admin] = await tx<{ id: string }[]>`select id from users where lower(email) = ${adminEmail}`;
  const [member] = await tx<{ id: string; organisationId: string }[]>`
    select u.id, p.organisation_id as "organisationId"
    from users u
    join group_members gm on gm.user_id = u.id
    join parties p on p.id = gm.party_id
    where lower(u.email) = ${memberEmail}
    limit 1`;
  if (!admin || !member) throw new Error(`demo data lacks ${adminEmail} or a membership of ${memberEmail}`);
  return { admin, member };
}

export interface ManyPartnerships {
  /** The demo member who represents an idea-based party in each, and the administrator who convenes the meetings. */
  memberEmail: string;
  adminEmail: string;
  count: number;
  meetingsEach: number;
  /** In the names: "IOP Mångköping 001", "Mångköpings kommun 001", "Styrgrupp Mångköping 001". */
  town?: string;
  /** The first meeting of partnership n is this many days from today plus n mod 7; the next ones 30 days apart. */
  firstMeetingInDays?: number;
  periodRule?: PeriodRule;
}

/**
 * Makes `count` partnerships, each with two parties (a new public organisation and the organisation
 * the member represents) and a steering group with the member as representative, and `meetingsEach`
 * noticed meetings a group at 13:00–15:00 Stockholm time (by default all upcoming), in one transaction.
 */
export async function addManyPartnerships(sql: postgres.Sql, options: ManyPartnerships) {
  const { memberEmail, adminEmail, count, meetingsEach, town = "Mångköping", firstMeetingInDays = 1, periodRule = null } = options;
  const ps = generatedPartnerships(count).map((p) => ({ ...p, name: `IOP ${town} ${p.nr}` }));
  return sql.begin(async (tx) => {
    const { admin, member } = await demoPeople(tx, adminEmail, memberEmail);
    await tx`insert into organisations ${tx(ps.map((p) => ({ id: p.orgId, name: `${town}s kommun ${p.nr}`, org_number: null })))}`;
    await tx`insert into partnerships ${tx(
      ps.map((p) => ({
        id: p.id,
        name: p.name,
        reference_number: `${town.slice(0, 3).toUpperCase()} ${p.nr}`,
        purpose: "Ett långsiktigt samarbete för att brottsutsatta ska få stöd i rätt tid.",
        target_group: "Brottsutsatta, vittnen och anhöriga i kommunen.",
        period_rule: periodRule && tx.json(periodRule),
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
        name: `Styrgrupp ${town} ${p.nr}`,
        cadence_per: "year",
        cadence_at_least: 2,
      })),
    )}`;
    await tx`insert into group_members ${tx(
      ps.map((p) => ({ group_id: p.groupId, user_id: member.id, party_id: p.ideaPartyId, role: "representative" })),
    )}`;
    const meetings = !meetingsEach
      ? []
      : await tx<{ id: string }[]>`
          insert into meetings (group_id, title, starts_at, ends_at, location, status, noticed_at, created_by)
          select g.id, format('%s – möte %s', g.name, k + 1), (day + time '13:00') at time zone 'Europe/Stockholm',
                 (day + time '15:00') at time zone 'Europe/Stockholm', 'Kommunhuset, sammanträdesrum 2', 'noticed', now(), ${admin.id}
          from unnest(${ps.map((p) => p.groupId)}::uuid[]) with ordinality as o(id, n)
          join groups g on g.id = o.id
          cross join generate_series(0, ${meetingsEach - 1}) as k
          cross join lateral (select (now() at time zone 'Europe/Stockholm')::date + ${firstMeetingInDays}::int + k * 30 + (o.n::int % 7) as day) d
          returning id`;
    return {
      partnerships: ps.map((p) => ({ id: p.id, groupId: p.groupId, name: p.name })),
      meetingIds: meetings.map((m) => m.id),
      adminId: admin.id,
    };
  });
}
