import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "~/auth/guards.server";
import { requireMeetingAccess } from "~/services/meeting-access.server";
import { finalMinutes } from "~/services/minutes.server";

/** The approved minutes as a file: /meetings/:id/minutes.md or .html. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { meeting } = await requireMeetingAccess(context.db, user, params.id);
  const final = await finalMinutes(context.db, meeting.id);
  if (!final) throw notFound();
  const markdown = new URL(request.url).pathname.endsWith(".md");
  const body = markdown
    ? `# ${meeting.title}\n\n${final.markdown}`
    : `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escape(meeting.title)}</title></head><body><h1>${escape(meeting.title)}</h1>${final.html}</body></html>`;
  return new Response(body, {
    headers: {
      "Content-Type": markdown ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="protokoll-${meeting.id}.${markdown ? "md" : "html"}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
