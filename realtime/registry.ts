import { and, asc, eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../db/client";
import { agendaItems } from "../db/schema";
import { initialMinutes, sectionUpdate } from "./content";
import { LiveDocument } from "./live-document";
import { createStored, loadStored } from "./store";
import { saveDraftVersion } from "./versions";

interface Entry {
  loading: Promise<LiveDocument>;
  holders: number;
}

/**
 * Loaded documents by meeting. A document is loaded fully from PostgreSQL before anyone is
 * handed it, shared by everyone who opens it, and compacted and unloaded when the last one
 * lets go. A failure loading one document never touches another.
 */
export class DocumentRegistry {
  private entries = new Map<string, Entry>();

  constructor(private readonly db: Db) {}

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

  async release(meetingId: string): Promise<void> {
    const entry = this.entries.get(meetingId);
    if (!entry || --entry.holders > 0) return;
    const doc = await entry.loading;
    await doc.compact();
    if (doc.status !== "final") await doc.enqueue(() => saveDraftVersion(this.db, meetingId, doc.doc));
    // Someone may have opened it again while we compacted.
    if (entry.holders === 0 && this.entries.get(meetingId) === entry) {
      this.entries.delete(meetingId);
      doc.destroy();
    }
  }

  /** Adds a section for an agenda item added after the minutes exist (nothing to do before). */
  async appendSection(meetingId: string, number: number, title: string): Promise<void> {
    if (!(await loadStored(this.db, meetingId))) return;
    const doc = await this.open(meetingId);
    try {
      await doc.submitFromServer(sectionUpdate(Y.encodeStateAsUpdate(doc.doc), number, title));
    } finally {
      await this.release(meetingId);
    }
  }

  /** Compacts every open document; used at shutdown so the next start loads snapshots. */
  async flushAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map(async (e) => (await e.loading).compact().catch(() => undefined)));
  }

  private async load(meetingId: string): Promise<LiveDocument> {
    let stored = await loadStored(this.db, meetingId);
    if (!stored) {
      const agenda = await this.db
        .select({ title: agendaItems.title })
        .from(agendaItems)
        .where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.proposed, false)))
        .orderBy(asc(agendaItems.position));
      await createStored(this.db, meetingId, initialMinutes(agenda));
      stored = (await loadStored(this.db, meetingId))!;
    }
    return new LiveDocument(this.db, meetingId, stored);
  }
}
