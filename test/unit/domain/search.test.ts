import { describe, expect, it } from "vitest";
import { HIT_END, HIT_START, MAX_QUERY_LENGTH, normaliseQuery, SEARCH_CONFIG, snippetParts } from "../../../app/domain/search";

describe("normaliseQuery", () => {
  it.each([
    [null, ""],
    ["", ""],
    ["   \t\n ", ""],
    ["  beslutade   budget ", "beslutade budget"],
    ['"dagordningen godkänns" -extra', '"dagordningen godkänns" -extra'],
    [`a${HIT_START}b${HIT_END}c\u0000d`, "a b c d"],
    ["-budget -lokal", ""],
    ["beslut -budget", "beslut -budget"],
  ])("%j → %j", (raw, expected) => expect(normaliseQuery(raw)).toBe(expected));

  it("cuts a very long query", () => {
    expect(normaliseQuery("ord ".repeat(200)).length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
  });
});

describe("SEARCH_CONFIG", () => {
  it("searches in the user's language, as the indexes stem", () => {
    expect(SEARCH_CONFIG).toEqual({ sv: "swedish", en: "english" });
  });
});

describe("snippetParts", () => {
  const m = (s: string) => `${HIT_START}${s}${HIT_END}`;
  it.each([
    ["utan träff", [{ text: "utan träff", hit: false }]],
    [
      `Styrgruppen fattade ${m("beslut")} om budget`,
      [
        { text: "Styrgruppen fattade ", hit: false },
        { text: "beslut", hit: true },
        { text: " om budget", hit: false },
      ],
    ],
    [
      `${m("Beslut")} … ${m("beslut")}`,
      [
        { text: "Beslut", hit: true },
        { text: " … ", hit: false },
        { text: "beslut", hit: true },
      ],
    ],
    // Markup in the text stays text: the page renders it escaped.
    [
      `<script>x</script> ${m("<b>")}`,
      [
        { text: "<script>x</script> ", hit: false },
        { text: "<b>", hit: true },
      ],
    ],
    [
      `ofullständig ${HIT_START}träff`,
      [
        { text: "ofullständig ", hit: false },
        { text: "träff", hit: true },
      ],
    ],
  ])("%j", (snippet, parts) => expect(snippetParts(snippet)).toEqual(parts));
});
