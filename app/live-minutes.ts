import type { IncomingMessage } from "node:http";
import type { MinutesFacts, MinutesStatus } from "./domain/capabilities";

/**
 * The two ports between the app and live minutes (realtime/): what the app may ask of a live
 * document, and what realtime asks of the app. Neither side imports the other's modules.
 */

/** An agenda item as the minutes' numbered sections follow it. */
export interface AgendaSection {
  id: string;
  title: string;
}

/** The minutes as they stand, rendered, with the hash an approval binds (decision 008). */
export interface MinutesSnapshot {
  html: string;
  text: string;
  markdown: string;
  state: Uint8Array;
  contentSha256: string;
}

/** A live document seen from a task running in its pipeline: no edit slips in meanwhile. */
export interface MinutesInPipeline {
  readonly status: MinutesStatus;
  readonly adjusters: readonly string[];
  snapshot(): MinutesSnapshot;
  /** Takes effect at once for every open socket: later edits are judged under the new status. */
  setState(status: MinutesStatus, adjusters: string[]): void;
  /**
   * Brings the numbered sections in line with the agenda after it changed, stored before it
   * resolves; false, changing nothing, once the minutes are no longer a draft.
   */
  syncSections(agenda: AgendaSection[], numberedBy: AgendaSection[], struck: string): Promise<boolean>;
}

/** What the app may do with live minutes. */
export interface LiveMinutes {
  readonly loadedCount: number;
  /** Runs `task` after every edit already received, loading the document if nobody has it open. */
  withDocument<T>(meetingId: string, task: (minutes: MinutesInPipeline) => Promise<T>): Promise<T>;
  /** As `withDocument` when the minutes exist; before they do, runs `task` with null and creates nothing. */
  withExistingDocument<T>(meetingId: string, task: (minutes: MinutesInPipeline | null) => Promise<T>): Promise<T>;
}

/** Who a participant is shown as, from the session: never taken from the client. */
export interface Identity {
  name: string;
  party: string;
}

export interface Grant {
  identity: Identity;
  /** What the user is in the meeting's group; what they may do also depends on the minutes' status. */
  facts: MinutesFacts;
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
