import type { Db } from "../../db/client";
import type { SessionUser } from "../auth/session.server";
import { periodStatus } from "../domain/period";
import { startOfStockholmYear } from "../domain/stockholm-date";
import { holdersFor } from "./groups.server";
import { listPartnershipsFor, partnershipOverview, type PartyRow } from "./partnerships.server";

const party = (p: PartyRow) => ({ name: p.name, orgNumber: p.orgNumber, sector: p.sector });

export async function apiPartnerships(db: Db, user: SessionUser) {
  const rows = await listPartnershipsFor(db, user);
  return rows.map((p) => ({ id: p.id, name: p.name, parties: p.parties.map(party) }));
}

/** The partnership as the API documents it; `on` is "today" (YYYY-MM-DD, Stockholm). */
export async function apiPartnership(db: Db, id: string, on: string) {
  const overview = await partnershipOverview(db, id, startOfStockholmYear(on));
  if (!overview) return null;
  const { partnership, parties, groups } = overview;
  const status = partnership.periodRule ? periodStatus(partnership.periodRule, on) : null;
  const holders = await holdersFor(db, groups, on);
  const partyName = new Map(parties.map((p) => [p.id, p.name]));
  return {
    id: partnership.id,
    name: partnership.name,
    parties: parties.map(party),
    period: status && {
      start: status.start,
      end: status.end,
      currentPeriodStart: status.currentPeriodStart,
      currentPeriodEnd: status.currentPeriodEnd,
      running: status.running,
      noticeDeadline: status.noticeDeadline,
      endIfNoticeToday: status.endIfNoticeToday,
    },
    groups: groups.map((g) => {
      const h = holders.get(g.id);
      return { id: g.id, kind: g.kind, name: g.name, chair: h ? { party: partyName.get(h.partyId) ?? null, person: h.person?.name ?? null } : null };
    }),
  };
}

export const notFoundJson = () => Response.json({ error: "not found" }, { status: 404 });

/**
 * Runs a page access guard for the API: its 404 (thrown as a Response) becomes a JSON 404,
 * anything else stays an error. The caller returns the Response when it gets one.
 */
export async function apiAccess<T>(guard: Promise<T>): Promise<T | Response> {
  try {
    return await guard;
  } catch (e) {
    if (e instanceof Response) return notFoundJson();
    throw e;
  }
}
