import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { initialMinutes } from "../../realtime/content";
import { renderMinutes } from "../../realtime/render";

function minutesWith(build: (f: Y.XmlFragment) => void) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initialMinutes([{ title: "Mötets öppnande" }, { title: "Verksamhetsplan 2027" }]));
  build(doc.getXmlFragment("default"));
  return renderMinutes(doc);
}

describe("rendering approved minutes", () => {
  it("renders the agenda's numbered sections with what was written under them", () => {
    const out = minutesWith((f) => {
      const p = f.get(1) as Y.XmlElement;
      const t = new Y.XmlText();
      p.insert(0, [t]);
      t.insert(0, "Ordföranden ");
      t.insert(12, "öppnade", { bold: {} });
      t.insert(19, " mötet <kl. 13>.", { bold: null }); // Yjs would otherwise continue the bold
    });
    expect(out.html).toBe("<h2>§ 1 Mötets öppnande</h2>\n<p>Ordföranden <strong>öppnade</strong> mötet &lt;kl. 13&gt;.</p>\n<h2>§ 2 Verksamhetsplan 2027</h2>\n<p></p>");
    expect(out.text).toBe("§ 1 Mötets öppnande\nOrdföranden öppnade mötet <kl. 13>.\n§ 2 Verksamhetsplan 2027");
    expect(out.markdown).toBe("## § 1 Mötets öppnande\n\nOrdföranden **öppnade** mötet &lt;kl. 13>.\n\n## § 2 Verksamhetsplan 2027\n");
  });

  it("renders lists and links, and drops links that are not web addresses", () => {
    const out = minutesWith((f) => {
      const list = new Y.XmlElement("bulletList");
      f.insert(4, [list]);
      for (const [words, href] of [
        ["Bilaga 1", "https://kommun.se/b1"],
        ["Farlig", "javascript:alert(1)"],
      ]) {
        const li = new Y.XmlElement("listItem");
        const p = new Y.XmlElement("paragraph");
        const t = new Y.XmlText();
        list.push([li]);
        li.push([p]);
        p.push([t]);
        t.insert(0, words, { link: { href } });
      }
    });
    expect(out.html).toContain('<ul><li><p><a href="https://kommun.se/b1">Bilaga 1</a></p></li><li><p>Farlig</p></li></ul>');
    expect(out.markdown).toContain("- [Bilaga 1](https://kommun.se/b1)\n- Farlig");
    expect(out.text).toContain("Bilaga 1\nFarlig");
  });

  it.each([
    ["a script tag", "<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"],
    ["an inline element with a handler", '<img src=x onerror="alert(1)">', '&lt;img src=x onerror="alert(1)">'],
    ["an entity", "&lt;script&gt;", "&amp;lt;script&amp;gt;"],
    ["Markdown markers", "*fet* _kursiv_ [länk](x)", "\\*fet\\* \\_kursiv\\_ \\[länk\\](x)"],
    ["a plain ampersand", "Kvinno- & tjejjouren", "Kvinno- & tjejjouren"],
  ])("escapes %s in the Markdown download", (_what, written, expected) => {
    const out = minutesWith((f) => {
      const t = new Y.XmlText();
      (f.get(1) as Y.XmlElement).insert(0, [t]);
      t.insert(0, written);
    });
    expect(out.markdown.split("\n\n")[1]).toBe(expected);
  });

  it("keeps code and link targets from breaking out of their Markdown", () => {
    const out = minutesWith((f) => {
      const t = new Y.XmlText();
      (f.get(1) as Y.XmlElement).insert(0, [t]);
      t.insert(0, "a`<b>`c", { code: true });
      t.insert(7, " se ", { code: null });
      t.insert(11, "bilaga", { code: null, link: { href: "https://kommun.se/x)<script>" } });
    });
    expect(out.markdown.split("\n\n")[1]).toBe("`` a`<b>`c `` se [bilaga](https://kommun.se/x%29%3Cscript%3E)");
  });
});
