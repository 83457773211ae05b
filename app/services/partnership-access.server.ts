import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { groups, partnerships } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { notFound } from "../auth/guards.server";
import {
  amendmentCapabilities,
  partnershipCapabilities,
  partyToSign,
  signatoryParties,
  type AmendmentState,
  type FundsState,
  type PartnershipFacts,
} from "../domain/partnership-capabilities";
import { stockholmDate } from "../domain/stockholm-date";
import { isUuid, requirePartnershipAccess } from "./access.server";
import { amendmentDetail, findAmendment } from "./amendments.server";
import { holdersFor } from "./groups.server";
import { convenerPartyOf } from "./meetings.server";
import { partiesOf } from "./partnerships.server";
import { partyRolesOf } from "./party-roles.server";

/**
 * Who the user is in the partnership at `now`: the facts every partnership record starts from, with
 * its parties and its steering groups (the first one decides on cases).
 */
export async function partnershipFacts(db: Db, user: SessionUser, partnershipId: string, now: Date) {
  const today = stockholmDate(now);
  const [seats, parties, steering] = await Promise.all([
    partyRolesOf(db, partnershipId, user.id),
    partiesOf(db, partnershipId),
    db.select().from(groups).where(and(eq(groups.partnershipId, partnershipId), eq(groups.kind, "steering"))).orderBy(asc(groups.createdAt)),
  ]);
  const holders = await holdersFor(db, steering, today, now);
  const facts: PartnershipFacts = {
    isAdmin: user.isAdmin,
    seats,
    parties,
    steeringChairs: new Map(steering.map((g) => [g.id, convenerPartyOf(g, holders.get(g.id))])),
  };
  return { today, parties, facts, steering };
}

/**
 * The partnership (404 for who may not see it) with what the user may do for its parties today
 * (`partnershipCapabilities`), its facts loaded once: the user's seats, the parties with their
 * participation, the party that convenes each steering group (the agreement's, or the chair's turn).
 * The page shows what `can` allows and every action asserts it.
 */
export async function requirePartnershipCapabilities(db: Db, user: SessionUser, partnershipId: string, now = new Date()) {
  await requirePartnershipAccess(db, user, partnershipId);
  const { today, parties, facts } = await partnershipFacts(db, user, partnershipId, now);
  return { today, parties, can: partnershipCapabilities(facts, today) };
}

/**
 * `requirePartnershipCapabilities` for the funds page and its actions, with the partnership's funding
 * rule and funds condition (004 §5.1) that the funds verdicts read.
 */
export async function requireFundsCapabilities(db: Db, user: SessionUser, partnershipId: string, now = new Date()) {
  await requirePartnershipAccess(db, user, partnershipId);
  const [{ today, parties, facts }, [partnership]] = await Promise.all([
    partnershipFacts(db, user, partnershipId, now),
    db.select({ fundingRule: partnerships.fundingRule, fundsCondition: partnerships.fundsCondition }).from(partnerships).where(eq(partnerships.id, partnershipId)),
  ]);
  const condition = partnership.fundsCondition;
  const funds: FundsState = {
    condition: condition ? { conditional: condition.conditional, decided: Boolean(condition.decidedOn) } : null,
    invoiced: partnership.fundingRule?.schedule?.kind === "invoice",
  };
  return { today, parties, facts, partnership, can: partnershipCapabilities(facts, today, funds) };
}

/**
 * An amendment (404 for who may not see its partnership) with its signatures and what the user may
 * do with it today (`amendmentCapabilities`), and the party they would sign for.
 */
export async function requireAmendmentCapabilities(db: Db, user: SessionUser, id: string | undefined, now = new Date()) {
  if (!isUuid(id)) throw notFound();
  const amendment = await findAmendment(db, id);
  if (!amendment) throw notFound();
  await requirePartnershipAccess(db, user, amendment.partnershipId);
  const [{ today, facts }, detail] = await Promise.all([partnershipFacts(db, user, amendment.partnershipId, now), amendmentDetail(db, amendment, stockholmDate(now))]);
  const state: AmendmentState = {
    valid: detail.stage === "valid",
    hasPeriodRule: amendment.periodRule !== null,
    applied: amendment.appliedAt !== null,
    signedBy: detail.signatures.filter((s) => !s.voidedAt).map((s) => s.partyId),
  };
  return {
    amendment,
    detail,
    authorisedFor: signatoryParties(facts),
    signsFor: partyToSign(facts, state, today) ?? null,
    can: amendmentCapabilities(facts, state, today),
  };
}
