import * as Y from "yjs";
import type { LiveMinutes, MinutesInPipeline } from "../app/live-minutes";
import { LiveDocument } from "./live-document";
import type { Relay, RelayMessage } from "./relay";
import type { MinutesStore } from "./store";
import { applyStored } from "./validate";

interface Entry {
  loading: Promise<LiveDocument>;
  holders: number;
}

/**
 * Loaded documents by meeting. A document is loaded fully from its store before anyone is
 * handed it, shared by everyone who opens it, and compacted and unloaded when the last one
 * lets go. A failure loading one document never touches another.
 */
export class DocumentRegistry implements LiveMinutes {
  private entries = new Map<string, Entry>();
  private closed = false;

  constructor(
    private readonly store: MinutesStore,
    private readonly relay: Relay | null = null,
  ) {}

  /** Listens to the other instances (if any) before any document is opened here. */
  async start(): Promise<void> {
    await this.relay?.start({ message: (meetingId, message) => this.fromOtherInstance(meetingId, message), resync: () => this.catchUpAll() });
  }

  /**
   * A message for a document open here; one still loading gets it once loaded (what the load
   * already read is applied again, which Yjs ignores). Others are not ours to keep.
   */
  private fromOtherInstance(meetingId: string, message: RelayMessage) {
    const entry = this.entries.get(meetingId);
    if (!entry) return;
    entry.loading
      .then(async (doc) => {
        if (message.kind === "awareness") return doc.applyRemotePresence(message.update);
        if (message.kind === "state") {
          const state = await this.store.state(meetingId);
          if (state) await doc.enqueue(async () => doc.applyState(state.status, state.adjusters));
          return;
        }
        const updates = message.updates ?? (await this.store.updatesByIds(meetingId, message.ids)).map((u) => u.update);
        // Compaction merged some into the snapshot meanwhile, or the bytes did not check out: read the log.
        if (updates.length < message.ids.length || !updates.every((u) => doc.applyStored(u))) await this.catchUp(meetingId, doc);
      })
      .catch((error) => console.error(`[realtime] minutes ${meetingId}: applying a change from another instance failed`, error));
  }

  /** Brings an open document up to the stored log: after the relay lost messages, or a gap. */
  private async catchUp(meetingId: string, doc: LiveDocument) {
    const stored = await this.store.load(meetingId);
    if (stored) await doc.catchUp(stored);
  }

  private catchUpAll() {
    for (const [meetingId, entry] of this.entries) {
      entry.loading
        .then((doc) => this.catchUp(meetingId, doc))
        .catch((error) => console.error(`[realtime] minutes ${meetingId}: catching up from the log failed`, error));
    }
  }

  get loadedCount() {
    return this.entries.size;
  }

  async open(meetingId: string): Promise<LiveDocument> {
    let entry = this.entries.get(meetingId);
    if (!entry) {
      entry = { loading: this.load(meetingId), holders: 0 };
      this.entries.set(meetingId, entry);
      entry.loading.catch(() => this.entries.delete(meetingId));
    }
    entry.holders++;
    try {
      return await entry.loading;
    } catch (error) {
      entry.holders--;
      throw error;
    }
  }

  /**
   * Lets go of a document. Never rejects: every edit in memory is already stored, so when the
   * snapshot or the draft version cannot be written (e.g. PostgreSQL is down) that is logged and
   * the document unloads all the same; the next load applies the log as it stands.
   */
  async release(meetingId: string): Promise<void> {
    const entry = this.entries.get(meetingId);
    if (this.closed || !entry || --entry.holders > 0) return;
    const doc = await entry.loading.catch(() => null);
    if (!doc) return;
    await this.persist(meetingId, doc).catch((error) => console.error(`[realtime] saving minutes ${meetingId} failed`, error));
    // Someone may have opened it again while we compacted.
    if (entry.holders === 0 && this.entries.get(meetingId) === entry) {
      this.entries.delete(meetingId);
      doc.destroy();
    }
  }

  async withDocument<T>(meetingId: string, task: (minutes: MinutesInPipeline) => Promise<T>): Promise<T> {
    const doc = await this.open(meetingId);
    try {
      return await doc.enqueue(() => task(doc));
    } finally {
      await this.release(meetingId);
    }
  }

  async withExistingDocument<T>(meetingId: string, task: (minutes: MinutesInPipeline | null) => Promise<T>): Promise<T> {
    // Loaded means it exists; otherwise a cheap check rather than reading the whole log twice.
    if (!this.entries.has(meetingId) && !(await this.store.exists(meetingId))) return task(null);
    return this.withDocument(meetingId, task);
  }

  /** At shutdown: every open document is compacted and its draft kept, then nothing more is loaded. */
  async shutdown(): Promise<void> {
    this.closed = true;
    await this.relay?.close();
    const entries = [...this.entries];
    this.entries.clear();
    await Promise.all(
      entries.map(async ([meetingId, e]) => {
        const doc = await e.loading.catch(() => null);
        if (!doc) return;
        await this.persist(meetingId, doc).catch((error) => console.error(`[realtime] saving minutes ${meetingId} at shutdown failed`, error));
        doc.destroy();
      }),
    );
  }

  /** The end of an editing session: one snapshot, and a draft version if the text changed. */
  private async persist(meetingId: string, doc: LiveDocument) {
    await doc.enqueue(async () => {}); // every edit already received is stored first
    await doc.compact();
    if (doc.status !== "final") await doc.enqueue(() => this.store.saveDraft(meetingId, doc.doc));
  }

  private async load(meetingId: string): Promise<LiveDocument> {
    let stored = await this.store.load(meetingId);
    if (!stored) {
      await this.store.create(meetingId);
      stored = (await this.store.load(meetingId))!;
    }
    const { doc, rejected } = applyStored(
      stored.updates.map((u) => u.update),
      () => new Y.Doc({ gc: true }),
    );
    if (rejected.length) {
      // A document holding a bad update still opens: the update moves aside, kept for inspection.
      console.error(`[realtime] minutes ${meetingId}: ${rejected.length} stored update(s) quarantined (${rejected.map((r) => r.problem).join(", ")})`);
      await this.store.quarantine(meetingId, rejected.map((r) => ({ ...stored.updates[r.index], reason: r.problem })));
    }
    const bytes = stored.bytes - rejected.reduce((n, r) => n + stored.updates[r.index].update.byteLength, 0);
    const relay = this.relay;
    const publish = relay ? (message: RelayMessage) => void relay.publish(meetingId, message) : undefined;
    return new LiveDocument(this.store, meetingId, { status: stored.status, adjusters: stored.adjusters, bytes, updateCount: stored.updates.length - rejected.length }, doc, publish);
  }
}
