/** An iCalendar document as a download; private data, so never cached by proxies. */
export function icsResponse(body: string, filename: string, method?: "REQUEST" | "CANCEL") {
  return new Response(body, {
    headers: {
      "Content-Type": `text/calendar; charset=utf-8${method ? `; method=${method}` : ""}`,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
