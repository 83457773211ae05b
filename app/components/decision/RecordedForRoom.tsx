import { useT } from "~/i18n/use-t";

/** A position the chair recorded in the room; the approved minutes confirm it (decision 022). */
export function RecordedForRoom({ minutesFinal }: { minutesFinal: boolean }) {
  const t = useT();
  return (
    <>
      <span className="badge recorded">{t("room.recordedByChair")}</span>
      {minutesFinal ? (
        <>
          {" "}
          <span className="badge confirmed">{t("room.confirmed")}</span>
        </>
      ) : null}
    </>
  );
}
