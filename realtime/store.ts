import { and, asc, eq, inArray, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Db, Tx } from "../db/client";
import { agendaItems, meetings, minutes, minutesQuarantine, minutesUpdates, type MinutesStatus } from "../db/schema";
import { initialMinutes } from "./content";
import { mergeOffThread } from "./merge-off-thread";
import { saveDraftVersion } from "./versions";

// Array types' OIDs, so postgres.js sends each element as the column's type.
export const BYTEA_ARRAY = 1001;
const UUID_ARRAY = 2951;

/**
 * Where live minutes keep their documents. Realtime depends on this alone, so a document's
 * pipeline can be tested on a store in memory, or on one that fails.
 */
export interface MinutesStore {
  /** The document's status and stored updates, or null when the minutes do not exist yet. */
  load(meetingId: string): Promise<StoredDocument | null>;
  exists(meetingId: string): Promise<boolean>;
  /** Creates the minutes with their first content, once, also when two first visitors race. */
  create(meetingId: string): Promise<void>;
  /**
   * Stores the batch if the justering's state is still `judged`, the one its edits were judged
   * under; resolves once it is durable, with the rows' ids in the log. Otherwise stores nothing
   * and resolves with the state as it is.
   */
  append(meetingId: string, batch: { update: Uint8Array; userId: string | null }[], judged: JusteringState): Promise<Appended>;
  /** Those of the rows still in the log (compaction may have merged the others into the snapshot). */
  updatesByIds(meetingId: string, ids: number[]): Promise<StoredUpdate[]>;
  /** The justering's state as stored, for an instance told that it changed. */
  state(meetingId: string): Promise<JusteringState | null>;
  compact(meetingId: string): Promise<{ merged: number; bytes: number }>;
  quarantine(meetingId: string, rejected: (StoredUpdate & { reason: string })[]): Promise<void>;
  /** Keeps a draft version of the document as it stands, unless nothing changed since the last. */
  saveDraft(meetingId: string, doc: Y.Doc): Promise<void>;
}

/** Who may write the minutes follows from their status and adjusters (and each user's facts). */
export interface JusteringState {
  status: MinutesStatus;
  adjusters: string[];
}

export type Appended = { ids: number[] } | { changed: JusteringState };

/**
 * The store in PostgreSQL: a snapshot per meeting in `minutes`, the updates since in `minutes_updates`.
 * Updates are appended through `log`: the server gives it connections of their own, so an edit
 * never queues behind a page's queries before it can be stored and relayed.
 */
export function postgresMinutesStore(db: Db, log: Db = db): MinutesStore {
  return {
    load: (meetingId) => loadStored(db, meetingId),
    exists: (meetingId) => storedExists(db, meetingId),
    create: (meetingId) =>
      db.transaction(async (tx) => {
        // An agenda change holds a stronger lock on the meeting: it commits before the agenda is read
        // here, or begins after these minutes exist and brings their sections along (changeAgenda).
        await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).for("share");
        const agenda = await tx
          .select({ title: agendaItems.title })
          .from(agendaItems)
          .where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.proposed, false)))
          .orderBy(asc(agendaItems.position));
        await createStored(tx, meetingId, initialMinutes(agenda));
      }),
    append: (meetingId, batch, judged) => appendUpdates(log, meetingId, batch, judged),
    updatesByIds: (meetingId, ids) =>
      db
        .select({ id: minutesUpdates.id, update: minutesUpdates.update, userId: minutesUpdates.userId })
        .from(minutesUpdates)
        .where(and(eq(minutesUpdates.meetingId, meetingId), inArray(minutesUpdates.id, ids)))
        .orderBy(asc(minutesUpdates.id)),
    async state(meetingId) {
      const [row] = await db.select({ status: minutes.status, adjusters: minutes.adjusters }).from(minutes).where(eq(minutes.meetingId, meetingId));
      return row ?? null;
    },
    compact: (meetingId) => compactStored(db, meetingId),
    quarantine: (meetingId, rejected) => quarantine(db, meetingId, rejected),
    saveDraft: (meetingId, doc) => saveDraftVersion(db, meetingId, doc),
  };
}

export interface StoredUpdate {
  /** The row in minutes_updates; null for the snapshot. */
  id: number | null;
  update: Uint8Array;
  userId: string | null;
}

export interface StoredDocument {
  status: MinutesStatus;
  adjusters: string[];
  /** Snapshot first, then every update appended since, in order. */
  updates: StoredUpdate[];
  bytes: number;
}

/** The document's row and updates, or null when the minutes do not exist yet. */
export async function loadStored(db: Db, meetingId: string): Promise<StoredDocument | null> {
  const [row] = await db.select().from(minutes).where(eq(minutes.meetingId, meetingId));
  if (!row) return null;
  const rows = await db
    .select({ id: minutesUpdates.id, update: minutesUpdates.update, userId: minutesUpdates.userId })
    .from(minutesUpdates)
    .where(eq(minutesUpdates.meetingId, meetingId))
    .orderBy(asc(minutesUpdates.id));
  const updates = [...(row.snapshot ? [{ id: null, update: row.snapshot, userId: null }] : []), ...rows];
  return { status: row.status, adjusters: row.adjusters, updates, bytes: updates.reduce((n, u) => n + u.update.byteLength, 0) };
}

/** Moves updates that cannot be applied out of the document's log into minutes_quarantine, with why. */
export async function quarantine(db: Db, meetingId: string, rejected: (StoredUpdate & { reason: string })[]) {
  if (!rejected.length) return;
  await db.transaction(async (tx) => {
    await tx.insert(minutesQuarantine).values(rejected.map((r) => ({ meetingId, updateId: r.id, update: r.update, userId: r.userId, reason: r.reason })));
    const ids = rejected.flatMap((r) => (r.id === null ? [] : [r.id]));
    if (ids.length) await tx.delete(minutesUpdates).where(and(eq(minutesUpdates.meetingId, meetingId), inArray(minutesUpdates.id, ids)));
    if (rejected.some((r) => r.id === null)) await tx.update(minutes).set({ snapshot: null, snapshotBytes: 0 }).where(eq(minutes.meetingId, meetingId));
  });
}

/** Whether the minutes have been created, without reading their content. */
export async function storedExists(db: Db, meetingId: string): Promise<boolean> {
  const [row] = await db.select({ id: minutes.meetingId }).from(minutes).where(eq(minutes.meetingId, meetingId));
  return Boolean(row);
}

/**
 * Creates the minutes with their initial content, exactly once: when two first visitors
 * race, the second insert does nothing and both then load what the first stored.
 */
export async function createStored(db: Db | Tx, meetingId: string, initial: Uint8Array): Promise<void> {
  await db.insert(minutes).values({ meetingId, snapshot: initial, snapshotBytes: initial.byteLength }).onConflictDoNothing();
}

/**
 * Appends a batch of updates in one statement, provided the justering's state is still the one they
 * were judged under; returns when they are durable. When another instance has changed it (sent the
 * minutes for approval, say) and this one has not heard yet, nothing is stored and the state as it
 * is comes back, for the edits to be judged again: no relay's delay lets an edit in that the stored
 * state refuses.
 */
export async function appendUpdates(
  db: Db,
  meetingId: string,
  batch: { update: Uint8Array; userId: string | null }[],
  judged: JusteringState,
): Promise<Appended> {
  // postgres.js directly, one prepared statement whatever the batch's size: this runs for every edit,
  // and drizzle's builder cost as much CPU as the round trip itself. bigint ids come back as text.
  const sql = db.$client;
  const updates = batch.map((b) => Buffer.from(b.update.buffer, b.update.byteOffset, b.update.byteLength));
  const [row] = await sql<{ status: MinutesStatus; adjusters: string[]; ids: string[] }[]>`
    with judged as (
      select status, adjusters, status = ${judged.status} and adjusters = ${sql.array(judged.adjusters, UUID_ARRAY)}::uuid[] as same
      from minutes where meeting_id = ${meetingId}),
    stored as (
      insert into minutes_updates (meeting_id, update, user_id)
      select ${meetingId}, u.update, u.user_id
      from unnest(${sql.array(updates, BYTEA_ARRAY)}::bytea[], ${sql.array(batch.map((b) => b.userId), UUID_ARRAY)}::uuid[]) with ordinality as u(update, user_id, n)
      where (select same from judged)
      order by u.n
      returning id)
    select status, adjusters, array(select id from stored order by id) as ids from judged`;
  if (!row) throw new Error(`the minutes of meeting ${meetingId} are gone`);
  return row.ids.length ? { ids: row.ids.map(Number) } : { changed: { status: row.status, adjusters: row.adjusters } };
}

/**
 * Merges the snapshot and the updates read into a new snapshot and deletes exactly those
 * updates, in one transaction under the document's row lock. Updates written meanwhile are
 * not read, so they are not deleted: nothing is lost, and loading applies them on top.
 */
export async function compactStored(db: Db, meetingId: string): Promise<{ merged: number; bytes: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ snapshot: minutes.snapshot }).from(minutes).where(eq(minutes.meetingId, meetingId)).for("no key update");
    if (!row) return { merged: 0, bytes: 0 };
    const rows = await tx
      .select({ id: minutesUpdates.id, update: minutesUpdates.update })
      .from(minutesUpdates)
      .where(eq(minutesUpdates.meetingId, meetingId))
      .orderBy(asc(minutesUpdates.id));
    if (!rows.length) return { merged: 0, bytes: row.snapshot?.byteLength ?? 0 };
    const snapshot = await mergeOffThread([...(row.snapshot ? [row.snapshot] : []), ...rows.map((r) => r.update)]);
    await tx.update(minutes).set({ snapshot, snapshotBytes: snapshot.byteLength, updatedAt: sql`now()` }).where(eq(minutes.meetingId, meetingId));
    await tx.delete(minutesUpdates).where(and(eq(minutesUpdates.meetingId, meetingId), inArray(minutesUpdates.id, rows.map((r) => r.id))));
    return { merged: rows.length, bytes: snapshot.byteLength };
  });
}
