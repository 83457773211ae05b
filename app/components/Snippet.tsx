import { snippetParts } from "~/domain/search";

/** A search snippet: its hits as <mark>, everything else as text (React escapes it; no HTML from the database is rendered). */
export function Snippet({ text }: { text: string }) {
  return <>{snippetParts(text).map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}
