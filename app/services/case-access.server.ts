import type { Db } from "../../db/client";
import type { SessionUser } from "../auth/session.server";
import { notFound } from "../auth/guards.server";
import { caseCapabilities, partnershipCaseCapabilities } from "../domain/case-capabilities";
import { isUuid, requirePartnershipAccess } from "./access.server";
import { caseDetails } from "./cases.server";
import { partnershipFacts } from "./partnership-access.server";

/**
 * The partnership's cases (404 for who may not see it) with what the user may open there today
 * (`partnershipCaseCapabilities`), its facts loaded once. The page shows only the allowed forms and
 * every action that opens a case asserts the same record.
 */
export async function requirePartnershipCaseCapabilities(db: Db, user: SessionUser, partnershipId: string, now = new Date()) {
  await requirePartnershipAccess(db, user, partnershipId);
  const { today, parties, facts, steering } = await partnershipFacts(db, user, partnershipId, now);
  return { today, parties, facts, steering: steering[0] ?? null, can: partnershipCaseCapabilities(facts, today) };
}

/**
 * A case (404 for who may not see its partnership) with its history and plan, the steering group
 * that decides on it, and what the user may do with it today (`caseCapabilities`). The page shows
 * only the allowed steps and forms and every action asserts the same record.
 */
export async function requireCaseCapabilities(db: Db, user: SessionUser, id: string | undefined, now = new Date()) {
  if (!isUuid(id)) throw notFound();
  const details = await caseDetails(db, id);
  if (!details) throw notFound();
  await requirePartnershipAccess(db, user, details.case.partnershipId);
  const { today, facts, steering } = await partnershipFacts(db, user, details.case.partnershipId, now);
  const group = steering[0] ?? null;
  return { details, today, steering: group, can: caseCapabilities({ ...facts, steeringGroupId: group?.id ?? null }, details.case, today) };
}
