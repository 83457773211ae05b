import { MaxPartSizeExceededError, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { readForm, unreadableForm } from "./form.server";

/** A form's text fields are short; only a file may be large. */
const TEXT_FIELD_BYTES = 16 * 1024;

/**
 * A form that may carry a file, read as it streams in: a file part of more than `maxFileBytes`
 * stops the reading there (`tooLarge` names the field), so an oversized upload is never held whole; text fields are
 * capped too. A form without files (e.g. a delete) is read as usual.
 */
export async function readUploadForm(request: Request, maxFileBytes: number): Promise<{ form: FormData; tooLarge: string | null }> {
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) return { form: await readForm(request), tooLarge: null };
  const handler: UploadHandler = async ({ name, filename, contentType, data: parts }) => {
    const limit = filename === undefined ? TEXT_FIELD_BYTES : maxFileBytes;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of parts) {
      size += chunk.byteLength;
      if (size > limit) throw new MaxPartSizeExceededError(name, limit);
      chunks.push(chunk);
    }
    const whole = Buffer.concat(chunks);
    return filename === undefined ? whole.toString("utf8") : new File([whole], filename, { type: contentType });
  };
  try {
    return { form: await unstable_parseMultipartFormData(request, handler), tooLarge: null };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { form: new FormData(), tooLarge: error.field };
    throw unreadableForm();
  }
}
