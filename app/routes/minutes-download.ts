import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "~/auth/guards.server";
import { baseUrl } from "~/http/base-url.server";
import { translator } from "~/i18n";
import { minutesDecisions } from "~/services/decisions.server";
import { requireMeetingAccess } from "~/services/meeting-access.server";
import { finalMinutes } from "~/services/minutes.server";

/** The approved minutes as a file: /meetings/:id/minutes.md or .html. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { meeting, access } = await requireMeetingAccess(context.db, user, params.id);
  const final = await finalMinutes(context.db, meeting.id);
  if (!final) throw notFound();
  // The decisions follow the text, each linked to its page in the register; the file is Swedish like the minutes.
  const t = translator("sv");
  const site = baseUrl(context);
  const decisions = (await minutesDecisions(context.db, meeting, access.group.kind)).map((item) => ({
    heading: item.heading ?? t("decision.kind.per_capsulum"),
    lines: item.decisions.map((d) => ({
      url: `${site}/decisions/${d.id}`,
      label: d.label,
      text: d.text,
      status: t(`decision.status.${d.stage}`),
      // The minutes are approved: a position the chair recorded in the room stands confirmed, as on the decision's page.
      positions: d.positions.map(
        (p) =>
          `${p.party}: ${t(`decision.position.${p.position}`)}` +
          (p.reservation ? `. ${t("decision.reservation")}: ${p.reservation}` : "") +
          (p.recordedForRoom ? ` (${t("room.recordedByChair")}, ${t("room.confirmed")})` : ""),
      ),
    })),
  }));
  const decisionsMd = decisions.length
    ? `\n\n## ${t("decision.title")}\n` + decisions.map((i) => `\n### ${i.heading}\n\n` + i.lines.map((l) => `- [${l.label}](${l.url}): ${l.text} (${l.status})` + l.positions.map((p) => `\n  - ${p}`).join("")).join("\n")).join("\n")
    : "";
  const decisionsHtml = decisions.length
    ? `<h2>${t("decision.title")}</h2>` +
      decisions.map((i) => `<h3>${escape(i.heading)}</h3><ul>${i.lines.map((l) => `<li><a href="${escape(l.url)}">${escape(l.label)}</a>: ${escape(l.text)} (${escape(l.status)})${positionsHtml(l.positions)}</li>`).join("")}</ul>`).join("")
    : "";
  const markdown = new URL(request.url).pathname.endsWith(".md");
  const body = markdown
    ? `# ${meeting.title}\n\n${final.markdown}${decisionsMd}`
    : `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escape(meeting.title)}</title></head><body><h1>${escape(meeting.title)}</h1>${final.html}${decisionsHtml}</body></html>`;
  return new Response(body, {
    headers: {
      "Content-Type": markdown ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="protokoll-${meeting.id}.${markdown ? "md" : "html"}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

const positionsHtml = (lines: string[]) => (lines.length ? `<ul>${lines.map((p) => `<li>${escape(p)}</li>`).join("")}</ul>` : "");
const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
