import { z } from "zod";

/** A document's optional title (the file's name stands in without one). */
const title = z.string().trim().max(200, "form.tooLong").optional().default("");

export const uploadSchema = z.object({ agendaItemId: z.uuid("form.badRequest"), title });
export const replaceSchema = z.object({ documentKey: z.uuid("form.badRequest"), title });
export const deleteSchema = z.object({ documentKey: z.uuid("form.badRequest") });

/** The uploaded name as stored and offered back: its last path segment, without control characters, at most 200 characters. */
export const cleanFilename = (name: string) =>
  name
    .split(/[/\\]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(-200);
