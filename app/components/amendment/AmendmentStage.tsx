import { StatusBadge, type StatusTone } from "~/components/StatusBadge";
import type { AmendmentStage as Stage } from "~/domain/amendment";
import { useT } from "~/i18n/use-t";

const TONE: Record<Stage, StatusTone> = { draft: "neutral", partlySigned: "waiting", valid: "good" };

/** An amendment's stage as a badge: draft, partly signed (awaiting signatures) or valid. */
export function AmendmentStage({ stage }: { stage: Stage }) {
  const t = useT();
  return <StatusBadge tone={TONE[stage]}>{t(`amendment.stage.${stage}`)}</StatusBadge>;
}
