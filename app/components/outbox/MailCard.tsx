import { useFetcher } from "@remix-run/react";
import { Fragment } from "react";
import { formatDateTime } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";

/** The requeue forms share one fetcher: the page shows its answer above the lists, since the mail leaves the list it was sent from. */
export const REQUEUE_FETCHER = "outbox-requeue";

export interface OutboxMail {
  id: number;
  to: string;
  subject: string;
  body: string;
  status: "pending" | "sending" | "sent" | "failed" | "uncertain";
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
  lastError: string | null;
}

/** One mail: who it is for, how far delivery got, its text; in the list needing attention it can be sent again, after a confirmation. */
export function MailCard({ mail: m, headingLevel, canRequeue = false }: { mail: OutboxMail; headingLevel: 2 | 3; canRequeue?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const requeue = useFetcher<ActionData>({ key: REQUEUE_FETCHER });
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card mail">
      <Heading>{m.subject}</Heading>
      <p className="muted">
        {t("outbox.to")}: {m.to} · {t("outbox.queued")}: {formatDateTime(m.createdAt, locale)}
      </p>
      <p>
        <strong>{t("outbox.status")}:</strong> {t(`outbox.status.${m.status}`)}
        {m.sentAt ? ` · ${formatDateTime(m.sentAt, locale)}` : null}
        {m.attempts > 0 && m.status !== "sent" ? ` · ${t("outbox.attempts")}: ${m.attempts}` : null}
        {m.status === "pending" && m.attempts > 0 ? ` · ${t("outbox.nextAttempt")}: ${formatDateTime(m.nextAttemptAt, locale)}` : null}
      </p>
      {m.lastError && m.status !== "sent" ? (
        <p>
          <strong>{t("outbox.lastError")}:</strong> {m.lastError}
        </p>
      ) : null}
      {canRequeue ? (
        <details>
          <summary>{t("outbox.requeue")}</summary>
          <requeue.Form method="post" action="/admin/outbox/requeue" className="stack">
            <input type="hidden" name="id" value={m.id} />
            <p>{t(m.status === "uncertain" ? "outbox.requeueWarnUncertain" : "outbox.requeueWarnFailed")}</p>
            <button type="submit">{t("outbox.requeueConfirm")}</button>
          </requeue.Form>
        </details>
      ) : null}
      <pre>
        {m.body.split(/(https?:\/\/\S+)/).map((part, i) => (
          <Fragment key={i}>{i % 2 === 1 ? <a href={part}>{part}</a> : part}</Fragment>
        ))}
      </pre>
    </article>
  );
}
