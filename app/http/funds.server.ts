import type { ActionFunctionArgs } from "@remix-run/node";
import type { Db } from "../../db/client";
import type { SessionUser } from "../auth/session.server";
import type { PartnershipCapabilities, PartnershipVerdict } from "../domain/partnership-capabilities";
import { requireFundsCapabilities } from "../services/partnership-access.server";
import { capabilityAction } from "./result.server";

/**
 * `capabilityAction` for the funds page's forms: the verdict per intent, or read from the record for
 * the form (per party), with the partnership's funding rule and condition.
 */
export async function fundsAction(
  args: ActionFunctionArgs,
  capability: Record<string, keyof PartnershipCapabilities> | ((can: PartnershipCapabilities, form: FormData) => PartnershipVerdict),
) {
  const found = await capabilityAction(args, (db: Db, user: SessionUser, id?: string) => requireFundsCapabilities(db, user, id!), capability);
  return { ...found, id: args.params.id! };
}
