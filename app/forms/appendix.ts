import { z } from "zod";

const text = (max: number) => z.string({ error: "form.required" }).trim().min(1, "form.required").max(max, "form.tooLong");
const version = { commitments: text(20000), reason: text(2000) };

/** A new appendix: the party, its name, its commitments and the reason or decision behind it (004 §2.1). */
export const createAppendixSchema = z.object({ partyId: z.uuid({ error: "form.required" }), title: text(200), ...version });

/** A new version of an appendix: its commitments and the reason or decision behind the change. */
export const reviseAppendixSchema = z.object(version);
