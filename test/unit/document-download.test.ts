import { describe, expect, it } from "vitest";
import { cleanFilename } from "../../app/forms/document";
import { attachmentDisposition } from "../../app/http/download.server";

describe("attachmentDisposition", () => {
  it.each<[string, string]>([
    ["budget.pdf", `attachment; filename="budget.pdf"; filename*=UTF-8''budget.pdf`],
    ["Budget år 2027.pdf", `attachment; filename="Budget ar 2027.pdf"; filename*=UTF-8''Budget%20%C3%A5r%202027.pdf`],
    ['a "quoted" name\\x.pdf', `attachment; filename="a _quoted_ name_x.pdf"; filename*=UTF-8''a%20%22quoted%22%20name%5Cx.pdf`],
    ["100% (slut)*.pdf", `attachment; filename="100_ (slut)*.pdf"; filename*=UTF-8''100%25%20%28slut%29%2A.pdf`],
    ["protokoll–mars.pdf", `attachment; filename="protokoll_mars.pdf"; filename*=UTF-8''protokoll%E2%80%93mars.pdf`],
  ])("%s", (name, expected) => {
    expect(attachmentDisposition(name)).toBe(expected);
  });
});

describe("cleanFilename", () => {
  it.each<[string, string]>([
    ["budget.pdf", "budget.pdf"],
    ["C:\\Users\\eva\\budget.pdf", "budget.pdf"],
    ["../../etc/passwd", "passwd"],
    ["ny\u0000rad\n.pdf", "nyrad.pdf"],
    [`${"x".repeat(300)}.pdf`, `${"x".repeat(196)}.pdf`],
  ])("%j is stored as %j", (name, expected) => {
    expect(cleanFilename(name)).toBe(expected);
  });
});
