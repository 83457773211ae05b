import { luhnValid } from "./org-number";

export interface PersonnummerHit {
  /** As written in the text. */
  text: string;
  index: number;
  kind: "personnummer" | "samordningsnummer";
}

// YYMMDD-NNNN, YYMMDD+NNNN, YYMMDDNNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN, with the separator also written
// as one or two spaces, a dash (– —), a dot or a slash, spaces around it too ("811218 - 9876",
// "121212  1212"), or a single line break; not inside longer digit runs.
const SPACES = String.raw`[^\S\r\n]{1,2}`;
const SEPARATOR = String.raw`(?:(?:${SPACES}|\s)?[-+\u2010-\u2015.\/](?:${SPACES}|\s)?|${SPACES}|\s)?`;
const CANDIDATE = new RegExp(String.raw`(?<![\d-])(\d{2})?(\d{2})(\d{2})(\d{2})(${SEPARATOR})(\d{4})(?!\d)`, "g");

/**
 * Swedish personal identity numbers (and coordination numbers, whose day is +60) in a text,
 * valid by date and Luhn check digit — minutes must not identify the people helped (004 §5.5).
 */
export function findPersonnummer(text: string): PersonnummerHit[] {
  const hits: PersonnummerHit[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const [whole, century, yy, mm, dd, , last4] = m;
    const day = Number(dd);
    const kind = day > 60 ? "samordningsnummer" : "personnummer";
    const realDay = kind === "samordningsnummer" ? day - 60 : day;
    if (!validDate(century, yy, Number(mm), realDay)) continue;
    if (!luhnValid(`${yy}${mm}${dd}${last4}`)) continue;
    hits.push({ text: whole, index: m.index!, kind });
  }
  return hits;
}

function validDate(century: string | undefined, yy: string, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Without a century any year fits; February 29th then needs a leap year in one of them.
  const years = century ? [Number(century + yy)] : [1900 + Number(yy), 2000 + Number(yy)];
  return years.some((y) => day <= new Date(Date.UTC(y, month, 0)).getUTCDate());
}

/**
 * The words around a hit, about `radius` characters each side but never cut mid-word, with "…"
 * where the text goes on — so a quoted snippet reads as the minutes do.
 */
export function quoteAround(text: string, index: number, length: number, radius = 40): string {
  let start = Math.max(0, index - radius);
  let end = Math.min(text.length, index + length + radius);
  // Widen to the whole word at each edge, or narrow to the previous space if the word is very long.
  while (start > 0 && /\S/.test(text[start - 1]) && index - start < radius + 20) start--;
  if (start > 0 && /\S/.test(text[start - 1])) start = Math.min(index, text.indexOf(" ", start) + 1 || start);
  while (end < text.length && /\S/.test(text[end]) && end - index - length < radius + 20) end++;
  if (end < text.length && /\S/.test(text[end])) end = Math.max(text.lastIndexOf(" ", end), index + length);
  const quote = text.slice(start, end).trim();
  return `${start > 0 ? "… " : ""}${quote}${end < text.length ? " …" : ""}`;
}

/** Hits in text blocks that each start at a document position: where to mark them in an editor. */
export function personnummerRanges(blocks: readonly { pos: number; text: string }[]): { from: number; to: number; text: string }[] {
  return blocks.flatMap((b) => findPersonnummer(b.text).map((h) => ({ from: b.pos + h.index, to: b.pos + h.index + h.text.length, text: h.text })));
}
