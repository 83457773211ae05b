import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "~/auth/guards.server";
import { downloadName, typeOfMime } from "~/domain/document-type";
import { attachmentDisposition } from "~/http/download.server";
import { isUuid } from "~/services/access.server";
import { documentVersion, largeObjectStream } from "~/services/meeting-documents.server";
import { requireMeetingAccess } from "~/services/meeting-access.server";

/**
 * One version of a meeting document, for the meeting's members and coordinators only (404 for
 * anyone else, and for another meeting's document). Always a download of the type its content
 * was found to be, never shown inline nor kept by a shared cache (`X-Content-Type-Options: nosniff`
 * comes with every response, `securityHeaders`).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { meeting } = await requireMeetingAccess(context.db, user, params.id);
  if (!isUuid(params.docId)) throw notFound();
  const doc = await documentVersion(context.db, meeting.id, params.docId);
  if (!doc) throw notFound();
  const type = typeOfMime(doc.contentType);
  return new Response(largeObjectStream(context.db, doc.contentOid, doc.size), {
    headers: {
      "Content-Type": doc.contentType,
      "Content-Length": String(doc.size),
      "Content-Disposition": attachmentDisposition(type ? downloadName(doc.filename, type) : doc.filename),
      "Cache-Control": "private, no-store",
      ETag: `"${doc.sha256}"`,
    },
  });
}
