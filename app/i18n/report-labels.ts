import { fieldOf, type ReportingRule } from "~/domain/reporting-rule";
import type { Translate } from "./index";

const GENDER = { Women: "report.gender.women", Men: "report.gender.men", Other: "report.gender.other" } as const;

/** A report figure's label: the statistic, and the gender when it is split ("Stödsamtal: kvinnor"). */
export function statisticLabel(t: Translate, field: string): string {
  const { key, gender } = fieldOf(field);
  const name = t(`report.stat.${key}` as Parameters<Translate>[0]);
  return gender ? t("report.genderOf", { statistic: name, gender: t(GENDER[gender]).toLowerCase() }) : name;
}

/** The rule in plain words, one sentence per part: when it is due, what it holds, what goes with it, who approves the accounts. */
export function ruleSentences(t: Translate, rule: ReportingRule, year: number, dueOn: string | null): string[] {
  const list = (items: string[]) => items.join(", ");
  return [
    dueOn ? t("report.rule.due", { year, date: dueOn }) : t("report.rule.noDue"),
    rule.narrative ? t("report.rule.narrative") : null,
    rule.statistics.length
      ? t("report.rule.statistics", {
          list: list(rule.statistics.map((k) => t(`report.stat.${k}`) + (rule.byGender.includes(k) ? ` ${t("report.rule.byGender")}` : ""))),
        })
      : t("report.rule.noStatistics"),
    rule.attachments.length ? t("report.rule.attachments", { list: list(rule.attachments.map((k) => t(`report.attachment.${k}`))) }) : null,
    rule.financial ? t("report.rule.financial") : null,
    rule.accountsApproval ? t("report.rule.accountsApproval") : null,
  ].filter((s): s is string => s !== null);
}
