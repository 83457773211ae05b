import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { desc, eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../db/client";
import { minutesVersions } from "../db/schema";
import { renderMinutes } from "./render";

type Executor = Pick<Db, "insert" | "select">;

export const textHash = (text: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(text)));

/** The document as it stands: rendered, with its state and the hash of its text. */
export function snapshotOf(doc: Y.Doc) {
  const rendered = renderMinutes(doc);
  return { ...rendered, state: Y.encodeStateAsUpdate(doc), textSha256: textHash(rendered.text) };
}

/** Keeps a draft version when an editing session ends, unless nothing changed since the last one. */
export async function saveDraftVersion(db: Executor, meetingId: string, doc: Y.Doc) {
  const snap = snapshotOf(doc);
  const [last] = await db
    .select({ textSha256: minutesVersions.textSha256 })
    .from(minutesVersions)
    .where(eq(minutesVersions.meetingId, meetingId))
    .orderBy(desc(minutesVersions.id))
    .limit(1);
  if (last?.textSha256 === snap.textSha256) return;
  await db.insert(minutesVersions).values({ meetingId, kind: "draft", ...snap });
}
