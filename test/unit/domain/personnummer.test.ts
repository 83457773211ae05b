import { describe, expect, it } from "vitest";
import { findPersonnummer, personnummerRanges, quoteAround } from "../../../app/domain/personnummer";

// Skatteverket's published test numbers (not real people) and variations of them.
describe("personnummer scan", () => {
  it.each([
    ["Klienten 811218-9876 fick stöd.", ["811218-9876"], "personnummer"],
    ["pnr 19811218-9876", ["19811218-9876"], "personnummer"],
    ["pnr 198112189876 i löptext", ["198112189876"], "personnummer"],
    ["8112189876", ["8112189876"], "personnummer"],
    ["född 1900-talet: 811218+9876", ["811218+9876"], "personnummer"],
    ["samordningsnummer 701063-2391", ["701063-2391"], "samordningsnummer"],
    ["skottdag 000229-2381", ["000229-2381"], "personnummer"],
    // Written with other separators, as people type them.
    ["med mellanslag 811218 9876 i texten", ["811218 9876"], "personnummer"],
    ["hårt mellanslag 811218\u00a09876", ["811218\u00a09876"], "personnummer"],
    ["tankstreck 811218–9876", ["811218–9876"], "personnummer"],
    ["punkt 811218.9876", ["811218.9876"], "personnummer"],
    ["snedstreck 811218/9876", ["811218/9876"], "personnummer"],
    ["luft runt strecket 811218 - 9876", ["811218 - 9876"], "personnummer"],
    ["med sekel 19811218 9876", ["19811218 9876"], "personnummer"],
    ["två mellanslag 121212  1212", ["121212  1212"], "personnummer"],
    ["två mellanslag runt strecket 811218  -  9876", ["811218  -  9876"], "personnummer"],
  ])("finds %j", (text, found, kind) => {
    const hits = findPersonnummer(text);
    expect(hits.map((h) => h.text)).toEqual(found);
    expect(hits.every((h) => h.kind === kind)).toBe(true);
    expect(text.slice(hits[0].index, hits[0].index + found[0].length)).toBe(found[0]);
  });

  it.each([
    ["wrong check digit", "811218-9875"],
    ["no such month", "811318-9876"],
    ["no such day", "810231-9876"],
    ["29 February in a year that is never a leap year", "19010229-1234"],
    ["an organisation number", "802490-7720"],
    ["a phone number", "08-508 432 00"],
    ["a date and time", "2026-12-10 13:00"],
    ["a reference number", "SN 2023/0050"],
    ["part of a longer number", "12811218-98765"],
    ["two separators", "811218 -- 9876"],
    ["a line break between", "811218\n\n9876"],
    ["three spaces between", "811218   9876"],
    ["a space and a line break between", "811218 \n9876"],
  ])("ignores %s: %s", (_label, text) => {
    expect(findPersonnummer(text)).toEqual([]);
  });

  it("finds several, in order", () => {
    expect(findPersonnummer("A 811218-9876 och B 701063-2391.").map((h) => h.index)).toEqual([2, 20]);
  });
});

describe("quoteAround: the words around a hit", () => {
  const text = "Under punkten om jourverksamheten berättade ordföranden att klienten 811218-9876 hade fått stöd vid tre tillfällen under hösten och att ärendet fortsätter.";
  const at = text.indexOf("811218-9876");

  it("quotes whole words at both ends, marking where the text goes on", () => {
    const quote = quoteAround(text, at, 11);
    expect(quote).toContain("811218-9876");
    expect(quote.startsWith("… ")).toBe(true);
    expect(quote.endsWith(" …")).toBe(true);
    const words = text.split(/\s+/);
    for (const w of quote.replace(/^… | …$/g, "").split(/\s+/)) expect(words).toContain(w);
  });

  it.each([
    ["811218-9876", 0, "811218-9876"],
    ["pnr 811218-9876", 4, "pnr 811218-9876"],
  ])("quotes a short text whole: %s", (t, index, expected) => {
    expect(quoteAround(t, index, 11)).toBe(expected);
  });

  it("never cuts a word, even a very long one", () => {
    const long = "x".repeat(200);
    const t = `${long} 811218-9876 ${long}`;
    const quote = quoteAround(t, 201, 11);
    expect(quote).toBe("… 811218-9876 …");
  });
});

describe("personnummerRanges: where the editor marks a hit", () => {
  it("places each hit at its block's position plus its offset", () => {
    expect(
      personnummerRanges([
        { pos: 1, text: "Inget här." },
        { pos: 14, text: "Klient 811218-9876 och 701063-2391." },
      ]),
    ).toEqual([
      { from: 21, to: 32, text: "811218-9876" },
      { from: 37, to: 48, text: "701063-2391" },
    ]);
  });
});
