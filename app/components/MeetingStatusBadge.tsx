import type { MeetingStage } from "~/domain/meeting-phase";
import { useT } from "~/i18n/use-t";
import { StatusBadge, type StatusTone } from "./StatusBadge";

// Done is good, waiting on the adjusters is waiting, a cancelled meeting is bad (decision 022: derived, never stored).
const TONE: Record<MeetingStage, StatusTone> = { draft: "neutral", convened: "info", held: "good", for_approval: "waiting", final: "good", cancelled: "bad" };

/** Where a meeting stands, on its page and wherever it is listed, in words and colour. */
export function MeetingStatusBadge({ stage }: { stage: MeetingStage }) {
  const t = useT();
  return <StatusBadge tone={TONE[stage]}>{t(`meeting.stage.${stage}`)}</StatusBadge>;
}
