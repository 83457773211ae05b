import { describe, expect, it } from "vitest";
import { downloadName, formatFileSize, documentType, sniffDocumentType, typeOfMime, type DocumentKind } from "../../../app/domain/document-type";
import { EXE, FILES, ole2, zip } from "../../support/document-files";

describe("sniffDocumentType", () => {
  it.each(Object.entries(FILES) as [DocumentKind, Buffer][])("knows a %s by its content", (kind, file) => {
    expect(sniffDocumentType(file)?.kind).toBe(kind);
  });

  // [label, bytes]: none of these is a document Samråd accepts, whatever it is called.
  it.each<[string, Buffer]>([
    ["an empty file", Buffer.alloc(0)],
    ["a Windows program", EXE],
    ["plain text", Buffer.from("Hej, det här är en vanlig textfil.")],
    ["HTML", Buffer.from("<!doctype html><script>alert(1)</script>")],
    ["an SVG image (scripts inside)", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ["a plain zip archive", zip([["readme.txt", "hej"]])],
    [
      "a zip with content types but no Office folder",
      zip([
        ["[Content_Types].xml", "<Types/>"],
        ["other/x.xml", "<x/>"],
      ]),
    ],
    [
      "a Word file with macros",
      zip([
        ["[Content_Types].xml", "<Types/>"],
        ["word/document.xml", "<x/>"],
        ["word/vbaProject.bin", "macro"],
      ]),
    ],
    [
      "an EPUB (OpenDocument-like, other mimetype)",
      zip([
        ["mimetype", "application/epub+zip"],
        ["content.opf", "<x/>"],
      ]),
    ],
    ["an OLE2 file of another program (e.g. .msi)", ole2("SummaryInformation")],
    ["a truncated PNG signature", Buffer.from([0x89, 0x50, 0x4e, 0x47])],
    ["a RIFF file that is not WebP (WAV)", Buffer.from("RIFF\x04\x00\x00\x00WAVEfmt ", "latin1")],
    ["a truncated zip header", Buffer.from([0x50, 0x4b, 0x03, 0x04])],
  ])("refuses %s", (_, file) => {
    expect(sniffDocumentType(file)).toBeNull();
  });

  it("finds a PDF header within the first kilobyte but not after it", () => {
    expect(sniffDocumentType(Buffer.concat([Buffer.alloc(100, 0x20), FILES.pdf]))?.kind).toBe("pdf");
    expect(sniffDocumentType(Buffer.concat([Buffer.alloc(2000, 0x20), FILES.pdf]))).toBeNull();
  });

  it("gives the MIME type stored and shown, and reads it back", () => {
    expect(sniffDocumentType(FILES.docx)?.mime).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(typeOfMime("application/pdf")?.label).toBe("PDF");
    expect(typeOfMime("application/x-msdownload")).toBeNull();
  });
});

describe("formatFileSize", () => {
  it.each<[number, "sv" | "en", string]>([
    [1, "sv", "1 kB"],
    [300 * 1024, "sv", "300 kB"],
    [1024 * 1024 - 1, "sv", "1024 kB"],
    [1.25 * 1024 * 1024, "sv", "1,3 MB"],
    [1.25 * 1024 * 1024, "en", "1.3 MB"],
    [25 * 1024 * 1024, "sv", "25 MB"],
  ])("%i bytes in %s is %s", (bytes, locale, expected) => {
    expect(formatFileSize(bytes, locale)).toBe(expected);
  });
});

describe("downloadName", () => {
  it.each<[string, DocumentKind, string]>([
    ["Budget 2027.pdf", "pdf", "Budget 2027.pdf"],
    ["foto.JPEG", "jpeg", "foto.JPEG"],
    ["protokoll", "docx", "protokoll.docx"],
    ["bild.pdf", "png", "bild.pdf.png"],
    ["  ", "pdf", "dokument.pdf"],
  ])("%s as %s downloads as %s", (name, kind, expected) => {
    expect(downloadName(name, documentType(kind))).toBe(expected);
  });
});
