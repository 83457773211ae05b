import { z } from "zod";
import { dateField as date } from "./input";

const line = z.string({ error: "form.required" }).trim().min(1, "form.required").max(300, "form.tooLong");
const text = z.string({ error: "form.required" }).trim().min(1, "form.required").max(5000, "form.tooLong");
const optionalText = z
  .string()
  .trim()
  .max(5000, "form.tooLong")
  .optional()
  .transform((v) => v || null);
const optionalId = z.union([z.literal("").transform(() => null), z.uuid({ error: "case.choiceInvalid" })]).optional().default(null);

export const shortcomingSchema = z.object({
  concernsParty: z.uuid({ error: "case.partyRequired" }),
  commitment: line,
  description: text,
  evidence: z
    .string()
    .optional()
    .default("")
    .transform((v) => v.split(/\s+/).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: "form.urlInvalid" })).max(20, "form.tooLong")),
});

export const matterSchema = z.object({ title: line, description: text });
export const escalationSchema = matterSchema.extend({ groupId: z.uuid({ error: "case.choiceInvalid" }) });

/** A step of a case: which meeting and decision it was taken at, and what it needs. */
export const stepSchema = z.object({
  event: z.string().min(1).max(40),
  meetingId: optionalId,
  decisionId: optionalId,
  note: optionalText,
  planDueOn: z.union([z.literal("").transform(() => null), date]).optional().default(null),
  reclaim: z.enum(["yes", "no"]).optional(),
});

export const planActionSchema = z.object({ what: line, owner: line.max(200, "form.tooLong"), dueOn: date });
export const progressSchema = z.object({
  actionId: z.uuid({ error: "case.choiceInvalid" }),
  progress: text,
  done: z.literal("on").optional(),
});
