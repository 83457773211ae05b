import { z } from "zod";
import { dateField as date } from "./input";

const line = z.string({ error: "form.required" }).trim().min(1, "form.required").max(300, "form.tooLong");
const optional = (max: number) => z.string().trim().max(max, "form.tooLong").optional().default("");
const optionalId = z
  .union([z.literal("").transform(() => null), z.uuid({ error: "followUp.choiceInvalid" })])
  .optional()
  .default(null);

export const followUpPlanSchema = z.object({
  kind: z.enum(["follow_up", "evaluation"], { error: "followUp.kindRequired" }),
  title: line,
  covers: optional(2000),
  presentedTo: optional(300),
  recurrence: z.enum(["yearly", "once"], { error: "followUp.recurrenceRequired" }),
  dueOn: date,
  leadUserId: optionalId,
});
export type FollowUpPlan = z.infer<typeof followUpPlanSchema>;

export const followUpOutcomeSchema = z.object({
  followUpId: z.uuid({ error: "followUp.choiceInvalid" }),
  doneOn: date,
  outcome: line.max(5000, "form.tooLong"),
  reportIds: z.array(z.uuid({ error: "followUp.choiceInvalid" })).max(50),
  decisionIds: z.array(z.uuid({ error: "followUp.choiceInvalid" })).max(50),
});
export type FollowUpOutcome = z.infer<typeof followUpOutcomeSchema>;

/** The outcome form's values, with the linked reports' and decisions' checkboxes as lists. */
export const outcomeValues = (form: FormData) => ({
  ...Object.fromEntries(form),
  reportIds: form.getAll("reportIds").map(String),
  decisionIds: form.getAll("decisionIds").map(String),
});
