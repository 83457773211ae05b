import type { ActionFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { MAX_DOCUMENT_BYTES } from "~/domain/document-type";
import { cleanFilename, deleteSchema, replaceSchema, uploadSchema } from "~/forms/document";
import { parseForm } from "~/forms/parse";
import { answer, badForm, failed, meetingAction } from "~/http/result.server";
import { readUploadForm } from "~/http/upload.server";
import { deleteDocument, uploadDocument } from "~/services/meeting-documents.server";

/**
 * A meeting's documents: attach one to an agenda item, replace it with a new version, delete it with
 * all its versions. Whoever may change the agenda may do so; the file is read as it streams in and
 * refused at its size limit.
 */
export async function action(args: ActionFunctionArgs) {
  let tooLarge: string | null = null;
  const m = await meetingAction(args, "changeAgenda", async (request) => {
    const read = await readUploadForm(request, MAX_DOCUMENT_BYTES);
    tooLarge = read.tooLarge;
    return read.form;
  });
  if (m.refused) return failed(m.refused);
  if (tooLarge) return badForm({ [tooLarge]: tooLarge === "file" ? "document.tooLarge" : "form.tooLong" });
  const text = Object.fromEntries([...m.form].filter(([, v]) => typeof v === "string"));
  if (m.intent === "delete") {
    const parsed = parseForm(deleteSchema, text);
    if (!parsed.ok) return badForm(parsed.fieldErrors);
    return answer(await deleteDocument(args.context.db, m.meeting.id, parsed.data.documentKey, m.user), () => "document.deleted");
  }
  if (m.intent !== "upload" && m.intent !== "replace") throw notFound();
  const parsed = parseForm(m.intent === "upload" ? uploadSchema : replaceSchema, text);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  const file = m.form.get("file");
  // A form sent without a chosen file carries an empty part without a name.
  if (!(file instanceof File) || (file.size === 0 && !file.name)) return badForm({ file: "document.noFile" });
  const upload = { ...parsed.data, filename: cleanFilename(file.name), content: new Uint8Array(await file.arrayBuffer()) };
  return answer(await uploadDocument(args.context.db, m.meeting.id, upload, m.user), ({ version }) => (version > 1 ? "document.replaced" : "document.uploaded"));
}
