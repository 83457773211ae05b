import { describe, expect, it } from "vitest";
import { absoluteLinks, afterFailure, classifySendError, mailHtml, MAX_ATTEMPTS } from "../../../app/domain/mail";

const now = new Date("2026-11-30T08:00:00Z");
const minutesLater = (m: number) => new Date(now.getTime() + m * 60_000);

describe("what a failed attempt leads to", () => {
  it.each([
    ["greylisted (451), 1st attempt", { responseCode: 451, response: "451 4.7.1 Try again later" }, 1, minutesLater(1)],
    ["busy (421), 2nd attempt", { responseCode: 421, response: "421 Service not available" }, 2, minutesLater(5)],
    ["connection refused, 3rd attempt", { code: "ECONNECTION", message: "connect ECONNREFUSED 127.0.0.1:25" }, 3, minutesLater(30)],
    ["timeout, 4th attempt", { code: "ETIMEDOUT", message: "Connection timeout" }, 4, minutesLater(120)],
    ["4xx, 5th attempt", { responseCode: 450 }, 5, minutesLater(360)],
    ["4xx, last attempt", { responseCode: 450 }, MAX_ATTEMPTS, "failed"],
    ["no such mailbox (550), 1st attempt", { responseCode: 550, response: "550 5.1.1 No such user" }, 1, "failed"],
    ["message refused (554)", { responseCode: 554 }, 2, "failed"],
    // Our own credentials are wrong: the operator mends SMTP_URL, the mail waits meanwhile.
    ["authentication refused (535)", { code: "EAUTH", responseCode: 535 }, 1, minutesLater(1)],
  ])("%s", (_, error, attempts, expected) => {
    const next = afterFailure(attempts, classifySendError(error), now);
    expect(next).toEqual(expected === "failed" ? { status: "failed" } : { status: "pending", nextAttemptAt: expected });
  });

  it("keeps the server's answer as the error to show", () => {
    expect(classifySendError({ responseCode: 550, response: "550 5.1.1 No such user" }).message).toBe("550 5.1.1 No such user");
    expect(classifySendError(new Error("boom")).message).toBe("boom");
  });
});

describe("links in a mail", () => {
  it.each([
    ["a path of its own", "Läs mer: /cases/abc-1", "Läs mer: https://samrad.kommun.se/cases/abc-1"],
    ["a path on its own line", "Hej\n/meetings/m1#agenda\n", "Hej\nhttps://samrad.kommun.se/meetings/m1#agenda\n"],
    ["an absolute link stays", "https://samrad.kommun.se/cases/1", "https://samrad.kommun.se/cases/1"],
    ["a slash inside a word is no path", "och/eller 1/2 Bo / Gotland", "och/eller 1/2 Bo / Gotland"],
  ])("%s", (_, text, expected) => expect(absoluteLinks(text, "https://samrad.kommun.se")).toBe(expected));
});

describe("the HTML part", () => {
  const html = mailHtml({
    text: 'Hej <Anna> & "Bo"!\n\nMötet är flyttat.\nSe https://samrad.kommun.se/meetings/m1?a=1&b=2.\n\nVänliga hälsningar\nSamråd',
    subject: "Ändrat möte <1>",
    lang: "sv",
    product: "Samråd",
  });

  it("escapes the text, keeps its paragraphs and line breaks", () => {
    expect(html).toContain('<p style="margin:0 0 1em">Hej &lt;Anna&gt; &amp; &quot;Bo&quot;!</p>');
    expect(html).toContain("Mötet är flyttat.<br>\nSe ");
    expect(html).toContain("Vänliga hälsningar<br>\nSamråd</p>");
    expect(html).not.toContain("<Anna>");
  });

  it("makes links clickable, leaving the sentence's full stop outside", () => {
    expect(html).toContain('<a href="https://samrad.kommun.se/meetings/m1?a=1&amp;b=2">https://samrad.kommun.se/meetings/m1?a=1&amp;b=2</a>.');
  });

  it("is a page in the recipient's language carrying the product's name", () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="sv">/);
    expect(html).toContain("<title>Ändrat möte &lt;1&gt;</title>");
    expect(html).toContain(">Samråd</p>");
  });
});
