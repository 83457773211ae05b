import { describe, expect, it } from "vitest";
import { paragraphHeading, paragraphs, placeForNewItem } from "../../../app/domain/agenda";

const item = (id: string, position: number, proposed = false) => ({ id, position, proposed, title: `Punkt ${id}` });

describe("paragraphs", () => {
  // [label, items, expected "id:number"]
  it.each<[string, ReturnType<typeof item>[], string[]]>([
    ["in position order", [item("c", 3), item("a", 1), item("b", 2)], ["a:1", "b:2", "c:3"]],
    ["no gap where an item was removed", [item("a", 1), item("b", 2), item("d", 4), item("e", 5)], ["a:1", "b:2", "d:3", "e:4"]],
    ["proposals are not on the agenda", [item("a", 1), item("p", 2, true), item("b", 3)], ["a:1", "b:2"]],
    ["a proposal accepted keeps its place", [item("a", 1), item("p", 2), item("b", 3)], ["a:1", "p:2", "b:3"]],
    ["equal positions still order one way", [item("y", 2), item("x", 2), item("a", 1)], ["a:1", "x:2", "y:3"]],
    ["an empty agenda", [], []],
  ])("%s", (_, items, expected) => {
    expect(paragraphs(items).map((p) => `${p.id}:${p.number}`)).toEqual(expected);
  });

  it("heads a paragraph as the minutes and the notice do", () => {
    expect(paragraphHeading({ number: 3, title: "Verksamhetsplan 2027" })).toBe("§ 3 Verksamhetsplan 2027");
  });
});

describe("placeForNewItem", () => {
  const CLOSING = ["Mötets avslutande", "Closing of the meeting"];
  const item = (id: string, position: number, title: string, proposed = false) => ({ id, position, title, proposed });
  it.each<[string, ReturnType<typeof item>[], ReturnType<typeof placeForNewItem>]>([
    ["an empty agenda: first", [], { position: 1, closing: null }],
    ["no closing item: last", [item("a", 1, "Mötets öppnande"), item("b", 2, "Övriga frågor")], { position: 3, closing: null }],
    ["before the closing item, which moves last", [item("a", 1, "Mötets öppnande"), item("z", 2, "Mötets avslutande")], { position: 2, closing: { id: "z", position: 3 } }],
    [
      "past a waiting proposal too",
      [item("a", 1, "Mötets öppnande"), item("z", 2, "Mötets avslutande"), item("p", 3, "Lokalfrågan", true)],
      { position: 2, closing: { id: "z", position: 4 } },
    ],
    ["an English agenda", [item("a", 1, "Opening"), item("z", 5, "Closing of the meeting")], { position: 5, closing: { id: "z", position: 6 } }],
    ["a closing item moved up is no longer the end", [item("z", 1, "Mötets avslutande"), item("b", 2, "Övriga frågor")], { position: 3, closing: null }],
  ])("%s", (_, items, place) => expect(placeForNewItem(items, CLOSING)).toEqual(place));
});
