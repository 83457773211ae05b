import type { IncomingMessage } from "node:http";
import { inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sessions, users } from "../../db/schema";
import type { Admission, Grant, RealtimeAccess, Refusal } from "../live-minutes";
import { minutesFacts } from "../domain/capabilities";
import { stockholmDate } from "../domain/stockholm-date";
import type { SessionUser } from "../auth/session.server";
import type { RequestContext } from "../context";
import { requireMeetingCapabilities } from "./meeting-access.server";

const COORDINATOR = "Samordnare";

/**
 * How live minutes learn who may do what: the same session and meeting checks as the meeting
 * page, at connect and again while the socket is open. Re-checking reads the sessions of every
 * open socket in one query; memberships only when the access epoch (advanced by a trigger on any
 * change to users, memberships, parties, groups, the rotation or notices) or the day has changed.
 */
export function realtimeAccess(db: Db, resolveContext: (req: IncomingMessage) => Promise<RequestContext>, originAllowed: (req: IncomingMessage) => boolean): RealtimeAccess {
  let seen = { epoch: "", day: "" };
  const granted = new Map<string, Grant>();

  async function grant(user: SessionUser, meetingId: string): Promise<Grant | Refusal> {
    const found = await requireMeetingCapabilities(db, user, meetingId).catch((error) => {
      if (error instanceof Response) return null; // 404: not a member, or no such meeting
      throw error;
    });
    if (!found) return "forbidden";
    const party = found.parties.find((p) => p.id === found.access.membership?.partyId);
    return {
      identity: { name: user.name, party: party?.name ?? COORDINATOR },
      facts: minutesFacts(found.facts, found.meeting),
    };
  }

  return {
    async admit(req, meetingId): Promise<Admission | Refusal> {
      if (!originAllowed(req)) return "forbidden";
      const context = await resolveContext(req);
      if (!context.user || !context.session) return "unauthenticated";
      const result = await grant(context.user, meetingId);
      if (typeof result === "string") return result;
      // Fresh now; a change after it advances the epoch, so the next re-check computes it again anyway.
      granted.set(key({ userId: context.user.id, meetingId }), result);
      return { ...result, userId: context.user.id, sessionId: context.session.id };
    },

    async recheck(held, now = new Date()) {
      const sessionIds = [...new Set(held.map((h) => h.sessionId))];
      const live = new Set(
        (await db.select({ id: sessions.id, expiresAt: sessions.expiresAt }).from(sessions).where(inArray(sessions.id, sessionIds)))
          .filter((s) => s.expiresAt > now)
          .map((s) => s.id),
      );
      const [{ epoch }] = await db.execute<{ epoch: string }>(sql`select last_value::text || is_called::text as epoch from access_epoch`);
      const day = stockholmDate(now);
      if (epoch !== seen.epoch || day !== seen.day) {
        granted.clear();
        seen = { epoch, day };
      }
      const stillHeld = held.filter((h) => live.has(h.sessionId));
      const missing = [...new Set(stillHeld.filter((h) => !granted.has(key(h))).map((h) => h.userId))];
      const byId = new Map(
        missing.length
          ? (
              await db
                .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, isAdmin: users.isAdmin })
                .from(users)
                .where(inArray(users.id, missing))
            ).map((u) => [u.id, u])
          : [],
      );
      const answers: (Grant | Refusal)[] = [];
      for (const h of held) {
        if (!live.has(h.sessionId)) {
          answers.push("unauthenticated");
          continue;
        }
        let answer = granted.get(key(h));
        if (!answer) {
          const user = byId.get(h.userId);
          const result = user ? await grant(user, h.meetingId) : "forbidden";
          if (typeof result === "string") {
            answers.push(result);
            continue;
          }
          granted.set(key(h), (answer = result));
        }
        answers.push(answer);
      }
      return answers;
    },
  };
}

const key = (h: { userId: string; meetingId: string }) => `${h.userId}:${h.meetingId}`;
