import type { AgendaSection } from "../app/live-minutes";
import * as Y from "yjs";
import { paragraphHeading } from "../app/domain/agenda";

/** The field Tiptap's Collaboration extension binds to by default. */
export const FRAGMENT = "default";

/**
 * The attribute on a section's heading naming its agenda item, so the section is found however
 * its text is edited. The editor declares it on headings, or it would drop it on the next edit.
 */
export const SECTION_ITEM = "agendaItem";

/** One numbered section per agenda item: a heading "§ n Title" and an empty paragraph to write in. */
function section(number: number, title: string, itemId?: string): Y.XmlElement[] {
  const heading = new Y.XmlElement("heading");
  heading.setAttribute("level", 2 as unknown as string); // ProseMirror attrs keep their type; Yjs stores any JSON value
  if (itemId) heading.setAttribute(SECTION_ITEM, itemId);
  heading.insert(0, [new Y.XmlText(paragraphHeading({ number, title }))]);
  return [heading, new Y.XmlElement("paragraph")];
}

/** The first state of a meeting's minutes, built on the server so it exists exactly once. */
export function initialMinutes(agenda: { title: string }[]): Uint8Array {
  const doc = new Y.Doc();
  doc.getXmlFragment(FRAGMENT).insert(0, agenda.flatMap((item, i) => section(i + 1, item.title)));
  return Y.encodeStateAsUpdate(doc);
}

/**
 * The update that brings the minutes' sections in line with the agenda, or null when they are.
 *
 * A section is a top-level heading naming its item (SECTION_ITEM) and the blocks after it up to
 * the next such heading; what comes before the first one stays where it is. A heading without the
 * attribute (minutes begun before sections carried it) counts by its "§ n" against `numberedBy`,
 * the agenda the minutes were last numbered by. Then:
 * - each item's heading gets its number, only the "§ n" being rewritten, so edits to the rest of
 *   the heading stay;
 * - a section whose item left the agenda goes if nothing was written under it, and otherwise
 *   stays where it is under "<struck>: …" in place of its number;
 * - sections out of order move (Yjs has no move: they are copied and the originals deleted, the
 *   fewest possible), and an item without a section gets one, each after its predecessor's.
 */
export function sectionsUpdate(current: Uint8Array, agenda: AgendaSection[], numberedBy: AgendaSection[], struck: string): Uint8Array | null {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, current);
  let update: Uint8Array | null = null;
  doc.on("update", (u: Uint8Array) => (update = u));
  const fragment = doc.getXmlFragment(FRAGMENT);
  const numbers = new Map(agenda.map((item, i) => [item.id, i + 1]));
  doc.transact(() => {
    claimHeadings(fragment, numberedBy);
    for (const s of sectionsOf(fragment).reverse()) {
      const number = numbers.get(s.id);
      if (number) renumber(s.heading, number, agenda[number - 1].title, struck);
      else if (!fragment.slice(s.start + 1, s.end).some((block) => blockText(block).trim())) fragment.delete(s.start, s.end - s.start);
      else strike(s.heading, struck);
    }
    arrange(fragment, agenda);
  });
  doc.destroy();
  return update;
}

type Block = Y.XmlElement | Y.XmlText | Y.XmlHook;
interface Section {
  id: string;
  heading: Y.XmlElement;
  /** Its blocks are fragment[start, end). */
  start: number;
  end: number;
}

const NUMBER = /^§\s*(\d+)/;
const isHeading = (block: Block): block is Y.XmlElement => block instanceof Y.XmlElement && block.nodeName === "heading";

/** Makes each item's heading the only one carrying its id: copies (a pasted or split heading) lose it, older headings gain it. */
function claimHeadings(fragment: Y.XmlFragment, numberedBy: AgendaSection[]) {
  const headings = fragment.toArray().filter(isHeading);
  const claimed = new Set<string>();
  for (const heading of headings) {
    const id = heading.getAttribute(SECTION_ITEM);
    if (typeof id !== "string") continue;
    if (claimed.has(id)) heading.removeAttribute(SECTION_ITEM);
    else claimed.add(id);
  }
  for (const heading of headings) {
    if (typeof heading.getAttribute(SECTION_ITEM) === "string") continue;
    const number = NUMBER.exec(blockText(heading))?.[1];
    const item = number ? numberedBy[Number(number) - 1] : undefined;
    if (!item || claimed.has(item.id)) continue;
    heading.setAttribute(SECTION_ITEM, item.id);
    claimed.add(item.id);
  }
}

function sectionsOf(fragment: Y.XmlFragment): Section[] {
  const blocks = fragment.toArray();
  const sections: Section[] = [];
  blocks.forEach((block, i) => {
    const id = isHeading(block) ? block.getAttribute(SECTION_ITEM) : undefined;
    if (typeof id !== "string") return;
    if (sections.length) sections[sections.length - 1].end = i;
    sections.push({ id, heading: block as Y.XmlElement, start: i, end: blocks.length });
  });
  return sections;
}

/** The heading's own text, where its "§ n" is (a heading emptied by hand gets its whole text back). */
function headingText(heading: Y.XmlElement, fallback: string): Y.XmlText {
  const first = heading.get(0);
  if (first instanceof Y.XmlText) return first;
  const text = new Y.XmlText(fallback);
  heading.insert(0, [text]);
  return text;
}

/** The text as Y.Text counts it: formatting left out, an embed one character. */
const plain = (text: Y.XmlText) => (text.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === "string" ? d.insert : "\ufffc")).join("");

function renumber(heading: Y.XmlElement, number: number, title: string, struck: string) {
  const text = headingText(heading, paragraphHeading({ number, title }));
  const current = plain(text);
  const found = NUMBER.exec(current);
  if (found?.[1] === String(number)) return;
  if (found) {
    text.delete(found[0].length - found[1].length, found[1].length);
    text.insert(found[0].length - found[1].length, String(number));
    return;
  }
  // No number (removed by hand, or struck by a change that was then undone): it goes back in front.
  if (current.startsWith(`${struck}: `)) text.delete(0, struck.length + 2);
  text.insert(0, `§ ${number} `);
}

function strike(heading: Y.XmlElement, struck: string) {
  const text = headingText(heading, struck);
  const found = /^§\s*\d+\s*/.exec(plain(text));
  if (!found) return; // struck before, or renamed by hand
  text.delete(0, found[0].length);
  text.insert(0, `${struck}: `);
}

/** Puts the agenda's sections in its order, moving those outside the longest run already in order, and adds missing ones. */
function arrange(fragment: Y.XmlFragment, agenda: AgendaSection[]) {
  const order = new Map(agenda.map((item, i) => [item.id, i]));
  const present = sectionsOf(fragment).filter((s) => order.has(s.id));
  const inPlace = new Set(longestIncreasingRun(present.map((s) => order.get(s.id)!)).map((i) => present[i].id));
  agenda.forEach((item, i) => {
    if (inPlace.has(item.id)) return;
    const own = sectionsOf(fragment).find((s) => s.id === item.id);
    let blocks: (Y.XmlElement | Y.XmlText)[];
    if (own) {
      blocks = fragment.slice(own.start, own.end).map((block) => block.clone() as Y.XmlElement);
      fragment.delete(own.start, own.end - own.start);
    } else {
      blocks = section(i + 1, item.title, item.id);
    }
    const sections = sectionsOf(fragment);
    const previous = i > 0 ? sections.find((s) => s.id === agenda[i - 1].id) : undefined;
    fragment.insert(previous ? previous.end : (sections[0]?.start ?? fragment.length), blocks);
  });
}

/** Indices of a longest strictly increasing subsequence of `values` (O(n²): agendas are short). */
function longestIncreasingRun(values: number[]): number[] {
  const length = values.map(() => 1);
  const before = values.map(() => -1);
  values.forEach((v, i) => {
    for (let j = 0; j < i; j++) {
      if (values[j] < v && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        before[i] = j;
      }
    }
  });
  const run: number[] = [];
  for (let i = length.indexOf(Math.max(0, ...length)); i >= 0; i = before[i]) run.unshift(i);
  return run;
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
