import * as Y from "yjs";
import { FRAGMENT } from "./content";

export interface RenderedMinutes {
  html: string;
  text: string;
  markdown: string;
}

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;
type Delta = { insert: unknown; attributes?: Record<string, { href?: string } | true | null> }[];

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/**
 * Markdown passes raw HTML through to whatever renders it, so `<` becomes an entity (and `&`
 * where it would start one); Markdown's own markers are backslash-escaped.
 */
const escapeMarkdown = (s: string) => s.replace(/([\\`*_[\]])/g, "\\$1").replace(/&(?=#?\w+;)/g, "&amp;").replace(/</g, "&lt;");
/** A code span shows its content literally; a fence longer than any backtick run inside keeps it closed. */
const codeSpan = (s: string) => {
  const fence = "`".repeat(Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  return fence.length > 1 ? `${fence} ${s} ${fence}` : `${fence}${s}${fence}`;
};
const safeHref = (href: unknown) => (typeof href === "string" && /^https?:\/\//i.test(href) ? href : null);

/** The minutes as HTML, plain text and Markdown, from the Tiptap (ProseMirror) structure in Yjs. */
export function renderMinutes(doc: Y.Doc): RenderedMinutes {
  const blocks = doc.getXmlFragment(FRAGMENT).toArray();
  return {
    html: blocks.map((b) => html(b)).join("\n"),
    text: blocks.map((b) => text(b)).filter((s) => s !== "").join("\n"),
    markdown: blocks.map((b) => markdown(b, "")).join("\n\n").replace(/\n{3,}/g, "\n\n").trim() + "\n",
  };
}

function inline(node: Y.XmlText, mark: (s: string, attrs: NonNullable<Delta[number]["attributes"]>) => string): string {
  return (node.toDelta() as Delta).map((d) => (typeof d.insert === "string" ? mark(d.insert, d.attributes ?? {}) : "")).join("");
}

const children = (node: Y.XmlElement) => node.toArray() as Node[];

function html(node: Node): string {
  if (node instanceof Y.XmlText)
    return inline(node, (s, a) => {
      let out = escapeHtml(s);
      if (a.code) out = `<code>${out}</code>`;
      if (a.bold) out = `<strong>${out}</strong>`;
      if (a.italic) out = `<em>${out}</em>`;
      if (a.strike) out = `<s>${out}</s>`;
      const href = safeHref(typeof a.link === "object" ? a.link?.href : null);
      if (href) out = `<a href="${escapeHtml(href)}">${out}</a>`;
      return out;
    });
  if (!(node instanceof Y.XmlElement)) return "";
  const inner = children(node).map(html).join("");
  switch (node.nodeName) {
    case "heading": {
      const level = Math.min(6, Math.max(2, Number(node.getAttribute("level")) || 2));
      return `<h${level}>${inner}</h${level}>`;
    }
    case "paragraph":
      return `<p>${inner}</p>`;
    case "bulletList":
      return `<ul>${inner}</ul>`;
    case "orderedList":
      return `<ol>${inner}</ol>`;
    case "listItem":
      return `<li>${inner}</li>`;
    case "blockquote":
      return `<blockquote>${inner}</blockquote>`;
    case "codeBlock":
      return `<pre><code>${inner}</code></pre>`;
    case "hardBreak":
      return "<br>";
    case "horizontalRule":
      return "<hr>";
    default:
      return inner;
  }
}

function text(node: Node): string {
  if (node instanceof Y.XmlText) return inline(node, (s) => s);
  if (!(node instanceof Y.XmlElement)) return "";
  if (node.nodeName === "hardBreak") return "\n";
  const parts = children(node).map(text);
  return ["bulletList", "orderedList", "blockquote", "listItem"].includes(node.nodeName) ? parts.join("\n") : parts.join("");
}

function markdown(node: Node, indent: string): string {
  if (node instanceof Y.XmlText)
    return inline(node, (s, a) => {
      let out = escapeMarkdown(s);
      if (a.code) out = codeSpan(s);
      if (a.bold) out = `**${out}**`;
      if (a.italic) out = `*${out}*`;
      const href = safeHref(typeof a.link === "object" ? a.link?.href : null);
      if (href) out = `[${out}](${href.replace(/[()<>\s"]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)})`;
      return out;
    });
  if (!(node instanceof Y.XmlElement)) return "";
  const kids = children(node);
  switch (node.nodeName) {
    case "heading":
      return `${"#".repeat(Math.min(6, Math.max(2, Number(node.getAttribute("level")) || 2)))} ${kids.map((k) => markdown(k, indent)).join("")}`;
    case "bulletList":
    case "orderedList":
      return kids
        .map((item, i) => {
          const bullet = node.nodeName === "bulletList" ? "- " : `${i + 1}. `;
          const body = (item instanceof Y.XmlElement ? children(item) : []).map((k) => markdown(k, indent + "   ")).join(`\n${indent}   `);
          return `${indent}${bullet}${body}`;
        })
        .join("\n");
    case "hardBreak":
      return "  \n";
    default:
      return kids.map((k) => markdown(k, indent)).join("");
  }
}
