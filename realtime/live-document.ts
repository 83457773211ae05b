import * as awarenessProtocol from "y-protocols/awareness";
import type { WebSocket } from "ws";
import * as Y from "yjs";
import type { Db } from "../db/client";
import type { MinutesStatus } from "../db/schema";
import { minutesAccess, type MinutesAccessInput } from "../app/domain/minutes-access";
import * as protocol from "./protocol";
import { appendUpdates, compactStored, type StoredDocument } from "./store";

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
/** Compact once this many updates have piled up since the snapshot. */
const COMPACT_AFTER_UPDATES = 500;

export interface Connection {
  socket: WebSocket;
  userId: string;
  /** What the user is, fixed at connect; what they may do also depends on the minutes' current status. */
  facts: Omit<MinutesAccessInput, "status" | "isAdjuster">;
  /** Awareness client ids this socket speaks for, removed when it closes. */
  awarenessIds: Set<number>;
  toldReadOnly: boolean;
}

interface Pending {
  update: Uint8Array;
  from: Connection | null;
}

/**
 * One meeting's minutes in memory while anyone has them open. Every change goes through one
 * serial pipeline — store, then apply, then relay — so no participant ever sees an edit that
 * is not yet in PostgreSQL, and a crash can lose only edits nobody else has seen.
 */
export class LiveDocument {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  status: MinutesStatus;
  adjusters: string[];
  private bytes: number;
  private sinceCompaction: number;
  private pending: Pending[] = [];
  private work: Promise<void> = Promise.resolve();
  private compacting: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    readonly meetingId: string,
    stored: StoredDocument,
  ) {
    this.status = stored.status;
    this.adjusters = stored.adjusters;
    this.bytes = stored.bytes;
    this.sinceCompaction = Math.max(0, stored.updates.length - 1);
    Y.transact(this.doc, () => stored.updates.forEach((u) => Y.applyUpdate(this.doc, u)));
    this.awareness.setLocalState(null); // the server is not a participant
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.relay(protocol.updateMessage(update), origin));
    this.awareness.on("update", ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const conn = origin as Connection | undefined;
      if (conn && this.connections.has(conn)) {
        for (const id of added) conn.awarenessIds.add(id);
        for (const id of removed) conn.awarenessIds.delete(id);
      }
      this.relay(protocol.awarenessMessage(this.awareness, changed), null);
    });
  }

  /** Greets a new participant: our state vector (they answer with what we lack) and who is here. */
  join(conn: Connection) {
    this.connections.add(conn);
    send(conn, protocol.syncStep1(this.doc));
    const others = [...this.awareness.getStates().keys()];
    if (others.length) send(conn, protocol.awarenessMessage(this.awareness, others));
  }

  leave(conn: Connection) {
    this.connections.delete(conn);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
  }

  receive(conn: Connection, data: Uint8Array) {
    const message = protocol.parseMessage(data);
    switch (message.kind) {
      case "syncStep1":
        return send(conn, protocol.syncStep2(this.doc, message.stateVector));
      case "update":
        if (!this.canWrite(conn)) return this.refuse(conn, "read-only");
        if (this.bytes + message.update.byteLength > MAX_DOCUMENT_BYTES) return this.refuse(conn, "document-too-large");
        this.bytes += message.update.byteLength;
        return this.submit({ update: message.update, from: conn });
      case "awareness":
        return awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, conn);
      case "queryAwareness":
        return send(conn, protocol.awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
    }
  }

  /** Checked per message, so sending for approval or approving takes effect on open sockets at once. */
  canWrite(conn: Connection): boolean {
    return minutesAccess({ ...conn.facts, status: this.status, isAdjuster: this.adjusters.includes(conn.userId) }) === "write";
  }

  /** Status changes go through the pipeline: edits queued before them are stored under the old status. */
  setState(status: MinutesStatus, adjusters: string[]) {
    return this.enqueue(async () => {
      this.status = status;
      this.adjusters = adjusters;
      for (const conn of this.connections) conn.toldReadOnly = false;
    });
  }

  /** A change made by the server itself (e.g. a section for a new agenda item) takes the same path. */
  submitFromServer(update: Uint8Array): Promise<void> {
    this.bytes += update.byteLength;
    return this.submit({ update, from: null });
  }

  /** Runs `task` after everything queued before it; the pipeline's order is the document's order. */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.work.then(task);
    this.work = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * Merges the stored log into one snapshot beside the pipeline, not in it: edits keep being
   * stored and relayed meanwhile (compaction deletes only the rows it read). One at a time.
   */
  compact(): Promise<void> {
    this.compacting ??= (async () => {
      const [bytesBefore, countBefore] = [this.bytes, this.sinceCompaction];
      try {
        const { bytes } = await compactStored(this.db, this.meetingId);
        this.sinceCompaction -= countBefore;
        if (bytes) this.bytes = bytes + (this.bytes - bytesBefore);
      } finally {
        this.compacting = undefined;
      }
    })();
    return this.compacting;
  }

  private submit(item: Pending): Promise<void> {
    this.pending.push(item);
    // Updates that arrive while a batch is being written wait for the next batch: one INSERT each.
    return this.enqueue(() => this.flush());
  }

  private async flush() {
    const batch = this.pending.splice(0);
    if (!batch.length) return;
    try {
      const changes = batch.filter((p) => !isEmptyUpdate(p.update));
      await appendUpdates(this.db, this.meetingId, changes.map((p) => ({ update: p.update, userId: p.from?.userId ?? null })));
    } catch (error) {
      // Not stored, so not applied and not relayed: the senders keep the edits and send them again on reconnect.
      console.error(`[realtime] storing minutes ${this.meetingId} failed`, error);
      for (const conn of new Set(batch.map((p) => p.from))) conn?.socket.close(1011, "storage failed");
      return;
    }
    for (const p of batch) Y.applyUpdate(this.doc, p.update, p.from);
    for (const conn of new Set(batch.map((p) => p.from))) if (conn) send(conn, protocol.savedMessage());
    this.sinceCompaction += batch.length;
    if (this.sinceCompaction >= COMPACT_AFTER_UPDATES) void this.compact();
  }

  private refuse(conn: Connection, reason: string) {
    // Told once; later updates from the same socket are dropped silently.
    if (!conn.toldReadOnly) send(conn, protocol.permissionDenied(reason));
    conn.toldReadOnly = true;
  }

  private relay(message: Uint8Array, origin: unknown) {
    for (const conn of this.connections) if (conn !== origin) send(conn, message);
  }

  destroy() {
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** A sync reply from a client with nothing new: no structs, no deletions. */
function isEmptyUpdate(update: Uint8Array) {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

function send(conn: Connection, message: Uint8Array) {
  if (conn.socket.readyState === conn.socket.OPEN) conn.socket.send(message, { binary: true });
}
