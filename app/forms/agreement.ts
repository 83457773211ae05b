import { z } from "zod";
import { reportProblems, statisticFields, type ReportingRule } from "../domain/reporting-rule";
import { FINANCIAL_KEYS, normaliseStatisticKeys } from "../domain/yearly-report";
import type { AmendmentInput } from "../services/amendments.server";
import type { ReportInput, StatisticsInput } from "../services/reports.server";
import { dateField } from "./input";
import { parseForm, type ParseResult } from "./parse";
import { periodRule } from "./partnership";

const text = (max: number) => z.string({ error: "form.required" }).trim().min(1, "form.required").max(max, "form.tooLong");

const amendmentBase = z.object({
  title: text(200),
  text: text(20000),
  appendixId: z
    .union([z.uuid(), z.literal("")])
    .optional()
    .transform((v) => v || null),
});

/** An amendment; it carries a new period rule only when a kind of period is chosen. */
export function parseAmendment(form: FormData): ParseResult<AmendmentInput> {
  const base = parseForm(amendmentBase, form);
  const withRule = form.get("periodKind") ? parseForm(periodRule, form) : ({ ok: true, data: null } as const);
  if (!base.ok || !withRule.ok) return { ok: false, fieldErrors: { ...(base.ok ? {} : base.fieldErrors), ...(withRule.ok ? {} : withRule.fieldErrors) } };
  return { ok: true, data: { ...base.data, periodRule: withRule.data } };
}

export const signSchema = z.object({
  password: z.string({ error: "form.required" }).min(1, "form.required"),
  textSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const noticeSchema = z.object({
  partyId: z.uuid({ error: "form.required" }),
  reason: text(4000),
  // Only a coordinator may date a notice received earlier; for anyone else it is today.
  givenOn: z.union([z.literal("").transform(() => undefined), dateField]).optional(),
  // Required for the public party's notice (committeeErrors); ignored for others.
  committeeReference: z
    .string()
    .trim()
    .max(100, "form.tooLong")
    .optional()
    .transform((v) => v || undefined),
  committeeDecidedOn: z.union([z.literal("").transform(() => undefined), dateField]).optional(),
  password: z.string().optional(),
});

// The union's own message is the one shown when no branch comes close (Infinity from "1e400").
const number = (min: number) =>
  z.union([z.literal(""), z.coerce.number({ error: "form.numberInvalid" }).int("form.numberInvalid").min(min, "form.numberInvalid").max(1_000_000_000, "form.numberInvalid")], {
    error: "form.numberInvalid",
  });
const httpsUrl = z.union([z.literal(""), z.url({ protocol: /^https$/, error: "form.urlInvalid" })]);
const webUrl = z.union([z.literal(""), z.url({ protocol: /^https?$/, error: "form.urlInvalid" })]);

/**
 * A yearly report with the figures, amounts and documents its rule asks for; a blank number is not
 * reported. "Kvar" may be below zero (a deficit). What the rule requires but the form lacks is an
 * error at its field (reportProblems).
 */
export function parseReport(form: FormData, rule: ReportingRule): ParseResult<ReportInput> {
  const fields = statisticFields(rule);
  const amounts: readonly string[] = rule.financial ? FINANCIAL_KEYS : [];
  const shape = {
    ...Object.fromEntries(fields.map((k) => [k, number(0).optional()])),
    ...Object.fromEntries(amounts.map((k) => [k, number(k === "remaining" ? -1_000_000_000 : 0).optional()])),
    ...Object.fromEntries(rule.attachments.map((k) => [k, webUrl.optional()])),
  };
  const parsed = parseForm(z.object({ narrative: z.string().trim().max(20000, "form.tooLong").optional().default(""), financialUrl: httpsUrl.optional(), ...shape }), form);
  if (!parsed.ok) return parsed;
  const values = parsed.data as Record<string, unknown>;
  const numbers = (list: readonly string[]) => Object.fromEntries(list.flatMap((k) => (typeof values[k] === "number" ? [[k, values[k] as number]] : [])));
  const report: ReportInput = {
    narrative: parsed.data.narrative,
    financialUrl: parsed.data.financialUrl || null,
    statistics: numbers(fields),
    financial: numbers(amounts),
    attachments: Object.fromEntries(rule.attachments.flatMap((k) => (values[k] ? [[k, String(values[k])]] : []))),
  };
  const problems = reportProblems(rule, report);
  return Object.keys(problems).length ? { ok: false, fieldErrors: problems } : { ok: true, data: report };
}

/** The statistics the steering group decided on, which of them by gender, and the adopted decision cited. */
export function parseStatistics(form: FormData): ParseResult<StatisticsInput> {
  const statistics = normaliseStatisticKeys(form.getAll("statistics").map(String));
  const byGender = normaliseStatisticKeys(form.getAll("byGender").map(String)).filter((k) => statistics.includes(k));
  const decision = z.uuid().safeParse(form.get("decisionId"));
  if (!decision.success) return { ok: false, fieldErrors: { decisionId: "report.decisionRequired" } };
  return { ok: true, data: { statistics, byGender, decisionId: decision.data } };
}

/** A court's final ruling (000 §10), recorded only when confirmed, and not before it became final. */
export const courtRulingSchema = (today: string) =>
  z.object({
    authority: text(200),
    caseNumber: z.string().trim().max(100, "form.tooLong").optional().default(""),
    finalOn: dateField.refine((v) => v <= today, "court.finalInFuture"),
    note: z.string().trim().max(2000, "form.tooLong").optional().default(""),
    confirm: z.literal("on", { error: "court.confirmRequired" }),
  });

/** The steering group's review of a report's accounts, from its adopted decision. */
export const reviewSchema = z.object({
  reportId: z.uuid({ error: "report.notFound" }),
  outcome: z.enum(["approved", "sent_back"], { error: "form.required" }),
  decisionId: z.uuid({ error: "report.decisionRequired" }),
  note: z.string().trim().max(4000, "form.tooLong").optional().default(""),
});
