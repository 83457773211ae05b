import { describe, expect, it } from "vitest";
import { findPersonnummer } from "../../../app/domain/personnummer";

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
  ])("ignores %s: %s", (_label, text) => {
    expect(findPersonnummer(text)).toEqual([]);
  });

  it("finds several, in order", () => {
    expect(findPersonnummer("A 811218-9876 och B 701063-2391.").map((h) => h.index)).toEqual([2, 20]);
  });
});
