import { Link, useFetcher, useLocation, useNavigate } from "@remix-run/react";
import { useEffect } from "react";
import { ActionMessages } from "~/components/ActionMessages";
import { Field, FormAlert, Notice, TextArea } from "~/components/Field";
import { formatDateTime, type MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";
import type { MeetingPage } from "./page-data";
import { QuotedHits } from "~/components/minutes/QuotedHits";

/** Sending for approval, approving, and what happens after: the approval block of Swedish minutes. */
export function Justering({ meeting: d }: { meeting: MeetingPage }) {
  const t = useT();
  const locale = useLocale();
  const { minutes } = d;
  const fetcher = useFetcher<ActionData>();
  const result = fetcher.data;
  const action = `/meetings/${d.meeting.id}/justering`;
  const error = result?.fieldErrors.adjuster ?? result?.fieldErrors.approve ?? result?.fieldErrors.refused;
  const hits = (result?.details?.hits ?? []) as { text: string; context: string }[];
  const navigate = useNavigate();
  const location = useLocation();
  // Sent for approval: the meeting is now in its after phase, and the page follows it there, still saying so.
  useEffect(() => {
    if (result?.done === "justering.sent") navigate(`/meetings/${d.meeting.id}?fas=efter`, { state: { done: result.done } });
  }, [result, navigate, d.meeting.id]);
  const done = result?.done ?? (location.state as { done?: MessageKey } | null)?.done;
  return (
    <div className="justering">
      <h3>{t("justering.title")}</h3>
      <Notice message={done ? t(done) : undefined} />
      {error && error !== "justering.personnummer" ? <FormAlert message={t(error)} /> : null}
      {d.can.sendForApproval ? (
        <fetcher.Form method="post" action={action} className="stack">
          <input type="hidden" name="intent" value="forApproval" />
          <fieldset>
            <legend>{t("justering.chooseAdjusters")}</legend>
            {d.people
              .filter((p) => p.role !== "observer" && p.userId !== d.me)
              .map((p) => (
                <label key={p.userId} className="check">
                  <input type="checkbox" name="adjuster" value={p.userId} /> {p.name} ({p.partyName})
                </label>
              ))}
          </fieldset>
          <button type="submit">{t("justering.send")}</button>
        </fetcher.Form>
      ) : null}
      {minutes.status !== "draft" ? (
        <ul className="approvers">
          {minutes.approvers.map((a, i) => (
            <li key={i}>
              {t(a.role === "chair" ? "justering.chair" : "justering.adjuster")}: {a.name} —{" "}
              {a.approvedAt ? t("justering.approvedAt", { date: formatDateTime(a.approvedAt, locale) }) : t("justering.waiting")}
            </li>
          ))}
        </ul>
      ) : null}
      {hits.length ? (
        <div className="alert alert-error" role="alert">
          <p>{t("justering.personnummerFound")}</p>
          <QuotedHits quotes={hits.map((h) => h.context)} />
        </div>
      ) : null}
      {d.can.approveMinutes ? (
        <fetcher.Form method="post" action={action} className="stack">
          <input type="hidden" name="intent" value="approve" />
          {hits.length && minutes.isMinutesChair ? (
            <Field name="reason" id="f-keep-reason" label={t("justering.keepReason")} hint={t("justering.keepReasonHint")} required />
          ) : null}
          <button type="submit">{t("justering.approve")}</button>
        </fetcher.Form>
      ) : null}
      {minutes.status === "final" ? (
        <p>
          <Link to={`/meetings/${d.meeting.id}/minutes`}>{t("justering.printable")}</Link> ·{" "}
          <a href={`/meetings/${d.meeting.id}/minutes.md`} download>
            {t("justering.downloadMarkdown")}
          </a>{" "}
          ·{" "}
          <a href={`/meetings/${d.meeting.id}/minutes.html`} download>
            {t("justering.downloadHtml")}
          </a>
        </p>
      ) : null}
      {minutes.status === "final" ? <Corrections meeting={d} /> : null}
      <p>
        <Link to={`/meetings/${d.meeting.id}/minutes/versions`}>{t("justering.versions")}</Link>
      </p>
    </div>
  );
}

/** Notes appended to approved minutes, each approved by the same people as the minutes. */
function Corrections({ meeting: d }: { meeting: MeetingPage }) {
  const t = useT();
  const locale = useLocale();
  const canAct = d.can.correctMinutes;
  const fetcher = useFetcher<ActionData>();
  const action = `/meetings/${d.meeting.id}/corrections`;
  return (
    <section aria-labelledby="corrections-h">
      <h3 id="corrections-h">{t("correction.title")}</h3>
      <ActionMessages data={fetcher.data} />
      {d.minutes.corrections.length === 0 ? <p className="empty">{t("correction.none")}</p> : null}
      <ol>
        {d.minutes.corrections.map((c) => (
          <li key={c.id}>
            <p className="prewrap">{c.text}</p>
            <p className="muted">
              {t("correction.by", { name: c.author, date: formatDateTime(c.createdAt, locale) })} ·{" "}
              {c.approved ? t("correction.approvedBy", { names: c.approvedBy.join(", ") }) : t("correction.pending", { names: c.approvedBy.join(", ") })}
            </p>
            {!c.approved && !c.mine && canAct ? (
              <fetcher.Form method="post" action={action}>
                <input type="hidden" name="intent" value="approveCorrection" />
                <input type="hidden" name="correctionId" value={c.id} />
                <button type="submit" className="small">
                  {t("correction.approve")}
                </button>
              </fetcher.Form>
            ) : null}
          </li>
        ))}
      </ol>
      {canAct ? (
        <details open={Boolean(fetcher.data?.fieldErrors.text)}>
          <summary>{t("correction.add")}</summary>
          <fetcher.Form method="post" action={action} className="stack">
            <input type="hidden" name="intent" value="correction" />
            <TextArea name="text" label={t("correction.text")} hint={t("correction.hint")} required error={fetcher.data?.fieldErrors.text} />
            <button type="submit">{t("correction.submit")}</button>
          </fetcher.Form>
        </details>
      ) : null}
    </section>
  );
}
