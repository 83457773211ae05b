import { z } from "zod";
import { validateOrgNumber } from "../domain/org-number";
import { validatePeriodRule, type PeriodRule } from "../domain/period";
import { IDEA_PARTY_ROWS } from "./fields";
import { dateField as isoDate } from "./input";

const text = (max: number) => z.string({ error: "form.required" }).trim().min(1, "form.required").max(max, "form.tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "form.tooLong").optional().default("");
const months = z.coerce.number({ error: "form.numberInvalid" }).int("form.numberInvalid").min(1, "form.numberInvalid").max(36, "form.numberInvalid");

const orgNumber = z.string({ error: "form.required" }).transform((value, ctx) => {
  const result = validateOrgNumber(value);
  if (result.ok) return result.value;
  ctx.addIssue({ code: "custom", message: result.error === "format" ? "org.format" : "org.checksum" });
  return z.NEVER;
});

export const periodRule = z
  .discriminatedUnion(
    "periodKind",
    [
      z.object({ periodKind: z.literal("fixed"), periodStart: isoDate, periodEnd: isoDate }),
      z.object({ periodKind: z.literal("fixedWithNotice"), periodStart: isoDate, periodEnd: isoDate, noticeMonths: months }),
      z.object({
        periodKind: z.literal("annualRenewal"),
        periodStart: isoDate,
        periodEnd: isoDate,
        periodCap: isoDate,
        noticeByMonth: z.coerce.number().int().min(1, "form.numberInvalid").max(12, "form.numberInvalid"),
        noticeByDay: z.coerce.number().int().min(1, "form.numberInvalid").max(31, "form.numberInvalid"),
      }),
      z.object({ periodKind: z.literal("renewingTerm"), periodStart: isoDate, periodEnd: isoDate, noticeMonths: months }),
    ],
    { error: "period.kindRequired" },
  )
  .transform((v): PeriodRule => {
    switch (v.periodKind) {
      case "fixed":
        return { kind: "fixed", start: v.periodStart, end: v.periodEnd };
      case "fixedWithNotice":
        return { kind: "fixedWithNotice", start: v.periodStart, end: v.periodEnd, noticeMonths: v.noticeMonths };
      case "annualRenewal":
        return {
          kind: "annualRenewal",
          start: v.periodStart,
          firstEnd: v.periodEnd,
          cap: v.periodCap,
          noticeBy: { month: v.noticeByMonth, day: v.noticeByDay },
        };
      case "renewingTerm":
        return { kind: "renewingTerm", start: v.periodStart, end: v.periodEnd, noticeMonths: v.noticeMonths };
    }
  })
  .superRefine((rule, ctx) => {
    for (const problem of validatePeriodRule(rule)) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: problem });
  });

const party = z.object({ name: text(200), orgNumber });

export const partnershipSchema = z
  .object({
    name: text(200),
    referenceNumber: optionalText(60),
    purpose: optionalText(4000),
    targetGroup: optionalText(2000),
    publicName: text(200),
    publicOrgNumber: orgNumber,
    // 004 §3's limits are the default; another agreement may set its own.
    publicMandates: z.coerce.number().int("form.numberInvalid").min(1, "form.numberInvalid").max(10, "form.numberInvalid").default(2),
    ideaMandates: z.coerce.number().int("form.numberInvalid").min(1, "form.numberInvalid").max(10, "form.numberInvalid").default(1),
  })
  .and(periodRule.transform((periodRule) => ({ periodRule })))
  .and(
    z.record(z.string(), z.unknown()).transform((raw, ctx) => {
      // Idea-based parties come as numbered rows; blank rows are ignored, at least one is needed.
      const ideaParties: { name: string; orgNumber: string }[] = [];
      let typed = 0;
      for (let i = 1; i <= IDEA_PARTY_ROWS; i++) {
        const name = String(raw[`ideaName${i}`] ?? "").trim();
        const number = String(raw[`ideaOrgNumber${i}`] ?? "").trim();
        if (!name && !number) continue;
        typed++;
        const parsed = party.safeParse({ name, orgNumber: number });
        if (parsed.success) ideaParties.push(parsed.data);
        else for (const issue of parsed.error.issues)
          ctx.addIssue({ code: "custom", path: [issue.path[0] === "name" ? `ideaName${i}` : `ideaOrgNumber${i}`], message: issue.message });
      }
      // A typed row with a mistake has its own error at the field; "at least one" is only for a form with none.
      if (typed === 0) ctx.addIssue({ code: "custom", path: ["ideaName1"], message: "partnership.ideaPartyRequired" });
      return { ideaParties };
    }),
  )
  .superRefine((v, ctx) => {
    const numbers = [v.publicOrgNumber, ...v.ideaParties.map((p) => p.orgNumber)];
    if (new Set(numbers).size !== numbers.length) ctx.addIssue({ code: "custom", path: ["publicOrgNumber"], message: "partnership.duplicateParty" });
  });

export type PartnershipInput = z.infer<typeof partnershipSchema>;
