import { z } from "zod";
import { parsePercent } from "../domain/funding";
import { dateField } from "./input";

const kronor = z.coerce.number({ error: "form.numberInvalid" }).int("form.numberInvalid").min(0, "form.numberInvalid").max(10_000_000_000, "form.numberInvalid");
const year = z.coerce.number({ error: "form.numberInvalid" }).int("form.numberInvalid").min(2000, "form.numberInvalid").max(2100, "form.numberInvalid");
const shortText = (max: number) => z.string().trim().max(max, "form.tooLong").optional().default("");
const required = (max: number) => z.string({ error: "form.required" }).trim().min(1, "form.required").max(max, "form.tooLong");
const id = z.uuid({ error: "form.required" });

export const grantSchema = z.object({ partyId: id, year, amount: kronor, decisionReference: shortText(200) });

export const indexSchema = z.object({
  year,
  percent: z
    .string({ error: "form.required" })
    .trim()
    .min(1, "form.required")
    .refine((v) => parsePercent(v) !== null, "funds.percentInvalid")
    .transform((v) => String(parsePercent(v))),
  reference: shortText(200),
});

export const addPaymentSchema = z.object({ partyId: id, grantId: id, dueOn: dateField, amount: kronor, reference: shortText(200) });

export const settleSchema = z.object({
  paymentId: id,
  status: z.enum(["paid", "stopped", "reclaimed"], { error: "form.required" }),
  settledOn: dateField,
  decisionId: z
    .union([z.literal("").transform(() => null), z.uuid()])
    .optional()
    .transform((v) => v ?? null),
  reference: shortText(200),
  note: shortText(2000),
});

export const stopSchema = z.object({ partyId: id, decisionId: z.uuid({ error: "funds.decisionRequired" }), reason: required(2000) });

export const liftSchema = z.object({ stopId: id, decisionId: z.uuid({ error: "funds.decisionRequired" }) });

export const fundsDecisionSchema = z.object({ decidedOn: dateField, reference: required(200) });

/** The agreement's clause that makes its period conditional on funds (004 §5.1). */
export const fundsConditionSchema = z.object({ clause: required(200) });

export type GrantInput = z.infer<typeof grantSchema>;
export type IndexInput = z.infer<typeof indexSchema>;
export type PaymentInput = z.infer<typeof addPaymentSchema>;
export type SettleInput = z.infer<typeof settleSchema>;
export type StopInput = z.infer<typeof stopSchema>;
export type LiftInput = z.infer<typeof liftSchema>;
export type FundsDecisionInput = z.infer<typeof fundsDecisionSchema>;
export type FundsConditionInput = z.infer<typeof fundsConditionSchema>;
