import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { FRAGMENT, initialMinutes } from "../../realtime/content";
import { MAX_PRESENCE_BYTES, PresenceRefused, vetPresence } from "../../realtime/presence";
import { TokenBucket } from "../../realtime/rate-limit";
import { applyStored, updateProblem } from "../../realtime/validate";

function update(build: (doc: Y.Doc) => void) {
  const doc = new Y.Doc();
  build(doc);
  return Y.encodeStateAsUpdate(doc);
}

const paragraph = (text: string, attrs: Record<string, unknown> = {}, name = "paragraph") =>
  update((doc) => {
    const p = new Y.XmlElement(name);
    for (const [k, v] of Object.entries(attrs)) p.setAttribute(k, v as string);
    p.insert(0, [new Y.XmlText(text)]);
    doc.getXmlFragment(FRAGMENT).insert(0, [p]);
  });

describe("which incoming updates may be stored", () => {
  it.each([
    ["a paragraph", paragraph("Mötet öppnades."), null],
    ["the server's own first minutes", initialMinutes([{ title: "Mötets öppnande" }]), null],
    ["formatted text with a link", update((doc) => {
      const t = new Y.XmlText();
      doc.getXmlFragment(FRAGMENT).insert(0, [t]);
      t.insert(0, "Bilaga", { link: { href: "https://kommun.se" }, bold: {} });
    }), null],
    ["an empty update", new Uint8Array([0, 0]), null],
    ["NUL in text", paragraph("a\u0000b"), "unstorable-text"],
    ["NUL in an attribute value", paragraph("x", { level: "2\u0000" }), "unstorable-text"],
    ["NUL in an attribute name", paragraph("x", { "le\u0000vel": "2" }), "unstorable-text"],
    ["NUL in an element name", paragraph("x", {}, "p\u0000"), "unstorable-text"],
    ["NUL in a root type's name", update((doc) => doc.getText("a\u0000").insert(0, "x")), "unstorable-text"],
    ["NUL deep in a map value", update((doc) => doc.getMap("m").set("k", { a: [{ b: "\u0000" }] })), "unstorable-text"],
    ["NUL in a map key", update((doc) => doc.getMap("m").set("\u0000", 1)), "unstorable-text"],
    ["a subdocument", update((doc) => doc.getMap("m").set("sub", new Y.Doc())), "subdocument"],
    ["random bytes", Uint8Array.from([1, 200, 3, 4, 250, 6]), "malformed"],
    ["a truncated update", paragraph("Mötet öppnades.").slice(0, 12), "malformed"],
  ])("%s → %s", (_what, bytes, expected) => {
    expect(updateProblem(bytes)).toBe(expected);
  });

  it("builds a stored document without its bad updates, and says which", () => {
    const good = [paragraph("ett"), paragraph("två")];
    const { doc, rejected } = applyStored([good[0], paragraph("gift\u0000"), Uint8Array.from([9, 9, 9]), good[1]], () => new Y.Doc());
    expect(rejected).toEqual([
      { index: 1, problem: "unstorable-text" },
      { index: 2, problem: "malformed" },
    ]);
    const text = doc.getXmlFragment(FRAGMENT).toString();
    expect(text).toContain("ett");
    expect(text).toContain("två");
    expect(text).not.toContain("gift");
  });
});

describe("presence from a participant", () => {
  const me = { name: "Ahmed Karimi", party: "Brottsofferjouren Stockholm-Gotland" };
  const message = (entries: [number, number, unknown][]) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, entries.length);
    for (const [id, clock, state] of entries) {
      encoding.writeVarUint(e, id);
      encoding.writeVarUint(e, clock);
      encoding.writeVarString(e, typeof state === "string" ? state : JSON.stringify(state));
    }
    return encoding.toUint8Array(e);
  };
  const states = (vetted: Uint8Array | null) => {
    if (!vetted) return [];
    const d = decoding.createDecoder(vetted);
    return Array.from({ length: decoding.readVarUint(d) }, () => ({ id: decoding.readVarUint(d), clock: decoding.readVarUint(d), state: JSON.parse(decoding.readVarString(d)) }));
  };
  const nobodyElse = () => "none" as const;

  it("keeps the caret and colour, and names the participant as the server knows them", () => {
    const out = states(vetPresence(message([[7, 1, { user: { name: "Eva", party: "Staden", color: "#aa3300" }, cursor: { anchor: 1 }, extra: "x".repeat(100) }]]), me, nobodyElse, 0));
    expect(out).toEqual([{ id: 7, clock: 1, state: { user: { ...me, color: "#aa3300" }, cursor: { anchor: 1 } } }]);
  });

  it.each([
    ["a colour that is not #rrggbb", { user: { color: "red; background: url(x)" } }, "#1f5fa6"],
    ["no user at all", {}, "#1f5fa6"],
  ])("replaces %s with the default colour", (_what, state, colour) => {
    expect(states(vetPresence(message([[7, 1, state]]), me, nobodyElse, 0))[0].state.user.color).toBe(colour);
  });

  it("lets a participant leave (a null state)", () => {
    expect(states(vetPresence(message([[7, 2, null]]), me, () => "this", 1))).toEqual([{ id: 7, clock: 2, state: null }]);
  });

  it("drops states for another socket's client id, and ids beyond the few one socket may hold", () => {
    const owner = (id: number) => (id === 1 ? "other" : id === 2 ? "this" : "none");
    const out = states(vetPresence(message([[1, 5, {}], [2, 5, {}], [3, 1, {}], [4, 1, {}], [5, 1, {}], [6, 1, {}]]), me, owner, 1));
    expect(out.map((s) => s.id)).toEqual([2, 3, 4, 5]);
  });

  it.each([
    ["a state over the size limit", message([[7, 1, { pad: "x".repeat(MAX_PRESENCE_BYTES) }]])],
    ["a state that is not JSON", message([[7, 1, "{nope"]])],
    ["a state that is an array", message([[7, 1, [1, 2]]])],
    ["more states than any client sends", message(Array.from({ length: 65 }, (_, i) => [i, 1, {}] as [number, number, unknown]))],
  ])("refuses %s", (_what, bytes) => {
    expect(() => vetPresence(bytes, me, nobodyElse, 0)).toThrow(PresenceRefused);
  });
});

describe("a token bucket", () => {
  it("allows a burst, then what flows in per second", () => {
    const bucket = new TokenBucket(10, 20, 0);
    expect(Array.from({ length: 25 }, () => bucket.take(1, 0)).filter(Boolean)).toHaveLength(20);
    expect(bucket.take(1, 50)).toBe(false); // half a token in 50 ms
    expect(bucket.take(1, 100)).toBe(true);
    expect(Array.from({ length: 30 }, () => bucket.take(1, 10_000)).filter(Boolean)).toHaveLength(20);
  });
});
