import { z } from "zod";
import { dateField as date } from "./input";

const text = z.string({ error: "form.required" }).trim().min(1, "form.required").max(5000, "form.tooLong");

export const meetingDecisionSchema = z.object({ agendaItemId: z.uuid({ error: "decision.itemInvalid" }), text });
export const proposalSchema = z.object({ text });
/** A party's reservation or statement beside its position; empty is none. */
export const reservationSchema = z
  .string()
  .trim()
  .max(2000, "form.tooLong")
  .optional()
  .transform((v) => v || null);
export const positionSchema = z.object({
  position: z.enum(["agree", "object", "abstain"], { error: "form.required" }),
  reservation: reservationSchema,
});
export const taskSchema = z.object({
  title: z.string({ error: "form.required" }).trim().min(1, "form.required").max(500, "form.tooLong"),
  ownerId: z.uuid({ error: "decision.ownerInvalid" }),
  dueOn: date,
});
export const reviewSchema = z.object({ reviewOn: z.union([z.literal("").transform(() => null), date]) });
