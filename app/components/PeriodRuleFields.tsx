import { useState } from "react";
import type { PeriodRule } from "~/domain/period";
import type { FieldErrors } from "~/forms/parse";
import { useT } from "~/i18n/use-t";
import { Field, SelectField } from "./Field";

const KINDS = ["fixed", "fixedWithNotice", "annualRenewal", "renewingTerm"] as const;

/** The form fields' values (as submitted) for a stored rule. */
export type PeriodValues = Partial<Record<"periodKind" | "periodStart" | "periodEnd" | "periodCap" | "noticeByMonth" | "noticeByDay" | "noticeMonths", string>>;

export function periodValues(rule: PeriodRule | null): PeriodValues {
  if (!rule) return {};
  const base = { periodKind: rule.kind, periodStart: rule.start ?? undefined };
  switch (rule.kind) {
    case "fixed":
      return { ...base, periodEnd: rule.end };
    case "fixedWithNotice":
    case "renewingTerm":
      return { ...base, periodEnd: rule.end, noticeMonths: String(rule.noticeMonths) };
    case "annualRenewal":
      return { ...base, periodEnd: rule.firstEnd, periodCap: rule.cap, noticeByMonth: String(rule.noticeBy.month), noticeByDay: String(rule.noticeBy.day) };
  }
}

/**
 * The four period shapes as form fields, for a new partnership and for an amendment. With
 * `optional`, an empty choice means "no change to the period".
 */
export function PeriodRuleFields({ values, errors, optional = false }: { values: PeriodValues; errors: FieldErrors; optional?: boolean }) {
  const t = useT();
  const [kind, setKind] = useState<string>(values.periodKind ?? (optional ? "" : "fixed"));
  const options = KINDS.map((k) => ({ value: k, label: t(`periodKind.${k}`) }));
  return (
    <fieldset>
      <legend>{t(optional ? "amendment.periodLegend" : "partnership.period")}</legend>
      <SelectField
        name="periodKind"
        label={t("partnership.periodKind")}
        hint={optional ? t("amendment.periodHint") : undefined}
        value={kind}
        onChange={(ev) => setKind(ev.target.value)}
        options={optional ? [{ value: "", label: t("amendment.periodNone") }, ...options] : options}
        error={errors.periodKind}
      />
      {kind ? (
        <div className="row">
          <Field name="periodStart" type="date" label={t("partnership.periodStart")} required defaultValue={values.periodStart} error={errors.periodStart} />
          <Field
            name="periodEnd"
            type="date"
            label={t(kind === "annualRenewal" ? "partnership.periodFirstEnd" : "partnership.periodEnd")}
            required
            defaultValue={values.periodEnd}
            error={errors.periodEnd}
          />
        </div>
      ) : null}
      {kind === "annualRenewal" ? (
        <div className="row">
          <Field name="periodCap" type="date" label={t("partnership.periodCap")} required defaultValue={values.periodCap} error={errors.periodCap} />
          <Field name="noticeByMonth" type="number" min={1} max={12} label={t("partnership.noticeByMonth")} defaultValue={values.noticeByMonth ?? "9"} error={errors.noticeByMonth} />
          <Field name="noticeByDay" type="number" min={1} max={31} label={t("partnership.noticeByDay")} defaultValue={values.noticeByDay ?? "30"} error={errors.noticeByDay} />
        </div>
      ) : null}
      {kind === "fixedWithNotice" || kind === "renewingTerm" ? (
        <Field
          name="noticeMonths"
          type="number"
          min={1}
          max={36}
          label={t(kind === "renewingTerm" ? "partnership.noticeMonthsBeforeEnd" : "partnership.noticeMonths")}
          defaultValue={values.noticeMonths ?? (kind === "renewingTerm" ? "9" : "6")}
          error={errors.noticeMonths}
        />
      ) : null}
    </fieldset>
  );
}

/** "Förlängning per kalenderår: 2025-04-01 – 2027-12-31" — the rule in one line. */
export function PeriodRuleText({ rule }: { rule: PeriodRule }) {
  const t = useT();
  const end = rule.kind === "annualRenewal" ? rule.cap : rule.end;
  return <>{t("amendment.periodRuleText", { kind: t(`periodKind.${rule.kind}`), start: rule.start ?? t("period.startUnknown"), end })}</>;
}
