import type { Node } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { Extension } from "@tiptap/react";
import { personnummerRanges, quoteAround } from "~/domain/personnummer";

/** Each text block's text where its content starts; a leaf (a line break) counts as one character, as it takes one position. */
function blocksOf(doc: Node) {
  const blocks: { pos: number; text: string }[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    blocks.push({ pos: pos + 1, text: node.textBetween(0, node.content.size, undefined, "\ufffc") });
    return false;
  });
  return blocks;
}

/** What the editor warns about: each hit and the whole words around it in its paragraph. */
export function personnummerIn(doc: Node): { text: string; quote: string }[] {
  return blocksOf(doc).flatMap((b) => personnummerRanges([b]).map((r) => ({ text: r.text, quote: quoteAround(b.text.replaceAll("\ufffc", " "), r.from - b.pos, r.text.length) })));
}

const decorate = (doc: Node) =>
  DecorationSet.create(
    doc,
    personnummerRanges(blocksOf(doc)).map((r) => Decoration.inline(r.from, r.to, { class: "personnummer-hit", "data-personnummer": "" })),
  );

const key = new PluginKey<DecorationSet>("personnummerGuard");

/**
 * Marks what looks like a personnummer where it is typed (minutes must not identify the people
 * helped, 004 §5.5), by anyone in the shared document; the approval still checks the whole text.
 */
export const PersonnummerGuard = Extension.create({
  name: "personnummerGuard",
  addProseMirrorPlugins: () => [
    new Plugin<DecorationSet>({
      key,
      state: {
        init: (_, { doc }) => decorate(doc),
        apply: (tr, set) => (tr.docChanged ? decorate(tr.doc) : set),
      },
      props: { decorations: (state) => key.getState(state) },
    }),
  ],
});
