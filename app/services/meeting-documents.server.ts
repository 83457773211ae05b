import { createHash } from "node:crypto";
import { and, asc, desc, eq, max, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { prepared } from "../../db/prepared";
import { agendaItems, meetingDocuments, meetings, minutes, type Locale } from "../../db/schema";
import { paragraphHeading } from "../domain/agenda";
import { formatFileSize, MAX_DOCUMENT_BYTES, sniffDocumentType, typeOfMime } from "../domain/document-type";
import { translator } from "../i18n";
import type { SessionUser } from "../auth/session.server";
import { audit } from "./audit.server";
import { conflict, invalid, ok, type Failure, type Result } from "./result";

// A document's content is a PostgreSQL large object (decision 023): one backup, one transaction with
// its row, no directory to keep in step. Each replacement is a new row (version n+1) under the same
// document_key; deleting rows unlinks their large objects (the table's trigger).

/** Written and read in pieces of this size, so no single query carries a whole 25 MB file. */
const CHUNK_BYTES = 1024 * 1024;

export interface DocumentUpload {
  /** The agenda item a new document is attached to. */
  agendaItemId?: string;
  /** The document a new version replaces. */
  documentKey?: string;
  /** Empty: the file's name (or, for a new version, the title it had). */
  title: string;
  filename: string;
  content: Uint8Array;
}

const columns = {
  id: meetingDocuments.id,
  documentKey: meetingDocuments.documentKey,
  version: meetingDocuments.version,
  agendaItemId: meetingDocuments.agendaItemId,
  title: meetingDocuments.title,
  filename: meetingDocuments.filename,
  contentType: meetingDocuments.contentType,
  size: meetingDocuments.size,
  createdAt: meetingDocuments.createdAt,
};

/** A meeting's documents, every version, newest version first within each document. */
export function documentRows(db: Db, meetingId: string) {
  return meetingDocumentRows(db).execute({ meetingId });
}

// The meeting page asks this before and during every meeting: built and planned once (decision 011).
const meetingDocumentRows = prepared((db) =>
  db
    .select(columns)
    .from(meetingDocuments)
    .where(eq(meetingDocuments.meetingId, sql.placeholder("meetingId")))
    .orderBy(asc(meetingDocuments.agendaItemId), asc(meetingDocuments.documentKey), desc(meetingDocuments.version))
    .prepare("meeting_documents"),
);

export interface AgendaDocument<R> {
  key: string;
  latest: R;
  /** Earlier versions, newest first. */
  earlier: R[];
}

/** Rows (newest version first per document) as documents per agenda item, in the order they were first attached. */
export function documentsByItem<R extends { documentKey: string; agendaItemId: string; createdAt: Date }>(rows: R[]) {
  const byKey = new Map<string, R[]>();
  for (const row of rows) byKey.set(row.documentKey, [...(byKey.get(row.documentKey) ?? []), row]);
  const firstAttached = (versions: R[]) => versions[versions.length - 1].createdAt.getTime();
  const byItem = new Map<string, AgendaDocument<R>[]>();
  for (const [key, versions] of [...byKey].sort(([, a], [, b]) => firstAttached(a) - firstAttached(b))) {
    const [latest, ...earlier] = versions;
    byItem.set(latest.agendaItemId, [...(byItem.get(latest.agendaItemId) ?? []), { key, latest, earlier }]);
  }
  return byItem;
}

class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error);
  }
}

/**
 * Attaches a document to an agenda item, or stores a new version of one. The content must be a
 * type Samråd accepts by what it is (not its name), not empty and at most 25 MB; nothing is stored
 * otherwise. Like the agenda it is fixed once the minutes leave the draft.
 */
export async function uploadDocument(db: Db, meetingId: string, upload: DocumentUpload, actor: SessionUser): Promise<Result<{ id: string; version: number }>> {
  if (upload.content.byteLength === 0) return invalid("document.empty", "file");
  if (upload.content.byteLength > MAX_DOCUMENT_BYTES) return invalid("document.tooLarge", "file");
  const type = sniffDocumentType(upload.content);
  if (!type) return invalid("document.unsupportedType", "file");
  try {
    return await db.transaction(async (tx) => {
      // One change to a meeting's documents at a time, so versions count up without gaps or clashes.
      await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).for("no key update");
      const [state] = await tx.select({ status: minutes.status }).from(minutes).where(eq(minutes.meetingId, meetingId));
      if (state && state.status !== "draft") throw new Refused(conflict("agenda.locked"));
      const target = upload.documentKey ? await latestOf(tx, meetingId, upload.documentKey) : await newDocumentOn(tx, meetingId, upload.agendaItemId);
      const oid = await writeLargeObject(tx, upload.content);
      const [row] = await tx
        .insert(meetingDocuments)
        .values({
          meetingId,
          agendaItemId: target.agendaItemId,
          ...(target.documentKey ? { documentKey: target.documentKey } : {}),
          version: target.version,
          title: upload.title || target.title || upload.filename || "dokument",
          filename: upload.filename,
          contentType: type.mime,
          size: upload.content.byteLength,
          sha256: createHash("sha256").update(upload.content).digest("hex"),
          contentOid: oid,
          uploadedBy: actor.id,
        })
        .returning({ id: meetingDocuments.id, documentKey: meetingDocuments.documentKey, title: meetingDocuments.title });
      await audit(tx, {
        actorId: actor.id,
        action: target.version > 1 ? "document.replace" : "document.upload",
        subject: `meeting:${meetingId}`,
        details: { documentKey: row.documentKey, title: row.title, filename: upload.filename, version: target.version, type: type.kind, size: upload.content.byteLength },
      });
      return ok({ id: row.id, version: target.version });
    });
  } catch (error) {
    if (error instanceof Refused) return error.failure;
    throw error;
  }
}

/** Where a replacement goes: the document's item and title, and the next version. */
async function latestOf(tx: Tx, meetingId: string, documentKey: string) {
  const [row] = await tx
    .select({ agendaItemId: meetingDocuments.agendaItemId, title: meetingDocuments.title, version: meetingDocuments.version })
    .from(meetingDocuments)
    .where(and(eq(meetingDocuments.meetingId, meetingId), eq(meetingDocuments.documentKey, documentKey)))
    .orderBy(desc(meetingDocuments.version))
    .limit(1);
  if (!row) throw new Refused(conflict("document.gone"));
  return { documentKey, agendaItemId: row.agendaItemId, title: row.title, version: row.version + 1 };
}

/** Where a new document goes: an item on this meeting's agenda (not a proposal waiting for the chair). */
async function newDocumentOn(tx: Tx, meetingId: string, agendaItemId: string | undefined) {
  const [item] = agendaItemId
    ? await tx
        .select({ id: agendaItems.id })
        .from(agendaItems)
        .where(and(eq(agendaItems.id, agendaItemId), eq(agendaItems.meetingId, meetingId), eq(agendaItems.proposed, false)))
    : [];
  if (!item) throw new Refused(conflict("document.noItem"));
  return { documentKey: undefined, agendaItemId: item.id, title: "", version: 1 };
}

/** The content as a new large object, a piece at a time; its oid. */
async function writeLargeObject(tx: Tx, content: Uint8Array): Promise<number> {
  const piece = (from: number) => Buffer.from(content.buffer, content.byteOffset + from, Math.min(CHUNK_BYTES, content.byteLength - from));
  const [{ oid }] = await tx.execute<{ oid: number }>(sql`select lo_from_bytea(0, ${piece(0)})::bigint as oid`);
  for (let from = CHUNK_BYTES; from < content.byteLength; from += CHUNK_BYTES) {
    await tx.execute(sql`select lo_put(${oid}::oid, ${from}, ${piece(from)})`);
  }
  return Number(oid);
}

/** Deletes a document with all its versions; their large objects go with the rows (trigger). */
export async function deleteDocument(db: Db, meetingId: string, documentKey: string, actor: SessionUser): Promise<Result> {
  return db.transaction(async (tx) => {
    await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).for("no key update");
    const [state] = await tx.select({ status: minutes.status }).from(minutes).where(eq(minutes.meetingId, meetingId));
    if (state && state.status !== "draft") return conflict("agenda.locked");
    const gone = await tx
      .delete(meetingDocuments)
      .where(and(eq(meetingDocuments.meetingId, meetingId), eq(meetingDocuments.documentKey, documentKey)))
      .returning({ title: meetingDocuments.title, version: meetingDocuments.version });
    if (!gone.length) return conflict("document.gone");
    const latest = gone.reduce((a, b) => (b.version > a.version ? b : a));
    await audit(tx, { actorId: actor.id, action: "document.delete", subject: `meeting:${meetingId}`, details: { documentKey, title: latest.title, versions: gone.length } });
    return ok();
  });
}

/** One version of one of this meeting's documents (null for another meeting's, or none). */
export async function documentVersion(db: Db, meetingId: string, id: string) {
  const [row] = await db
    .select({ ...columns, contentOid: meetingDocuments.contentOid, sha256: meetingDocuments.sha256 })
    .from(meetingDocuments)
    .where(and(eq(meetingDocuments.id, id), eq(meetingDocuments.meetingId, meetingId)));
  return row ?? null;
}

/** A large object's content as a stream, read a piece at a time as the client takes it. */
export function largeObjectStream(db: Db, oid: number, size: number): ReadableStream<Uint8Array> {
  let from = 0;
  return new ReadableStream({
    async pull(controller) {
      const length = Math.min(CHUNK_BYTES, size - from);
      if (length <= 0) return controller.close();
      const [{ chunk }] = await db.execute<{ chunk: Buffer }>(sql`select lo_get(${oid}::oid, ${from}, ${length}) as chunk`);
      from += chunk.byteLength;
      controller.enqueue(new Uint8Array(chunk));
      if (from >= size || chunk.byteLength === 0) controller.close();
    },
  });
}

/** The latest version of each of a meeting's documents, for the notice: per agenda item. */
export async function latestDocuments(tx: Pick<Db, "select">, meetingId: string) {
  const newest = tx
    .select({ documentKey: meetingDocuments.documentKey, newestVersion: max(meetingDocuments.version).as("newest_version") })
    .from(meetingDocuments)
    .where(eq(meetingDocuments.meetingId, meetingId))
    .groupBy(meetingDocuments.documentKey)
    .as("newest");
  return tx
    .select({
      id: meetingDocuments.id,
      agendaItemId: meetingDocuments.agendaItemId,
      title: meetingDocuments.title,
      contentType: meetingDocuments.contentType,
      size: meetingDocuments.size,
    })
    .from(meetingDocuments)
    .innerJoin(newest, and(eq(newest.documentKey, meetingDocuments.documentKey), eq(newest.newestVersion, meetingDocuments.version)))
    .orderBy(asc(meetingDocuments.createdAt));
}

/**
 * The notice's agenda: each paragraph's heading, and under it its documents (latest versions) with
 * the address each is downloaded from, in the reader's language. The mail's HTML part makes the
 * addresses links.
 */
export function noticeAgenda(
  agenda: { id: string; number: number; title: string }[],
  documents: Awaited<ReturnType<typeof latestDocuments>>,
  locale: Locale,
  documentUrl: (id: string) => string
): string {
  const t = translator(locale);
  const lines = (itemId: string) =>
    documents
      .filter((d) => d.agendaItemId === itemId)
      .map((d) =>
        t("document.mailLine", { title: d.title, type: typeOfMime(d.contentType)?.label ?? d.contentType, size: formatFileSize(d.size, locale), link: documentUrl(d.id) })
      );
  return agenda.flatMap((item) => [paragraphHeading(item), ...lines(item.id)]).join("\n");
}
