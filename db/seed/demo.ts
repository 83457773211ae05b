import { count } from "drizzle-orm";
import { hashPassword } from "../../app/auth/password.server";
import { turnOnDate } from "../../app/domain/rotation";
import { stockholmDate, stockholmInstant } from "../../app/domain/stockholm-date";
import { addDaysIso } from "../../app/domain/iso-date";
import { templateAgenda } from "../../app/services/meetings.server";
import type { Db } from "../client";
import { scheduledDueOn } from "../../app/domain/funding";
import { agendaItems, followUps, grants, groupMembers, groups, meetings, organisations, parties, partnerships, payments, turnHolders, users } from "../schema";
import { DEMO_ADMIN, DEMO_PASSWORD, seedPartnerships } from "./agreements";

/**
 * The grants the agreements themselves state, by partnership and idea-based party, with a decision
 * reference only where a document gives one: Österåker's one-off grant decided by the nämnd in 2023
 * (000 §7), Linköping's 2025 grant (002), Borås's 700 000 a year for 2022–2024 (003, KF 2021-11-17/18).
 * Payments are scheduled only where the agreement dates them (002: January); none is marked paid.
 */
const DEMO_GRANTS: Record<string, { party: string; year: number; amount: number; decisionReference?: string }[]> = {
  osteraker: [{ party: "kvinnojouren-osteraker", year: 2023, amount: 2_400_000, decisionReference: "SN 2023/0050" }],
  linkoping: [{ party: "ellinor-beata", year: 2025, amount: 1_571_605 }],
  boras: [2022, 2023, 2024].map((year) => ({ party: "kvinnojouren-boras", year, amount: 700_000, decisionReference: "KF 2021-11-17/18" })),
};

/**
 * Seeds the demo partnerships, their groups and users, and a few meetings around today,
 * only into a database without users. Returns whether it did.
 */
export async function seedDemoIfEmpty(db: Db, now = new Date()): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) return false;
  // One hash for every demo account: argon2id is slow on purpose.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const today = stockholmDate(now);
  await db.transaction(async (tx) => {
    const [admin] = await tx
      .insert(users)
      .values({ ...DEMO_ADMIN, passwordHash, isAdmin: true })
      .returning({ id: users.id });
    for (const p of seedPartnerships) {
      const [partnership] = await tx
        .insert(partnerships)
        .values({
          name: p.name,
          referenceNumber: p.referenceNumber,
          purpose: p.purpose,
          targetGroup: p.targetGroup,
          periodRule: p.periodRule,
          reportingRule: p.reportingRule,
          fundingRule: p.fundingRule,
          fundsCondition: p.fundsCondition ?? null,
        })
        .returning({ id: partnerships.id });
      const members: { userId: string; partyId: string }[] = [];
      const partyIdOf = new Map<string, string>();
      for (const party of p.parties) {
        const [org] = await tx.insert(organisations).values({ name: party.name, orgNumber: party.orgNumber }).returning({ id: organisations.id });
        const [row] = await tx.insert(parties).values({ partnershipId: partnership.id, organisationId: org.id, sector: party.sector }).returning({ id: parties.id });
        const [user] = await tx
          .insert(users)
          .values({ ...party.representative, passwordHash })
          .returning({ id: users.id });
        members.push({ userId: user.id, partyId: row.id });
        partyIdOf.set(party.key, row.id);
      }
      const leadOf = (partyKey: string) => members.find((m) => m.partyId === partyIdOf.get(partyKey))?.userId ?? null;
      for (const { lead, dueOn, ...f } of p.followUps) {
        await tx
          .insert(followUps)
          .values({ partnershipId: partnership.id, ...f, dueOn: dueOn === "yearEnd" ? `${today.slice(0, 4)}-12-31` : dueOn, leadUserId: leadOf(lead), createdBy: admin.id });
      }
      for (const [gi, g] of p.groups.entries()) {
        const order = members.map((m) => m.partyId);
        const [group] = await tx
          .insert(groups)
          .values({
            partnershipId: partnership.id,
            kind: g.kind,
            name: g.name,
            cadencePer: g.cadence.per,
            cadenceAtLeast: g.cadence.atLeast,
            convenerPartyId: g.convener ? partyIdOf.get(g.convener) : null,
            ...(g.rotation ? { rotationOrder: order, rotationStartsOn: g.rotation.startsOn, rotationUnit: g.rotation.unit, rotationLength: g.rotation.length } : {}),
          })
          .returning({ id: groups.id });
        await tx.insert(groupMembers).values(members.map((m) => ({ groupId: group.id, ...m, role: "representative" as const })));
        if (g.rotation?.unit === "months") {
          const turn = turnOnDate({ order, startsOn: g.rotation.startsOn, term: { unit: "months", length: g.rotation.length }, overrides: [] }, today);
          const holder = turn && members.find((m) => m.partyId === turn.partyId);
          if (turn && holder) await tx.insert(turnHolders).values({ groupId: group.id, turnIndex: turn.index, userId: holder.userId });
        }
        // One meeting a few weeks back and one a few weeks ahead, so lists, calendars and cadence have data.
        for (const [offset, status] of [
          [-30 - gi * 7, "noticed"],
          [21 + gi * 7, gi === 0 ? "noticed" : "draft"],
        ] as const) {
          const date = addDaysIso(today, offset);
          const [m] = await tx
            .insert(meetings)
            .values({
              groupId: group.id,
              title: `${g.name} – möte`,
              startsAt: stockholmInstant(date, "13:00"),
              endsAt: stockholmInstant(date, "15:00"),
              location: "Stadshuset, sammanträdesrum 3",
              status,
              noticedAt: status === "noticed" ? now : null,
              createdBy: admin.id,
            })
            .returning({ id: meetings.id });
          await tx.insert(agendaItems).values(templateAgenda(m.id, admin.id, "sv"));
        }
      }
      for (const g of DEMO_GRANTS[p.key] ?? []) {
        const [grant] = await tx
          .insert(grants)
          .values({ partnershipId: partnership.id, partyId: partyIdOf.get(g.party)!, year: g.year, amount: g.amount, decisionReference: g.decisionReference ?? "", createdBy: admin.id })
          .returning({ id: grants.id });
        const dueOn = scheduledDueOn(p.fundingRule.schedule, g.year);
        if (dueOn) await tx.insert(payments).values({ grantId: grant.id, dueOn, amount: g.amount, updatedBy: admin.id });
      }
    }
  });
  return true;
}

export const demoLogins = () => [DEMO_ADMIN.email, ...seedPartnerships.flatMap((p) => p.parties.map((x) => x.representative.email))];
