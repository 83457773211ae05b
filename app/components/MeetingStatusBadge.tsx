import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { StatusBadge, type StatusTone } from "./StatusBadge";

const TONE: Partial<Record<string, StatusTone>> = { draft: "neutral", noticed: "info", cancelled: "bad" };

/** A meeting's status in a list, as a badge; a status without its own colour reads as neutral. */
export function MeetingStatusBadge({ status }: { status: string }) {
  const t = useT();
  return <StatusBadge tone={TONE[status] ?? "neutral"}>{t(`meeting.status.${status}` as MessageKey)}</StatusBadge>;
}
