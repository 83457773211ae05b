import * as awarenessProtocol from "y-protocols/awareness";
import type { WebSocket } from "ws";
import * as Y from "yjs";
import type { MinutesStatus } from "../db/schema";
import { minutesAccess, type MinutesFacts } from "../app/domain/capabilities";
import type { AgendaSection, Identity, MinutesInPipeline, MinutesSnapshot } from "../app/live-minutes";
import { sectionsUpdate } from "./content";
import { PresenceRefused, vetPresence } from "./presence";
import * as protocol from "./protocol";
import type { RelayMessage } from "./relay";
import type { MinutesStore, StoredDocument } from "./store";
import { updateProblem, type UpdateProblem } from "./validate";
import { snapshotOf } from "./versions";

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
/** The origin of presence relayed from another instance: relayed to every socket here, published nowhere. */
const REMOTE = Symbol("remote");
/** Compact once this many updates have piled up since the snapshot. */
const COMPACT_AFTER_UPDATES = 500;

export interface Connection {
  socket: WebSocket;
  userId: string;
  /** Who the participant is shown as, from the session. */
  identity: Identity;
  /** What the user is, re-checked while the socket is open; what they may do also depends on the minutes' current status. */
  facts: MinutesFacts;
  /** Awareness client ids this socket speaks for, removed when it closes. */
  awarenessIds: Set<number>;
  toldReadOnly: boolean;
  /** Asked for "stored" acknowledgements (`?acks=1`); other y-websocket clients would log them as unknown. */
  wantsAcks: boolean;
}

interface Pending {
  update: Uint8Array;
  from: Connection | null;
  /** Settled once the update is stored and applied, or was not stored. */
  stored: { resolve: () => void; reject: (error: unknown) => void };
}

/** A message no honest client sends: the socket that sent it is closed, nothing of it is kept. */
export class MessageRefused extends Error {
  constructor(readonly reason: UpdateProblem | "presence") {
    super(reason);
  }
}

/**
 * One meeting's minutes in memory while anyone has them open. Every change goes through one
 * serial pipeline — store, then apply, then relay — so no participant ever sees an edit that
 * is not yet in PostgreSQL, and a crash can lose only edits nobody else has seen.
 */
export class LiveDocument implements MinutesInPipeline {
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  status: MinutesStatus;
  adjusters: string[];
  private bytes: number;
  private sinceCompaction: number;
  private pending: Pending[] = [];
  /** Accepted updates not yet applied to `doc` (queued or being stored). */
  private unapplied: Uint8Array[] = [];
  /**
   * `doc` plus every update accepted since: each incoming update is tried here first, so one
   * that throws never reaches storage or `doc`. Made on the first edit, so readers do not pay.
   */
  private scratch: Y.Doc | undefined;
  private work: Promise<void> = Promise.resolve();
  private compacting: Promise<void> | undefined;

  constructor(
    private readonly store: MinutesStore,
    readonly meetingId: string,
    stored: Omit<StoredDocument, "updates"> & { updateCount: number },
    readonly doc: Y.Doc,
    /** Tells the other instances that have the document open; they never hear of what they sent. */
    private readonly publish: (message: RelayMessage) => void = () => {},
  ) {
    this.status = stored.status;
    this.adjusters = stored.adjusters;
    this.bytes = stored.bytes;
    this.sinceCompaction = Math.max(0, stored.updateCount - 1);
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null); // the server is not a participant
    this.awareness.on("update", ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const conn = origin as Connection | undefined;
      if (conn && this.connections.has(conn)) {
        for (const id of added) conn.awarenessIds.add(id);
        for (const id of removed) conn.awarenessIds.delete(id);
      }
      this.relay(protocol.awarenessMessage(this.awareness, changed), null);
      if (origin !== REMOTE) this.publish({ kind: "awareness", update: awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed) });
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

  /** Handles one message; throws (MessageRefused or a parse error) for one the socket must be closed for. */
  receive(conn: Connection, data: Uint8Array) {
    const message = protocol.parseMessage(data);
    switch (message.kind) {
      case "syncStep1":
        return send(conn, protocol.syncStep2(this.doc, message.stateVector));
      case "update": {
        if (!this.canWrite(conn)) return this.refuse(conn, "read-only");
        if (this.bytes + message.update.byteLength > MAX_DOCUMENT_BYTES) return this.refuse(conn, "document-too-large");
        const problem = this.accept(message.update);
        if (problem) throw new MessageRefused(problem);
        this.bytes += message.update.byteLength;
        // A failure to store closes the sender's socket (see flush); its edit stays in the client.
        this.submit(message.update, conn).catch(() => {});
        return;
      }
      case "awareness":
        return this.present(conn, message.update);
      case "queryAwareness":
        return send(conn, protocol.awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
    }
  }

  /** Only those who may write show presence, as the server knows them; anything else is dropped. */
  private present(conn: Connection, update: Uint8Array) {
    if (!this.canWrite(conn)) return;
    let vetted: Uint8Array | null;
    try {
      vetted = vetPresence(update, conn.identity, (id) => this.presenceOwner(conn, id), conn.awarenessIds.size);
    } catch (error) {
      if (error instanceof PresenceRefused) throw new MessageRefused("presence");
      throw error;
    }
    if (vetted) awarenessProtocol.applyAwarenessUpdate(this.awareness, vetted, conn);
  }

  private presenceOwner(conn: Connection, clientId: number): "this" | "other" | "none" {
    if (conn.awarenessIds.has(clientId)) return "this";
    for (const other of this.connections) if (other.awarenessIds.has(clientId)) return "other";
    return "none";
  }

  /** After a participant's rights changed: one who may no longer write no longer shows presence. */
  rightsChanged(conn: Connection) {
    conn.toldReadOnly = false;
    if (!this.canWrite(conn) && conn.awarenessIds.size) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
      conn.awarenessIds.clear();
    }
  }

  /**
   * Tries an update on the scratch copy; returns why it must be refused, or null when it was
   * taken (then it is in `unapplied` until stored and applied to `doc`).
   */
  private accept(update: Uint8Array): UpdateProblem | null {
    const problem = updateProblem(update);
    if (problem) return problem;
    const scratch = (this.scratch ??= this.copy());
    try {
      Y.applyUpdate(scratch, update);
    } catch {
      // The scratch copy may be half-changed now: the next edit gets a fresh one.
      scratch.destroy();
      this.scratch = undefined;
      return "cannot-apply";
    }
    this.unapplied.push(update);
    return null;
  }

  private copy(): Y.Doc {
    const copy = new Y.Doc({ gc: true });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
    for (const update of this.unapplied) Y.applyUpdate(copy, update);
    return copy;
  }

  /** Checked per message, so sending for approval or approving takes effect on open sockets at once. */
  canWrite(conn: Connection): boolean {
    return minutesAccess({ ...conn.facts, status: this.status, isAdjuster: this.adjusters.includes(conn.userId) }) === "write";
  }

  /**
   * A status change, from a task running in the pipeline (DocumentRegistry.withDocument): edits
   * queued before it were stored under the old status, every later one is judged under the new.
   */
  setState(status: MinutesStatus, adjusters: string[]) {
    this.applyState(status, adjusters);
    this.publish({ kind: "state" });
  }

  /** The state as another instance changed it (read back from PostgreSQL, not taken from the relay). */
  applyState(status: MinutesStatus, adjusters: string[]) {
    this.status = status;
    this.adjusters = adjusters;
    for (const conn of this.connections) this.rightsChanged(conn);
  }

  /**
   * An update another instance has stored: applied and relayed to this instance's sockets. Checked
   * like a client's, since the relay is only a hint; false when it was refused.
   */
  applyStored(update: Uint8Array, counted = true): boolean {
    if (updateProblem(update)) return false;
    // Yjs encodes what a transaction changed only while someone listens: here, where that change
    // must reach this instance's sockets, and not for each edit stored here (relayed as it came).
    const relayChange = (change: Uint8Array) => this.relay(protocol.updateMessage(change), null);
    this.doc.on("update", relayChange);
    try {
      Y.applyUpdate(this.doc, update);
    } catch {
      return false;
    } finally {
      this.doc.off("update", relayChange);
    }
    if (this.scratch) {
      try {
        Y.applyUpdate(this.scratch, update);
      } catch {
        this.scratch.destroy();
        this.scratch = undefined;
      }
    }
    if (counted) this.bytes += update.byteLength;
    return true;
  }

  /** Brings the document up to the whole stored log (what it already has, Yjs ignores). */
  async catchUp(stored: StoredDocument) {
    for (const u of stored.updates) this.applyStored(u.update, false);
    this.bytes = Math.max(this.bytes, stored.bytes);
    await this.enqueue(async () => this.applyState(stored.status, stored.adjusters));
  }

  /** Presence from another instance's sockets, vetted there; never stored. */
  applyRemotePresence(update: Uint8Array) {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
    } catch {
      console.warn(`[realtime] minutes ${this.meetingId}: ignored malformed presence from another instance`);
    }
  }

  snapshot(): MinutesSnapshot {
    return snapshotOf(this.doc);
  }

  /**
   * Brings the numbered sections in line with the agenda after it changed (see `sectionsUpdate`),
   * from a task running in the pipeline; false, changing nothing, once the minutes are no longer a draft.
   */
  async syncSections(agenda: AgendaSection[], numberedBy: AgendaSection[], struck: string): Promise<boolean> {
    if (this.status !== "draft") return false;
    const update = sectionsUpdate(Y.encodeStateAsUpdate(this.doc), agenda, numberedBy, struck);
    if (!update) return true;
    try {
      await this.storeFromServer(update);
    } catch (error) {
      // Sent for approval on another instance, as the store answered: nothing was stored.
      if (this.status !== "draft") return false;
      throw error;
    }
    return true;
  }

  /**
   * A change made by the server itself takes the same path as a participant's, but from a task
   * running in the pipeline it is stored there and then (with every edit accepted before it), so
   * the task can wait for it: queued behind the task, it would wait for ever.
   */
  async storeFromServer(update: Uint8Array): Promise<void> {
    const problem = this.accept(update);
    if (problem) throw new MessageRefused(problem);
    this.bytes += update.byteLength;
    const stored = this.queue(update, null);
    // Both awaited at once, so a refusal is handled as it happens; flush itself never rejects.
    await Promise.all([stored, this.flush()]);
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
        const { bytes } = await this.store.compact(this.meetingId);
        this.sinceCompaction -= countBefore;
        if (bytes) this.bytes = bytes + (this.bytes - bytesBefore);
      } finally {
        this.compacting = undefined;
      }
    })();
    return this.compacting;
  }

  /** Queues an accepted update; the promise settles when it is stored and relayed, or was not stored. */
  private submit(update: Uint8Array, from: Connection | null): Promise<void> {
    const stored = this.queue(update, from);
    // Updates that arrive while a batch is being written wait for the next batch: one INSERT each.
    this.enqueue(() => this.flush()).catch((error) => console.error(`[realtime] minutes ${this.meetingId}: flush failed`, error));
    return stored;
  }

  /** Settles once the update is stored and applied, or was not stored (see flush). */
  private queue(update: Uint8Array, from: Connection | null): Promise<void> {
    return new Promise<void>((resolve, reject) => this.pending.push({ update, from, stored: { resolve, reject } }));
  }

  /** Never rejects: every outcome is passed to the batch's submitters. */
  private async flush() {
    const batch = this.pending.splice(0);
    if (!batch.length) return;
    let stored: Pending[];
    try {
      stored = await this.storeAllowed(batch);
    } catch (error) {
      // Not stored, so not applied and not relayed: the senders keep the edits and send them again on
      // reconnect (1011 is a code y-websocket retries). The scratch copy has them, so it is dropped.
      console.error(`[realtime] storing minutes ${this.meetingId} failed`, error);
      this.unapplied.splice(0, batch.length);
      this.scratch?.destroy();
      this.scratch = undefined;
      for (const conn of new Set(batch.map((p) => p.from))) conn?.socket.close(1011, "storage failed");
      for (const p of batch) p.stored.reject(error);
      return;
    }
    this.unapplied.splice(0, batch.length);
    if (stored.length < batch.length) {
      // Refused under the state as it turned out to be; the scratch copy has them, so it is dropped.
      this.scratch?.destroy();
      this.scratch = undefined;
      for (const p of batch.filter((p) => !stored.includes(p))) {
        if (p.from) this.refuse(p.from, "read-only");
        p.stored.reject(new Error("the minutes' state no longer allows this edit"));
      }
    }
    for (const p of stored) {
      // The bytes as they came reach the others first: they need not wait for Yjs to integrate the
      // edit into `doc` and encode it again. (It applied cleanly to the scratch copy.)
      if (!isEmptyUpdate(p.update)) this.relay(protocol.updateMessage(p.update), p.from);
      try {
        Y.applyUpdate(this.doc, p.update);
        p.stored.resolve();
      } catch (error) {
        // Tried on the scratch copy first, so this should not happen; if it does, the next load quarantines it.
        console.error(`[realtime] minutes ${this.meetingId}: a stored update failed to apply`, error);
        p.stored.reject(error);
      }
    }
    for (const conn of new Set(stored.map((p) => p.from))) if (conn?.wantsAcks) send(conn, protocol.savedMessage());
    this.sinceCompaction += stored.length;
    if (this.sinceCompaction >= COMPACT_AFTER_UPDATES) {
      this.compact().catch((error) => console.error(`[realtime] compacting minutes ${this.meetingId} failed`, error));
    }
  }

  /**
   * Stores those of the batch's edits that the state this instance knows still allows (a server's
   * change only in a draft), provided PostgreSQL holds that state too. When another instance changed
   * it and the relay has not told this one yet, the store answers with the state as it is, which is
   * applied here, and the edits are judged again under it. Returns the edits stored.
   */
  private async storeAllowed(batch: Pending[]): Promise<Pending[]> {
    for (let attempt = 1; ; attempt++) {
      const allowed = batch.filter((p) => (p.from ? this.canWrite(p.from) : this.status === "draft"));
      const changes = allowed.filter((p) => !isEmptyUpdate(p.update));
      if (!changes.length) return allowed;
      const judged = { status: this.status, adjusters: this.adjusters };
      const rows = changes.map((p) => ({ update: p.update, userId: p.from?.userId ?? null }));
      const appended = await this.store.append(this.meetingId, rows, judged);
      if ("ids" in appended) {
        // After the commit, so another instance that reads the rows by id finds them.
        this.publish({ kind: "update", ids: appended.ids, updates: changes.map((p) => p.update) });
        return allowed;
      }
      if (attempt === 3) throw new Error("the minutes' state kept changing while an edit was being stored");
      this.applyState(appended.changed.status, appended.changed.adjusters);
    }
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
    this.scratch?.destroy();
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
