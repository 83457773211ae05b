import type { MeetingStage } from "~/domain/meeting-phase";
import { useT } from "~/i18n/use-t";

/** Where the meeting stands, in words and colour (decision 022: derived, never stored). */
export function StageBadge({ stage }: { stage: MeetingStage }) {
  const t = useT();
  return <span className={`badge stage stage-${stage}`}>{t(`meeting.stage.${stage}`)}</span>;
}
