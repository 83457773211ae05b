import * as Y from "yjs";

export type UpdateProblem = "malformed" | "unstorable-text" | "subdocument" | "cannot-apply";

/** Deeper JSON than this in one attribute is no editor's doing. */
const MAX_JSON_DEPTH = 32;

/**
 * Why an incoming update must not be stored, judged from its bytes alone: it does not decode, it
 * carries a subdocument (minutes have none), or it holds text PostgreSQL cannot keep (NUL) — the
 * draft versions store the minutes as text, so one NUL would make every later save fail.
 */
export function updateProblem(update: Uint8Array): UpdateProblem | null {
  let structs: ReturnType<typeof Y.decodeUpdate>["structs"];
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch {
    return "malformed";
  }
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const { content } = struct;
    if (content instanceof Y.ContentDoc) return "subdocument";
    if (unstorable(struct.parentSub) || unstorable(typeof struct.parent === "string" ? struct.parent : null) || unstorable(contentValue(content)))
      return "unstorable-text";
  }
  return null;
}

/** The JSON-like values an item's content carries (binary content is never rendered as text). */
function contentValue(content: Y.Item["content"]): unknown {
  if (content instanceof Y.ContentString) return content.str;
  if (content instanceof Y.ContentFormat) return [content.key, content.value];
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return content.arr;
  if (content instanceof Y.ContentEmbed) return content.embed;
  if (content instanceof Y.ContentType) {
    const type = content.type;
    if (type instanceof Y.XmlElement) return type.nodeName;
    if (type instanceof Y.XmlHook) return type.hookName;
  }
  return null;
}

function unstorable(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (value === null || typeof value !== "object") return false;
  if (depth > MAX_JSON_DEPTH) return true;
  if (Array.isArray(value)) return value.some((v) => unstorable(v, depth + 1));
  if (value instanceof Uint8Array) return false;
  return Object.entries(value).some(([k, v]) => k.includes("\u0000") || unstorable(v, depth + 1));
}

/**
 * Builds a document from stored updates in order, leaving out any that fails `updateProblem` or
 * throws while applying. A throw can leave the document half-changed, so after one the document
 * is rebuilt from the updates that applied cleanly before it.
 */
export function applyStored(updates: Uint8Array[], newDoc: () => Y.Doc): { doc: Y.Doc; rejected: { index: number; problem: UpdateProblem }[] } {
  let doc = newDoc();
  const good: Uint8Array[] = [];
  const rejected: { index: number; problem: UpdateProblem }[] = [];
  updates.forEach((update, index) => {
    const problem = updateProblem(update);
    if (problem) return void rejected.push({ index, problem });
    try {
      Y.applyUpdate(doc, update);
      good.push(update);
    } catch {
      rejected.push({ index, problem: "cannot-apply" });
      doc.destroy();
      doc = newDoc();
      Y.transact(doc, () => good.forEach((u) => Y.applyUpdate(doc, u)));
    }
  });
  return { doc, rejected };
}
