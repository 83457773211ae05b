import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { ActionMessages } from "~/components/ActionMessages";
import { formatDateTime } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { notificationsOf } from "~/services/notify.server";
import type { ActionData } from "~/services/result";

export const meta = titled("todo.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return { items: await notificationsOf(context.db, user.id, user.locale) };
}

/** What waits for the user and what happened in their partnerships, unread first marked; each read on its own or all at once. */
export default function Todo() {
  const t = useT();
  const locale = useLocale();
  const { items } = useLoaderData<typeof loader>();
  const marking = useFetcher<ActionData>();
  const unread = items.filter((i) => !i.read).length;
  return (
    <div className="page">
      <h1>{t("todo.title")}</h1>
      <p>{t("todo.intro")}</p>
      <ActionMessages data={marking.data} />
      {items.length === 0 ? <p className="empty">{t("todo.empty")}</p> : null}
      {unread ? (
        <marking.Form method="post" action="/todo/read">
          <input type="hidden" name="all" value="1" />
          <button type="submit" className="button-secondary">
            {t("todo.markAllRead")}
          </button>
        </marking.Form>
      ) : null}
      <ul className="todo-list">
        {items.map((i) => (
          <li key={i.id} className={i.read ? "todo-read" : "todo-unread"}>
            {i.read ? null : <strong className="badge">{t("todo.unread")}</strong>} <Link to={i.link}>{i.line}</Link>{" "}
            <span className="muted">
              {formatDateTime(i.createdAt, locale)}
              {i.dueOn ? ` · ${t("todo.due", { date: i.dueOn })}` : null}
            </span>
            {i.read ? null : (
              <marking.Form method="post" action="/todo/read" className="inline-form">
                <input type="hidden" name="id" value={i.id} />
                <button type="submit" className="link-button" aria-label={`${t("todo.markRead")}: ${i.line}`}>
                  {t("todo.markRead")}
                </button>
              </marking.Form>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
