/**
 * Mail delivery rules, free of I/O: when a failed attempt is tried again, and how a plain-text body
 * becomes the HTML part of the same mail.
 */

/** Waits after the 1st, 2nd, … temporary failure; after the last one the mail is marked failed. */
export const RETRY_DELAYS_MINUTES = [1, 5, 30, 120, 360] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

export interface SendFailure {
  /** The receiving server refused the message itself (5xx): trying again would not help. */
  permanent: boolean;
  message: string;
}

/**
 * A nodemailer error as a retry decision. 5xx replies are permanent, except an authentication
 * refusal (535): that is our configuration, not the message, and is mended by the operator.
 * 4xx replies, refused or dropped connections and timeouts are temporary.
 */
export function classifySendError(error: unknown): SendFailure {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown; response?: unknown; message?: unknown };
  const code = typeof e.responseCode === "number" ? e.responseCode : undefined;
  const message = String(e.response ?? e.message ?? error).slice(0, 1000);
  const permanent = code !== undefined && code >= 500 && code < 600 && e.code !== "EAUTH";
  return { permanent, message };
}

export type AfterFailure = { status: "failed" } | { status: "pending"; nextAttemptAt: Date };

/** What becomes of a mail whose `attempts`-th attempt (counting this one) failed at `now`. */
export function afterFailure(attempts: number, failure: SendFailure, now: Date): AfterFailure {
  if (failure.permanent || attempts >= MAX_ATTEMPTS) return { status: "failed" };
  const minutes = RETRY_DELAYS_MINUTES[Math.max(0, attempts - 1)];
  return { status: "pending", nextAttemptAt: new Date(now.getTime() + minutes * 60_000) };
}

/**
 * Paths written into a body as `/cases/…` (a word of its own starting with a slash and a letter)
 * made absolute, so they work from a mail client.
 */
export function absoluteLinks(text: string, publicUrl: string): string {
  return text.replace(/(^|\s)\/([a-z][\w\-./?#=&%]*)/gm, (_, before: string, path: string) => `${before}${publicUrl}/${path}`);
}

const URL_PATTERN = /(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'])/;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** One paragraph's lines, escaped, with its web addresses as links and its line breaks kept. */
function paragraphHtml(paragraph: string): string {
  const html = paragraph
    .split(URL_PATTERN)
    .map((part, i) => (i % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part)))
    .join("");
  return `<p style="margin:0 0 1em">${html.replace(/\n/g, "<br>\n")}</p>`;
}

/**
 * The HTML part of a mail: the text escaped, in paragraphs (blank lines), links clickable, in a
 * small layout carrying the product's name; `lang` is the recipient's language.
 */
export function mailHtml(input: { text: string; subject: string; lang: string; product: string }): string {
  const paragraphs = input.text
    .replace(/\r\n/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^\n+|\s+$/g, ""))
    .filter(Boolean)
    .map(paragraphHtml)
    .join("\n");
  return [
    "<!doctype html>",
    `<html lang="${escapeHtml(input.lang)}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(input.subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f4f4f2">',
    '<div style="max-width:40em;margin:0 auto;padding:1.5em;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">',
    `<p style="margin:0 0 1.5em;font-weight:bold;font-size:18px;color:#0b4f6c">${escapeHtml(input.product)}</p>`,
    paragraphs,
    "</div>",
    "</body>",
    "</html>",
  ].join("\n");
}
