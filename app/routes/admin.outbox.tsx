import type { LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { notFound } from "~/auth/guards.server";
import { MailCard, REQUEUE_FETCHER } from "~/components/outbox/MailCard";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { latestMail, undeliveredMail } from "~/services/outbox.server";
import type { ActionData } from "~/services/result";

export const meta = titled("outbox.title");

const shown = (m: Awaited<ReturnType<typeof latestMail>>[number]) => ({
  id: m.id,
  to: m.to,
  subject: m.subject,
  body: m.body,
  status: m.status,
  attempts: m.attempts,
  lastError: m.lastError,
  createdAt: m.createdAt.toISOString(),
  nextAttemptAt: m.nextAttemptAt.toISOString(),
  sentAt: m.sentAt?.toISOString() ?? null,
});

/**
 * The mail Samråd has queued, invitation links included, and how its delivery went: system
 * administrators only, in every mode. Failed and uncertain mail comes first, to be sent again.
 * Unlike other admin pages an anonymous visitor is not sent to log in: the page does not exist for them.
 */
export async function loader({ context }: LoaderFunctionArgs) {
  if (!context.user?.isAdmin) throw notFound();
  const [mails, stuck] = await Promise.all([latestMail(context.db), undeliveredMail(context.db)]);
  return { mails: mails.map(shown), stuck: stuck.map(shown), deliveryOff: !context.config.smtpUrl || !context.config.jobs };
}

export default function Outbox() {
  const t = useT();
  const { mails, stuck, deliveryOff } = useLoaderData<typeof loader>();
  const requeued = useFetcher<ActionData>({ key: REQUEUE_FETCHER }).data;
  return (
    <div className="page">
      <h1>{t("outbox.title")}</h1>
      <p>{t("outbox.intro")}</p>
      <ActionMessages data={requeued} />
      {deliveryOff ? <p className="alert alert-info">{t("outbox.deliveryOff")}</p> : null}
      {stuck.length ? (
        <section aria-labelledby="outbox-attention">
          <h2 id="outbox-attention">{t("outbox.attention")}</h2>
          <p>{t("outbox.attentionIntro")}</p>
          {stuck.map((m) => (
            <MailCard key={m.id} mail={m} headingLevel={3} canRequeue />
          ))}
        </section>
      ) : null}
      {mails.length === 0 ? <p className="empty">{t("outbox.empty")}</p> : null}
      {mails.map((m) => (
        <MailCard key={m.id} mail={m} headingLevel={2} />
      ))}
    </div>
  );
}
