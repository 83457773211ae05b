import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { notFound } from "~/auth/guards.server";
import { formatDateTime } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { latestMail } from "~/services/outbox.server";

export const meta = titled("outbox.title");

/**
 * The mail Samråd has queued, invitation links included: system administrators only, in every mode.
 * Unlike other admin pages an anonymous visitor is not sent to log in: the page does not exist for them.
 */
export async function loader({ context }: LoaderFunctionArgs) {
  if (!context.user?.isAdmin) throw notFound();
  const mails = await latestMail(context.db);
  return { mails: mails.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) };
}

export default function Outbox() {
  const t = useT();
  const locale = useLocale();
  const { mails } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("outbox.title")}</h1>
      <p>{t("outbox.intro")}</p>
      {mails.length === 0 ? <p className="empty">{t("outbox.empty")}</p> : null}
      {mails.map((m) => (
        <article key={m.id} className="card mail">
          <h2>{m.subject}</h2>
          <p className="muted">
            {t("outbox.to")}: {m.to} · {t("outbox.sent")}: {formatDateTime(m.createdAt, locale)}
          </p>
          <pre>
            {m.body.split(/(https?:\/\/\S+)/).map((part, i) => (
              <Fragment key={i}>{i % 2 === 1 ? <a href={part}>{part}</a> : part}</Fragment>
            ))}
          </pre>
        </article>
      ))}
    </div>
  );
}
