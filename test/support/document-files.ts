/** Small files of each kind a meeting document may be (and some it may not), built byte by byte for tests. */

const bytes = (...parts: (string | number[] | Uint8Array)[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const le32 = (n: number) => [...le16(n & 0xffff), ...le16(n >>> 16)];

/** A zip of stored (uncompressed) entries with its central directory, as Office and OpenDocument write them. */
export function zip(entries: [name: string, content: string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const n = Buffer.from(name, "utf8");
    const data = Buffer.from(content, "utf8");
    const common = [...le16(20), ...le16(0), ...le16(0), ...le16(0), ...le16(0), ...le32(0), ...le32(data.length), ...le32(data.length), ...le16(n.length), ...le16(0)];
    const local = bytes([0x50, 0x4b, 0x03, 0x04], common, n, data);
    centrals.push(bytes([0x50, 0x4b, 0x01, 0x02], le16(20), common, le16(0), le16(0), le16(0), le32(0), le32(offset), n));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = bytes([0x50, 0x4b, 0x05, 0x06], le16(0), le16(0), le16(entries.length), le16(entries.length), le32(central.length), le32(offset), le16(0));
  return Buffer.concat([...locals, central, end]);
}

/** An OLE2 compound file whose directory names `stream` (as old Word, Excel and PowerPoint files do). */
export function ole2(stream: string): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const directory = Buffer.alloc(512);
  const root = Buffer.from("Root Entry\0", "utf16le");
  root.copy(directory, 0);
  directory.writeUInt16LE(root.length, 64);
  directory[66] = 5;
  const name = Buffer.from(`${stream}\0`, "utf16le");
  name.copy(directory, 128);
  directory.writeUInt16LE(name.length, 128 + 64);
  directory[128 + 66] = 2;
  return Buffer.concat([header, directory]);
}

const contentTypes = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const ooxml = (folder: string, main: string) =>
  zip([
    ["[Content_Types].xml", contentTypes],
    ["_rels/.rels", "<Relationships/>"],
    [`${folder}/${main}`, "<x/>"],
  ]);
const odf = (mimetype: string) =>
  zip([
    ["mimetype", mimetype],
    ["content.xml", "<office:document-content/>"],
  ]);

/** A minimal, well-formed one-page PDF. */
export const PDF = bytes(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
);

export const FILES = {
  pdf: PDF,
  docx: ooxml("word", "document.xml"),
  xlsx: ooxml("xl", "workbook.xml"),
  pptx: ooxml("ppt", "presentation.xml"),
  odt: odf("application/vnd.oasis.opendocument.text"),
  ods: odf("application/vnd.oasis.opendocument.spreadsheet"),
  odp: odf("application/vnd.oasis.opendocument.presentation"),
  doc: ole2("WordDocument"),
  xls: ole2("Workbook"),
  ppt: ole2("PowerPoint Document"),
  png: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], "IHDR"),
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0], [0, 16], "JFIF\0"),
  gif: bytes("GIF89a", [1, 0, 1, 0]),
  webp: bytes("RIFF", le32(4), "WEBPVP8 "),
};

/** A Windows program (MZ header), as an .exe renamed to .pdf would arrive. */
export const EXE = bytes("MZ", [0x90, 0, 3, 0], Buffer.alloc(60), "This program cannot be run in DOS mode.");
