import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { groups } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { partnershipCapabilities, type PartnershipFacts } from "../domain/partnership-capabilities";
import { stockholmDate } from "../domain/stockholm-date";
import { requirePartnershipAccess } from "./access.server";
import { holdersFor } from "./groups.server";
import { convenerPartyOf } from "./meetings.server";
import { partiesOf } from "./partnerships.server";
import { partyRolesOf } from "./party-roles.server";

/**
 * The partnership (404 for who may not see it) with what the user may do for its parties today
 * (`partnershipCapabilities`), its facts loaded once: the user's seats, the parties with their
 * participation, the party that convenes each steering group (the agreement's, or the chair's turn). The page shows what `can` allows and every action
 * asserts it.
 */
export async function requirePartnershipCapabilities(db: Db, user: SessionUser, partnershipId: string, now = new Date()) {
  await requirePartnershipAccess(db, user, partnershipId);
  const today = stockholmDate(now);
  const [seats, parties, steering] = await Promise.all([
    partyRolesOf(db, partnershipId, user.id),
    partiesOf(db, partnershipId),
    db.select().from(groups).where(and(eq(groups.partnershipId, partnershipId), eq(groups.kind, "steering"))),
  ]);
  const holders = await holdersFor(db, steering, today, now);
  const facts: PartnershipFacts = {
    isAdmin: user.isAdmin,
    seats,
    parties,
    steeringChairs: new Map(steering.map((g) => [g.id, convenerPartyOf(g, holders.get(g.id))])),
  };
  return { today, parties, can: partnershipCapabilities(facts, today) };
}
