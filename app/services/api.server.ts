import { STATUS_CODES } from "node:http";
import { normaliseRule } from "../domain/reporting-rule";
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Db } from "../../db/client";
import type { SessionUser } from "../auth/session.server";
import { periodAfterNotices } from "../domain/participation";
import { periodStatus } from "../domain/period";
import { agreementEndsOn } from "../domain/termination";
import { isDatabaseUnavailable } from "../http/outage.server";
import { listPartnershipsFor, partnershipOverview, type PartyRow } from "./partnerships.server";

const party = (p: PartyRow) => ({ name: p.name, orgNumber: p.orgNumber, sector: p.sector });

export async function apiPartnerships(db: Db, user: SessionUser) {
  const rows = await listPartnershipsFor(db, user);
  return rows.map((p) => ({ id: p.id, name: p.name, parties: p.parties.map(party) }));
}

/** The partnership as the API documents it; `on` is "today" (YYYY-MM-DD, Stockholm). */
export async function apiPartnership(db: Db, id: string, on: string) {
  const overview = await partnershipOverview(db, id, on);
  if (!overview) return null;
  const { partnership, parties, groups, holders } = overview;
  const notices = parties.flatMap((p) => (p.participatesUntil ? [{ partyId: p.id, effectiveOn: p.participatesUntil }] : []));
  const status = partnership.periodRule && periodAfterNotices(periodStatus(partnership.periodRule, on), agreementEndsOn(parties, notices), on);
  const partyName = new Map(parties.map((p) => [p.id, p.name]));
  return {
    id: partnership.id,
    name: partnership.name,
    parties: parties.map((p) => ({ ...party(p), participatesUntil: p.participatesUntil })),
    period: status && {
      start: status.start,
      end: status.end,
      currentPeriodStart: status.currentPeriodStart,
      currentPeriodEnd: status.currentPeriodEnd,
      running: status.running,
      noticeDeadline: status.noticeDeadline,
      endIfNoticeToday: status.endIfNoticeToday,
    },
    // What each yearly report must hold (the default rule where the agreement has not been read into one).
    reportingRule: normaliseRule(partnership.reportingRule),
    groups: groups.map((g) => {
      const h = holders.get(g.id);
      return { id: g.id, kind: g.kind, name: g.name, chair: h ? { party: partyName.get(h.partyId) ?? null, person: h.person?.name ?? null } : null };
    }),
  };
}

const errorJson = (status: number, headers?: HeadersInit) => Response.json({ error: (STATUS_CODES[status] ?? "error").toLowerCase() }, { status, headers });

export const notFoundJson = () => errorJson(404);

/**
 * Wraps an API loader so that every answer is JSON: a thrown Response (a guard's 404, 401, a bad
 * parameter's 400) keeps its status and, when not JSON already, gets a JSON body; a database outage
 * goes on to the outage guard around every loader (its JSON 503); anything else is logged and
 * answers 500, where Remix would send a plain-text error.
 */
export function apiLoader(handler: (args: LoaderFunctionArgs) => Promise<Response>) {
  return async (args: LoaderFunctionArgs): Promise<Response> => {
    try {
      return await handler(args);
    } catch (e) {
      if (e instanceof Response) return e.headers.get("content-type")?.includes("json") ? e : errorJson(e.status);
      if (isDatabaseUnavailable(e)) throw e;
      console.error(e);
      return errorJson(500);
    }
  };
}

/** The API only reads: other methods get a JSON 405 instead of Remix's error for a route with no action. */
export const methodNotAllowed = () => errorJson(405, { Allow: "GET, HEAD" });
