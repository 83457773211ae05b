/**
 * `Content-Disposition` for a file saved under `filename`: an ASCII fallback for old clients and the
 * exact name as RFC 5987/6266 `filename*` (UTF-8, percent-encoded), so "Budget åäö.pdf" keeps its letters.
 */
export function attachmentDisposition(filename: string): string {
  const fallback = filename
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
