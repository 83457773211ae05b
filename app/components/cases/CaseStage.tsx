import { StatusBadge } from "~/components/StatusBadge";
import { isClosed, type CaseKind } from "~/domain/cases";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";

/** A case's stage as a badge, and "Försenad" beside it when the date it waits for has passed. */
export function CaseStage({ kind, stage, overdue = false }: { kind: CaseKind; stage: string; overdue?: boolean }) {
  const t = useT();
  return (
    <>
      <StatusBadge tone={isClosed(kind, stage) ? "neutral" : "info"}>{t(`case.stage.${kind}.${stage}` as MessageKey)}</StatusBadge>
      {overdue ? (
        <>
          {" "}
          <StatusBadge tone="bad">{t("case.overdue")}</StatusBadge>
        </>
      ) : null}
    </>
  );
}
