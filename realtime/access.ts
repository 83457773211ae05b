import type { IncomingMessage } from "node:http";
import type { MinutesAccessInput } from "../app/domain/minutes-access";
import type { Identity } from "./presence";

/** What the user is in the meeting's group; what they may do also depends on the minutes' status. */
export type Facts = Omit<MinutesAccessInput, "status" | "isAdjuster">;

export interface Grant {
  identity: Identity;
  facts: Facts;
}

export interface Admission extends Grant {
  userId: string;
  sessionId: string;
}

/** Closed with 4401 (not logged in, or logged out since) or 4403 (not, or no longer, allowed). */
export type Refusal = "unauthenticated" | "forbidden";

export interface Held {
  userId: string;
  sessionId: string;
  meetingId: string;
}

/**
 * What live minutes ask the app, and nothing more: realtime knows no sessions, memberships or
 * rotations. `recheck` answers for each held socket, in order, so rights that end (logout,
 * expiry, a removed membership, a demotion to observer) end on open sockets too.
 */
export interface RealtimeAccess {
  admit(req: IncomingMessage, meetingId: string): Promise<Admission | Refusal>;
  recheck(held: Held[], now?: Date): Promise<(Grant | Refusal)[]>;
}
