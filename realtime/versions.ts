import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { desc, eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../db/client";
import { minutesVersions } from "../db/schema";
import { FRAGMENT } from "./content";
import { renderMinutes } from "./render";

type Executor = Pick<Db, "insert" | "select">;

const hex = (text: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(text)));

/**
 * SHA-256 of everything the minutes hold: blocks, their attributes, and the text with its marks
 * and link targets. An approval is given on this hash, so changing where a link points or what
 * is bold after someone approved voids their approval, as changing a word does.
 */
export function contentHash(doc: Y.Doc): string {
  return hex(canonical(doc.getXmlFragment(FRAGMENT).toArray().map(tree)));
}

function tree(node: Y.XmlElement | Y.XmlText | Y.XmlHook): unknown {
  if (node instanceof Y.XmlText) return { text: node.toDelta() };
  if (node instanceof Y.XmlElement) return { node: node.nodeName, attributes: node.getAttributes(), children: node.toArray().map(tree) };
  return { hook: node.hookName, entries: node.toJSON() };
}

/** JSON with object keys sorted, so equal content always hashes alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object" && !(value instanceof Uint8Array)) {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The document as it stands: rendered, with its state and the hash of its content. */
export function snapshotOf(doc: Y.Doc) {
  return { ...renderMinutes(doc), state: Y.encodeStateAsUpdate(doc), contentSha256: contentHash(doc) };
}

/** Keeps a draft version when an editing session ends, unless nothing changed since the last one. */
export async function saveDraftVersion(db: Executor, meetingId: string, doc: Y.Doc) {
  const snap = snapshotOf(doc);
  const [last] = await db
    .select({ contentSha256: minutesVersions.contentSha256 })
    .from(minutesVersions)
    .where(eq(minutesVersions.meetingId, meetingId))
    .orderBy(desc(minutesVersions.id))
    .limit(1);
  if (last?.contentSha256 === snap.contentSha256) return;
  await db.insert(minutesVersions).values({ meetingId, kind: "draft", ...snap });
}
