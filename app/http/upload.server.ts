import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { readForm, unreadableForm } from "./form.server";

/** A form's text fields are short; only a file may be large. */
const TEXT_FIELD_BYTES = 16 * 1024;

type UploadForm = { form: FormData; tooLarge: string | null };

/**
 * A form that may carry a file, read as it streams in: a file part of more than `maxFileBytes`
 * stops the reading there (`tooLarge` names the field), so an oversized upload is never held whole; text fields are
 * capped too. A form without files (e.g. a delete) is read as usual. Read with busboy, which takes any file name a
 * browser sends ("a=b.pdf", "Protokoll; bilaga.pdf", "Årsrapport å ä ö.pdf").
 */
export async function readUploadForm(request: Request, maxFileBytes: number): Promise<UploadForm> {
  const contentType = request.headers.get("content-type");
  if (!contentType?.startsWith("multipart/form-data")) return { form: await readForm(request), tooLarge: null };
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send a file's name as raw UTF-8.
      defParamCharset: "utf8",
      // busboy reports a limit once a part reaches it: one byte more tells a part over the limit from one just at it.
      limits: { fieldSize: TEXT_FIELD_BYTES + 1, fileSize: maxFileBytes + 1 },
    });
  } catch {
    throw unreadableForm(); // no boundary
  }
  const body = request.body ? Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>) : Readable.from([]);
  return new Promise<UploadForm>((resolve, reject) => {
    const form = new FormData();
    let settled = false;
    const settle = (outcome: UploadForm | Response) => {
      if (settled) return;
      settled = true;
      // The rest of the body is discarded unread: destroying it would close the connection before the answer is sent.
      body.unpipe(parser);
      body.resume();
      if (outcome instanceof Response) reject(outcome);
      else resolve(outcome);
    };
    const tooLarge = (name: string) => settle({ form: new FormData(), tooLarge: name });
    parser.on("field", (name, value, { valueTruncated }) => (valueTruncated ? tooLarge(name) : form.append(name, value)));
    parser.on("file", (name, file, { filename, mimeType }) => {
      const chunks: Buffer[] = [];
      file.on("data", (chunk: Buffer) => chunks.push(chunk));
      file.on("limit", () => tooLarge(name));
      file.on("end", () => file.truncated || form.append(name, new File([Buffer.concat(chunks)], filename ?? "", { type: mimeType })));
      file.on("error", () => settle(unreadableForm()));
    });
    parser.on("error", () => settle(unreadableForm()));
    parser.on("close", () => settle({ form, tooLarge: null }));
    body.on("error", () => settle(unreadableForm()));
    body.pipe(parser);
  });
}
