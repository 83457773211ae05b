import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { AgendaSection } from "../../app/live-minutes";
import { FRAGMENT, initialMinutes, SECTION_ITEM, sectionsUpdate } from "../../realtime/content";

const STRUCK = "Struken punkt";
const [open, plan, budget, other, late] = [
  { id: "i-open", title: "Mötets öppnande" },
  { id: "i-plan", title: "Verksamhetsplan 2027" },
  { id: "i-budget", title: "Budget" },
  { id: "i-other", title: "Övriga frågor" },
  { id: "i-late", title: "Lokalfrågan" },
];
const agenda = [open, plan, budget, other];

/** Minutes as the server first writes them: "§ n Title" headings without their item (see registry load). */
function begun(items: AgendaSection[] = agenda) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initialMinutes(items));
  return doc;
}

const fragment = (doc: Y.Doc) => doc.getXmlFragment(FRAGMENT);
const textOf = (node: Y.XmlElement) => node.toArray().map((c) => (c instanceof Y.XmlText ? c.toDelta().map((d: { insert: string }) => d.insert).join("") : "")).join("");

/** Each block as a line: headings "## text {item}", paragraphs their text. */
function lines(doc: Y.Doc): string[] {
  return fragment(doc)
    .toArray()
    .map((b) => {
      const el = b as Y.XmlElement;
      return el.nodeName === "heading" ? `## ${textOf(el)}${el.getAttribute(SECTION_ITEM) ? ` {${el.getAttribute(SECTION_ITEM)}}` : ""}` : textOf(el);
    });
}

/** Writes into the paragraph right after the heading that starts with `heading`. */
function write(doc: Y.Doc, heading: string, text: string) {
  const blocks = fragment(doc).toArray() as Y.XmlElement[];
  const at = blocks.findIndex((b) => b.nodeName === "heading" && textOf(b).startsWith(heading));
  blocks[at + 1].insert(0, [new Y.XmlText(text)]);
}

function sync(doc: Y.Doc, to: AgendaSection[], numberedBy: AgendaSection[]) {
  const update = sectionsUpdate(Y.encodeStateAsUpdate(doc), to, numberedBy, STRUCK);
  if (update) Y.applyUpdate(doc, update);
  return update;
}

describe("sectionsUpdate", () => {
  // [label, change to the minutes before, agenda before → after, the minutes after]
  it.each<[string, (doc: Y.Doc) => void, AgendaSection[], string[]]>([
    [
      "first sync: the headings learn their items, nothing else changes",
      () => {},
      agenda,
      ["## § 1 Mötets öppnande {i-open}", "", "## § 2 Verksamhetsplan 2027 {i-plan}", "", "## § 3 Budget {i-budget}", "", "## § 4 Övriga frågor {i-other}", ""],
    ],
    [
      "an item removed with nothing written under it: its section goes, the rest are renumbered",
      () => {},
      [open, budget, other],
      ["## § 1 Mötets öppnande {i-open}", "", "## § 2 Budget {i-budget}", "", "## § 3 Övriga frågor {i-other}", ""],
    ],
    [
      "an item removed with text under it: the text stays, under a visible heading",
      (doc) => write(doc, "§ 2", "Planen diskuterades."),
      [open, budget, other],
      [
        "## § 1 Mötets öppnande {i-open}",
        "",
        "## Struken punkt: Verksamhetsplan 2027 {i-plan}",
        "Planen diskuterades.",
        "## § 2 Budget {i-budget}",
        "",
        "## § 3 Övriga frågor {i-other}",
        "",
      ],
    ],
    [
      "an item moved up: its section moves with its text",
      (doc) => write(doc, "§ 3", "Budgeten antogs."),
      [open, budget, plan, other],
      ["## § 1 Mötets öppnande {i-open}", "", "## § 2 Budget {i-budget}", "Budgeten antogs.", "## § 3 Verksamhetsplan 2027 {i-plan}", "", "## § 4 Övriga frågor {i-other}", ""],
    ],
    [
      "the first item moved last",
      (doc) => write(doc, "§ 1", "Ordföranden öppnade mötet."),
      [plan, budget, other, open],
      [
        "## § 1 Verksamhetsplan 2027 {i-plan}",
        "",
        "## § 2 Budget {i-budget}",
        "",
        "## § 3 Övriga frågor {i-other}",
        "",
        "## § 4 Mötets öppnande {i-open}",
        "Ordföranden öppnade mötet.",
      ],
    ],
    [
      "an item added last gets its section last",
      () => {},
      [...agenda, late],
      [
        "## § 1 Mötets öppnande {i-open}",
        "",
        "## § 2 Verksamhetsplan 2027 {i-plan}",
        "",
        "## § 3 Budget {i-budget}",
        "",
        "## § 4 Övriga frågor {i-other}",
        "",
        "## § 5 Lokalfrågan {i-late}",
        "",
      ],
    ],
    [
      "a proposal accepted in the middle gets its section there",
      () => {},
      [open, late, plan, budget, other],
      [
        "## § 1 Mötets öppnande {i-open}",
        "",
        "## § 2 Lokalfrågan {i-late}",
        "",
        "## § 3 Verksamhetsplan 2027 {i-plan}",
        "",
        "## § 4 Budget {i-budget}",
        "",
        "## § 5 Övriga frågor {i-other}",
        "",
      ],
    ],
    [
      "a heading edited by hand keeps its words; only its number changes",
      (doc) => {
        const heading = fragment(doc).get(4) as Y.XmlElement;
        (heading.get(0) as Y.XmlText).insert(textOf(heading).length, " – bordlagd", { bold: true });
      },
      [plan, budget, other],
      ["## § 1 Verksamhetsplan 2027 {i-plan}", "", "## § 2 Budget – bordlagd {i-budget}", "", "## § 3 Övriga frågor {i-other}", ""],
    ],
    [
      "text before the first section stays first",
      (doc) => fragment(doc).insert(0, [paragraph("Närvarande: alla parter.")]),
      [budget, open, plan, other],
      [
        "Närvarande: alla parter.",
        "## § 1 Budget {i-budget}",
        "",
        "## § 2 Mötets öppnande {i-open}",
        "",
        "## § 3 Verksamhetsplan 2027 {i-plan}",
        "",
        "## § 4 Övriga frågor {i-other}",
        "",
      ],
    ],
  ])("%s", (_, edit, after, expected) => {
    const doc = begun();
    edit(doc);
    sync(doc, after, agenda);
    expect(lines(doc)).toEqual(expected);
    // Once in line, in line: nothing more to do.
    expect(sync(doc, after, after)).toBeNull();
  });

  it("finds a section by its item however its heading was changed, once it knows it", () => {
    const doc = begun();
    sync(doc, agenda, agenda);
    // Someone rewrote § 2's heading entirely, then § 1 was removed.
    const heading = fragment(doc).get(2) as Y.XmlElement;
    const text = heading.get(0) as Y.XmlText;
    text.delete(0, text.length);
    text.insert(0, "Plan för nästa år");
    write(doc, "§ 3", "Budgeten antogs.");
    sync(doc, [plan, budget, other], agenda);
    expect(lines(doc)).toEqual(["## § 1 Plan för nästa år {i-plan}", "", "## § 2 Budget {i-budget}", "Budgeten antogs.", "## § 3 Övriga frågor {i-other}", ""]);
  });

  it("keeps one section per item when a heading was copied", () => {
    const doc = begun();
    sync(doc, agenda, agenda);
    // A pasted copy of § 2's heading, with its item, at the end of § 3: it is text of § 3.
    const copy = (fragment(doc).get(2) as Y.XmlElement).clone();
    fragment(doc).insert(6, [copy, paragraph("Kopierad text.")]);
    write(doc, "§ 3", "Budgeten antogs.");
    sync(doc, [open, budget, plan, other], agenda);
    expect(lines(doc)).toEqual([
      "## § 1 Mötets öppnande {i-open}",
      "",
      "## § 2 Budget {i-budget}",
      "Budgeten antogs.",
      "## § 2 Verksamhetsplan 2027",
      "Kopierad text.",
      "## § 3 Verksamhetsplan 2027 {i-plan}",
      "",
      "## § 4 Övriga frågor {i-other}",
      "",
    ]);
  });

  it("marks a removed item's section even when its heading was emptied by hand", () => {
    const doc = begun();
    sync(doc, agenda, agenda);
    const heading = fragment(doc).get(2) as Y.XmlElement;
    heading.delete(0, heading.length);
    (fragment(doc).get(3) as Y.XmlElement).insert(0, [new Y.XmlText("Planen diskuterades.")]);
    sync(doc, [open, budget, other], agenda);
    expect(lines(doc).slice(2, 4)).toEqual(["## Struken punkt {i-plan}", "Planen diskuterades."]);
  });

  it("drops a struck section once what was written under it is deleted", () => {
    const doc = begun();
    write(doc, "§ 2", "Utkast.");
    sync(doc, [open, budget, other], agenda);
    expect(lines(doc)).toContain("## Struken punkt: Verksamhetsplan 2027 {i-plan}");
    const paragraphAfter = fragment(doc).get(3) as Y.XmlElement;
    paragraphAfter.delete(0, paragraphAfter.length);
    sync(doc, [open, budget, other], [open, budget, other]);
    expect(lines(doc)).toEqual(["## § 1 Mötets öppnande {i-open}", "", "## § 2 Budget {i-budget}", "", "## § 3 Övriga frågor {i-other}", ""]);
  });

  it("merges with an edit made meanwhile in another section, in either order", () => {
    const base = begun();
    sync(base, agenda, agenda);
    const server = sectionsUpdate(Y.encodeStateAsUpdate(base), [open, budget, plan, other], agenda, STRUCK)!;
    const member = new Y.Doc();
    Y.applyUpdate(member, Y.encodeStateAsUpdate(base));
    write(member, "§ 1", "Mötet öppnades 13.00.");
    const edit = Y.encodeStateAsUpdate(member, Y.encodeStateVector(base));
    for (const order of [
      [server, edit],
      [edit, server],
    ]) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
      order.forEach((u) => Y.applyUpdate(doc, u));
      expect(lines(doc).slice(0, 4)).toEqual(["## § 1 Mötets öppnande {i-open}", "Mötet öppnades 13.00.", "## § 2 Budget {i-budget}", ""]);
    }
  });
});

function paragraph(text: string) {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}
