import * as Y from "yjs";

/** The field Tiptap's Collaboration extension binds to by default. */
export const FRAGMENT = "default";

/** One numbered section per agenda item: a heading "§ n Title" and an empty paragraph to write in. */
function section(number: number, title: string): Y.XmlElement[] {
  const heading = new Y.XmlElement("heading");
  heading.setAttribute("level", 2 as unknown as string); // ProseMirror attrs keep their type; Yjs stores any JSON value
  heading.insert(0, [new Y.XmlText(`§ ${number} ${title}`)]);
  return [heading, new Y.XmlElement("paragraph")];
}

/** The first state of a meeting's minutes, built on the server so it exists exactly once. */
export function initialMinutes(agenda: { title: string }[]): Uint8Array {
  const doc = new Y.Doc();
  doc.getXmlFragment(FRAGMENT).insert(0, agenda.flatMap((item, i) => section(i + 1, item.title)));
  return Y.encodeStateAsUpdate(doc);
}

/** An update that appends a section for an agenda item added after the minutes were created. */
export function sectionUpdate(current: Uint8Array, number: number, title: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, current);
  const before = Y.encodeStateVector(doc);
  const fragment = doc.getXmlFragment(FRAGMENT);
  fragment.insert(fragment.length, section(number, title));
  return Y.encodeStateAsUpdate(doc, before);
}

/** Plain text of the minutes, block by block (for search, hashing and scanning). */
export function minutesText(doc: Y.Doc): string {
  return doc
    .getXmlFragment(FRAGMENT)
    .toArray()
    .map((node) => blockText(node))
    .join("\n");
}

function blockText(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) return (node.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === "string" ? d.insert : "")).join("");
  if (node instanceof Y.XmlElement) return node.toArray().map((c) => blockText(c as Y.XmlElement | Y.XmlText)).join(node.nodeName === "paragraph" || node.nodeName === "heading" ? "" : "\n");
  return "";
}
