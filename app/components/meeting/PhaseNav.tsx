import { Link } from "@remix-run/react";
import { PHASES, type MeetingPhase } from "~/domain/meeting-phase";
import { useT } from "~/i18n/use-t";

/** Före, Under, Efter as links (`?fas=`), so they work without JavaScript; the phase the meeting is in is marked. */
export function PhaseNav({ meetingId, shown, current }: { meetingId: string; shown: MeetingPhase; current: MeetingPhase }) {
  const t = useT();
  return (
    <nav aria-label={t("phase.nav")} className="phase-nav">
      <ul>
        {PHASES.map((p) => (
          <li key={p}>
            <Link to={`/meetings/${meetingId}?fas=${p}`} aria-current={p === shown ? "page" : undefined} preventScrollReset>
              {t(`phase.${p}`)}
              {p === current ? ` ${t("phase.current")}` : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
