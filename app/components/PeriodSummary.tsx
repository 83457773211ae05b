import type { PeriodStatus } from "~/domain/period";
import { useT } from "~/i18n/use-t";

/** The agreement period in plain words: "Löper till 2027-12-31. Sista dag att säga upp: 2026-09-30." */
export function PeriodSummary({ status, on }: { status: PeriodStatus | null; on: string }) {
  const t = useT();
  if (!status) return <p className="muted">{t("period.none")}</p>;
  const sentences: string[] = [];
  if (status.running) {
    sentences.push(t("period.runsUntil", { end: status.currentPeriodEnd! }));
    if (status.end && status.end !== status.currentPeriodEnd) sentences.push(t("period.renewsUntil", { cap: status.end }));
    if (!status.end) sentences.push(t("period.renewsIndefinitely"));
  } else {
    sentences.push(status.start && on < status.start ? t("period.notStarted", { start: status.start }) : t("period.ended", { end: status.end ?? "" }));
  }
  if (!status.start) sentences.push(t("period.startNotStated"));
  if (status.noticeDeadline) sentences.push(t("period.noticeDeadline", { date: status.noticeDeadline }));
  if (status.running && status.endIfNoticeToday) sentences.push(t("period.endIfNoticeToday", { date: status.endIfNoticeToday }));
  return <p className="period-summary">{sentences.join(" ")}</p>;
}
