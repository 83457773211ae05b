import { useEffect, useState } from "react";
import { useT } from "~/i18n/use-t";
import type { MinutesEditor, Participant } from "./MinutesEditor.client";

/** The editor needs the browser (WebSocket, DOM selection): it loads after hydration. */
export function LiveMinutes(props: { meetingId: string; me: Participant; editable: boolean }) {
  const t = useT();
  const [Editor, setEditor] = useState<typeof MinutesEditor | null>(null);
  useEffect(() => {
    void import("./MinutesEditor.client").then((m) => setEditor(() => m.MinutesEditor));
  }, []);
  return Editor ? <Editor {...props} /> : <p className="muted">{t("minutes.loading")}</p>;
}

// Dark enough for white caret labels (contrast ≥ 4.5:1); chosen by user so a person keeps a colour.
const COLOURS = ["#1d4f91", "#7a1f5c", "#0b6e4f", "#8a4b00", "#5b2a86", "#a4161a", "#00607a", "#3d5a00"];

export function participantColour(userId: string): string {
  let h = 0;
  for (const c of userId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return COLOURS[h % COLOURS.length];
}
