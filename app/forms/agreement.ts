import { z } from "zod";
import { FINANCIAL_KEYS, isStatisticKey, type StatisticKey } from "../domain/yearly-report";
import type { AmendmentInput } from "../services/amendments.server";
import type { ReportInput } from "../services/reports.server";
import { dateField } from "./input";
import { parseForm, type ParseResult } from "./parse";
import { periodRule } from "./partnership";

const text = (max: number) => z.string({ error: "form.required" }).trim().min(1, "form.required").max(max, "form.tooLong");

const amendmentBase = z.object({
  title: text(200),
  text: text(20000),
  appendixId: z.union([z.uuid(), z.literal("")]).optional().transform((v) => v || null),
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
  committeeReference: z.string().trim().max(100, "form.tooLong").optional().transform((v) => v || undefined),
  committeeDecidedOn: z.union([z.literal("").transform(() => undefined), dateField]).optional(),
  password: z.string().optional(),
});

// The union's own message is the one shown when no branch comes close (Infinity from "1e400").
const count = z.union(
  [z.literal(""), z.coerce.number({ error: "form.numberInvalid" }).int("form.numberInvalid").min(0, "form.numberInvalid").max(10_000_000, "form.numberInvalid")],
  { error: "form.numberInvalid" },
);
const httpsUrl = z.union([z.literal(""), z.url({ protocol: /^https$/, error: "form.urlInvalid" })]);

/** A yearly report with the statistics asked for; a blank number is not reported. */
export function parseReport(form: FormData, keys: readonly StatisticKey[]): ParseResult<ReportInput> {
  const shape = Object.fromEntries([...keys, ...FINANCIAL_KEYS].map((k) => [k, count.optional()]));
  const parsed = parseForm(
    z.object({ narrative: z.string().trim().max(20000, "form.tooLong").optional().default(""), financialUrl: httpsUrl.optional(), ...shape }),
    form,
  );
  if (!parsed.ok) return parsed;
  const values = parsed.data as Record<string, unknown>;
  const numbers = (list: readonly string[]) => Object.fromEntries(list.flatMap((k) => (typeof values[k] === "number" ? [[k, values[k]]] : [])));
  return {
    ok: true,
    data: { narrative: parsed.data.narrative, financialUrl: parsed.data.financialUrl || null, statistics: numbers(keys), financial: numbers(FINANCIAL_KEYS) },
  };
}

/** The chosen statistics: at least one, known keys only. */
export function parseStatisticKeys(form: FormData): ParseResult<StatisticKey[]> {
  const keys = form.getAll("keys").map(String).filter(isStatisticKey);
  return keys.length ? { ok: true, data: keys } : { ok: false, fieldErrors: { keys: "report.keysRequired" } };
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
