import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";

/** A member's answer to the notice. */
export function Rsvp({ meetingId, answer }: { meetingId: string; answer: "attending" | "declined" | null }) {
  const t = useT();
  const fetcher = useFetcher<ActionData>();
  return (
    <section aria-labelledby="rsvp-h">
      <h2 id="rsvp-h">{t("rsvp.title")}</h2>
      <ActionMessages data={fetcher.data} />
      <p>{answer ? t(answer === "attending" ? "rsvp.youAttend" : "rsvp.youDecline") : t("rsvp.notAnswered")}</p>
      <fetcher.Form method="post" action={`/meetings/${meetingId}/rsvp`} className="actions">
        <button type="submit" name="rsvp" value="attending">
          {t("rsvp.attend")}
        </button>
        <button type="submit" name="rsvp" value="declined" className="secondary">
          {t("rsvp.decline")}
        </button>
      </fetcher.Form>
    </section>
  );
}
