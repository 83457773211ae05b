import { count } from "drizzle-orm";
import { hashPassword } from "../../app/auth/password.server";
import type { Db } from "../client";
import { organisations, parties, partnerships, users } from "../schema";
import { DEMO_ADMIN, DEMO_PASSWORD, seedPartnerships } from "./agreements";

/** Seeds the demo partnerships and users, only into a database without users. Returns whether it did. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) return false;
  // One hash for every demo account: argon2id is slow on purpose.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx.insert(users).values({ ...DEMO_ADMIN, passwordHash, isAdmin: true });
    for (const p of seedPartnerships) {
      const [partnership] = await tx
        .insert(partnerships)
        .values({ name: p.name, referenceNumber: p.referenceNumber, purpose: p.purpose, targetGroup: p.targetGroup })
        .returning({ id: partnerships.id });
      for (const party of p.parties) {
        const [org] = await tx
          .insert(organisations)
          .values({ name: party.name, orgNumber: party.orgNumber })
          .returning({ id: organisations.id });
        await tx.insert(parties).values({ partnershipId: partnership.id, organisationId: org.id, sector: party.sector });
        await tx.insert(users).values({ ...party.representative, passwordHash });
      }
    }
  });
  return true;
}

export const demoLogins = () => [DEMO_ADMIN.email, ...seedPartnerships.flatMap((p) => p.parties.map((x) => x.representative.email))];
