import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organisations, parties, partnerships } from "../../db/schema";

/** Partnerships with their parties in one query: public party first, then by name. */
export async function listPartnershipsWithParties(db: Db) {
  const rows = await db
    .select({
      id: partnerships.id,
      name: partnerships.name,
      referenceNumber: partnerships.referenceNumber,
      partyId: parties.id,
      partyName: organisations.name,
      orgNumber: organisations.orgNumber,
      sector: parties.sector,
    })
    .from(partnerships)
    .innerJoin(parties, eq(parties.partnershipId, partnerships.id))
    .innerJoin(organisations, eq(organisations.id, parties.organisationId))
    .orderBy(asc(partnerships.name), asc(parties.sector), asc(organisations.name));
  const byId = new Map<string, { id: string; name: string; referenceNumber: string | null; parties: { id: string; name: string; orgNumber: string | null; sector: "public" | "idea" }[] }>();
  for (const r of rows) {
    const p = byId.get(r.id) ?? { id: r.id, name: r.name, referenceNumber: r.referenceNumber, parties: [] };
    p.parties.push({ id: r.partyId, name: r.partyName, orgNumber: r.orgNumber, sector: r.sector });
    byId.set(r.id, p);
  }
  return [...byId.values()];
}
