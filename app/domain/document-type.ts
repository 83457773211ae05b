/**
 * What a meeting document is, judged by its content (magic bytes and container markers), never by
 * its name or the browser's claim: a renamed program must not reach members as a "PDF".
 */

/** The largest document accepted, in bytes. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

export const DOCUMENT_KINDS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "ppt", "png", "jpeg", "gif", "webp"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface DocumentType {
  kind: DocumentKind;
  mime: string;
  /** The extension a downloaded file gets when its name has none of the type's. */
  extension: string;
  /** The short name the list shows ("PDF", "Word"…). */
  label: string;
}

const TYPES: Record<DocumentKind, Omit<DocumentType, "kind">> = {
  pdf: { mime: "application/pdf", extension: "pdf", label: "PDF" },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: "docx", label: "Word" },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx", label: "Excel" },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extension: "pptx", label: "PowerPoint" },
  odt: { mime: "application/vnd.oasis.opendocument.text", extension: "odt", label: "OpenDocument-text" },
  ods: { mime: "application/vnd.oasis.opendocument.spreadsheet", extension: "ods", label: "OpenDocument-kalkyl" },
  odp: { mime: "application/vnd.oasis.opendocument.presentation", extension: "odp", label: "OpenDocument-presentation" },
  doc: { mime: "application/msword", extension: "doc", label: "Word 97–2003" },
  xls: { mime: "application/vnd.ms-excel", extension: "xls", label: "Excel 97–2003" },
  ppt: { mime: "application/vnd.ms-powerpoint", extension: "ppt", label: "PowerPoint 97–2003" },
  png: { mime: "image/png", extension: "png", label: "PNG" },
  jpeg: { mime: "image/jpeg", extension: "jpg", label: "JPEG" },
  gif: { mime: "image/gif", extension: "gif", label: "GIF" },
  webp: { mime: "image/webp", extension: "webp", label: "WebP" },
};

export const documentType = (kind: DocumentKind): DocumentType => ({ kind, ...TYPES[kind] });

/** The type stored with a document (its MIME type), back to what the list shows; null for one no longer known. */
export const typeOfMime = (mime: string): DocumentType | null => {
  const kind = DOCUMENT_KINDS.find((k) => TYPES[k].mime === mime);
  return kind ? documentType(kind) : null;
};

/** What a file input offers to pick (a hint for the browser only; the server sniffs). */
export const ACCEPTED_EXTENSIONS = [...new Set(DOCUMENT_KINDS.map((k) => `.${TYPES[k].extension}`)), ".jpeg"].join(",");

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const startsWith = (bytes: Uint8Array, prefix: Uint8Array | number[], at = 0) =>
  prefix.length + at <= bytes.length && Array.prototype.every.call(prefix, (b: number, i: number) => bytes[at + i] === b);
const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
const utf8 = new TextDecoder();
const text = (b: Uint8Array, from: number, length: number) => utf8.decode(b.subarray(from, from + Math.min(length, 1024)));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_END = [0x50, 0x4b, 0x05, 0x06];
const ZIP_CENTRAL = [0x50, 0x4b, 0x01, 0x02];

/** The type of `bytes`, or null when it is none Samråd accepts (an empty file included). */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | null {
  const kind = sniffKind(bytes);
  return kind ? documentType(kind) : null;
}

function sniffKind(b: Uint8Array): DocumentKind | null {
  // PDF readers accept the header anywhere in the first kilobyte (some generators put junk before it).
  if (indexOf(b.subarray(0, 1024), ascii("%PDF-")) >= 0) return "pdf";
  if (startsWith(b, PNG)) return "png";
  if (startsWith(b, JPEG)) return "jpeg";
  if (startsWith(b, ascii("GIF87a")) || startsWith(b, ascii("GIF89a"))) return "gif";
  if (startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WEBP"), 8)) return "webp";
  if (startsWith(b, ZIP_LOCAL)) return zipKind(b);
  if (startsWith(b, OLE2)) return oleKind(b);
  return null;
}

/**
 * OpenDocument: the first entry is `mimetype`, stored uncompressed, naming the kind. Office Open
 * XML: a `[Content_Types].xml` entry and the application's folder. A file with macros
 * (`vbaProject.bin`) is not a plain document and is refused.
 */
function zipKind(b: Uint8Array): DocumentKind | null {
  const nameLength = u16(b, 26);
  if (text(b, 30, nameLength) === "mimetype" && u16(b, 8) === 0) {
    const start = 30 + nameLength + u16(b, 28);
    const mimetype = text(b, start, u32(b, 18));
    const odf = {
      "application/vnd.oasis.opendocument.text": "odt",
      "application/vnd.oasis.opendocument.spreadsheet": "ods",
      "application/vnd.oasis.opendocument.presentation": "odp",
    } as const;
    return odf[mimetype as keyof typeof odf] ?? null;
  }
  const names = zipEntryNames(b);
  if (!names?.includes("[Content_Types].xml") || names.some((n) => n.toLowerCase().endsWith("vbaproject.bin"))) return null;
  const has = (folder: string) => names.some((n) => n.startsWith(folder));
  if (has("word/")) return "docx";
  if (has("xl/")) return "xlsx";
  if (has("ppt/")) return "pptx";
  return null;
}

/** The names in a zip's central directory (found from its end record); null when it has none readable. */
function zipEntryNames(b: Uint8Array): string[] | null {
  // The end record is 22 bytes plus a comment of at most 65535.
  let end = -1;
  for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - 65535); at--) {
    if (startsWith(b, ZIP_END, at)) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(b, end + 10);
  const names: string[] = [];
  let at = u32(b, end + 16);
  for (let i = 0; i < count; i++) {
    if (!startsWith(b, ZIP_CENTRAL, at)) return null;
    const [nameLength, extraLength, commentLength] = [u16(b, at + 28), u16(b, at + 30), u16(b, at + 32)];
    names.push(text(b, at + 46, nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * Old Office files are OLE2 compound files; which application wrote one is told by its main
 * stream's name in the directory (128-byte entries: UTF-16LE name, its byte length at 64, type 2 = stream).
 */
function oleKind(b: Uint8Array): DocumentKind | null {
  const streams: [string, DocumentKind][] = [
    ["WordDocument", "doc"],
    ["Workbook", "xls"],
    ["Book", "xls"],
    ["PowerPoint Document", "ppt"],
  ];
  for (let at = 512; at + 128 <= b.length; at += 128) {
    if (b[at + 66] !== 2) continue;
    const length = u16(b, at + 64);
    if (length < 2 || length > 64) continue;
    const name = String.fromCharCode(...Array.from({ length: length / 2 - 1 }, (_, i) => u16(b, at + i * 2)));
    const found = streams.find(([stream]) => stream === name);
    if (found) return found[1];
  }
  return null;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  for (let i = 0; i + needle.length <= haystack.length; i++) if (startsWith(haystack, needle, i)) return i;
  return -1;
}

/** A file's size as the list shows it: whole kB under 1 MB (at least 1), MB with one decimal above. */
export function formatFileSize(bytes: number, locale: "sv" | "en"): string {
  const number = new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB", { maximumFractionDigits: 1 });
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${number.format(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}

/** The name a download is saved under: the uploaded one, with the sniffed type's extension when it has none of its own. */
export function downloadName(filename: string, type: DocumentType): string {
  const base = filename.trim() || "dokument";
  const ext = base.includes(".") ? base.split(".").pop()!.toLowerCase() : "";
  const fits = ext === type.extension || (type.kind === "jpeg" && ext === "jpeg");
  return fits ? base : `${base}.${type.extension}`;
}
