import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { notFound } from "~/auth/guards.server";
import { formatDateTime } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { latestMail } from "~/services/outbox.server";

export const meta = titled("devMail.title");

/** Development and test only: lets a developer (and the e2e suite) follow links that would be e-mailed. */
export async function loader({ context }: LoaderFunctionArgs) {
  if (!context.config.devPagesEnabled) throw notFound();
  const mails = await latestMail(context.db);
  return { mails: mails.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) };
}

export default function DevMail() {
  const t = useT();
  const locale = useLocale();
  const { mails } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("devMail.title")}</h1>
      <p>{t("devMail.intro")}</p>
      {mails.length === 0 ? <p className="empty">{t("devMail.empty")}</p> : null}
      {mails.map((m) => (
        <article key={m.id} className="card mail">
          <h2>{m.subject}</h2>
          <p className="muted">
            {t("devMail.to")}: {m.to} · {t("devMail.sent")}: {formatDateTime(m.createdAt, locale)}
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
