import { z } from "zod";
import { stockholmInstant } from "../domain/stockholm-date";
import { dateField } from "./input";

const time = z.string({ error: "form.required" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "form.timeInvalid");

export const meetingSchema = z
  .object({
    title: z.string({ error: "form.required" }).trim().min(1, "form.required").max(200, "form.tooLong"),
    kind: z.enum(["ordinary", "extra"]).default("ordinary"),
    extraReason: z.string().trim().max(2000, "form.tooLong").optional().default(""),
    date: dateField,
    startTime: time,
    endTime: time,
    location: z.string().trim().max(300, "form.tooLong").optional().default(""),
    videoUrl: z
      .string()
      .trim()
      .max(500, "form.tooLong")
      .optional()
      .transform((v) => v || null)
      .pipe(z.url({ protocol: /^https?$/, error: "form.urlInvalid" }).nullable()),
  })
  // 004 §3.1: an extra meeting is called because something is urgent, and the notice says what.
  .refine((v) => v.kind !== "extra" || v.extraReason.length > 0, { path: ["extraReason"], message: "meeting.extraReasonRequired" })
  // Compared only when both times are well-formed, so a typo gives one message, not two.
  .refine((v) => v.endTime > v.startTime, { path: ["endTime"], message: "meeting.endBeforeStart", when: (p) => p.issues.length === 0 })
  .transform((v) => ({
    title: v.title,
    kind: v.kind,
    extraReason: v.kind === "extra" ? v.extraReason : null,
    startsAt: stockholmInstant(v.date, v.startTime),
    endsAt: stockholmInstant(v.date, v.endTime),
    location: v.location,
    videoUrl: v.videoUrl,
  }));

export const agendaItemSchema = z.object({
  title: z.string({ error: "form.required" }).trim().min(1, "form.required").max(300, "form.tooLong"),
  type: z.enum(["information", "discussion", "decision"]).default("information"),
  presenter: z.string().trim().max(200, "form.tooLong").optional().default(""),
  estimatedMinutes: z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .pipe(z.number({ error: "form.numberInvalid" }).int("form.numberInvalid").min(1, "form.numberInvalid").max(600, "form.numberInvalid").nullable()),
  links: z
    .string()
    .optional()
    .default("")
    .transform((v) => v.split(/\s+/).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: "form.urlInvalid" })).max(10, "form.tooLong")),
});
