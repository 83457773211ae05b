import { Link, useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { Field } from "~/components/Field";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";
import type { MeetingPage } from "./page-data";

/** The convener's buttons: send the notice, edit, cancel (with a reason, confirmed). */
export function MeetingActions({ meeting: m, can }: Pick<MeetingPage, "meeting" | "can">) {
  const t = useT();
  const notice = useFetcher<ActionData>();
  const cancel = useFetcher<ActionData>();
  if (!can.sendNotice && !can.edit && !can.cancel) return null;
  return (
    <>
      <ActionMessages data={notice.data} />
      <ActionMessages data={cancel.data} />
      <div className="actions">
        {can.sendNotice ? (
          <notice.Form method="post" action={`/meetings/${m.id}/notice`}>
            <button type="submit">{t("meeting.sendNotice")}</button>
          </notice.Form>
        ) : null}
        {can.edit ? (
          <Link to={`/meetings/${m.id}/edit`} className="button-link secondary">
            {t("meeting.edit")}
          </Link>
        ) : null}
        {can.cancel ? (
          <details open={Boolean(cancel.data)}>
            <summary>{t("meeting.cancel")}</summary>
            <cancel.Form method="post" action={`/meetings/${m.id}/cancel`} className="stack">
              <p>{t(m.status === "noticed" ? "meeting.cancelWarnNoticed" : "meeting.cancelWarn")}</p>
              <Field name="reason" id="f-cancel-reason" label={t("meeting.cancelReason")} required error={cancel.data?.fieldErrors.reason} />
              <button type="submit" className="danger">
                {t("meeting.cancelConfirm")}
              </button>
            </cancel.Form>
          </details>
        ) : null}
      </div>
    </>
  );
}
