import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { HISTORY_KINDS, historySentence, kindOf } from "~/domain/history";
import { parseHistoryFilter } from "~/forms/history-filter";
import { historyQuery } from "~/forms/history-query";
import { formatDateTime, translator, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { requirePartnershipAccess } from "~/services/access.server";
import { HISTORY_PAGE_SIZE, partnershipHistory } from "~/services/history.server";

export const meta = titled("history.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  await requirePartnershipAccess(context.db, user, params.id!);
  const { filter, errors } = parseHistoryFilter(new URL(request.url).searchParams);
  const { rows, total, people, names } = await partnershipHistory(context.db, params.id!, filter);
  const t = translator(context.locale);
  return {
    csv: `/partnerships/${params.id}/history.csv${historyQuery(filter)}`,
    filter,
    errors,
    total,
    pages: Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE)),
    people,
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      kind: kindOf(r.action),
      sentence: historySentence(t, context.locale, r, names),
      raw: JSON.stringify({ id: r.id, at: r.at.toISOString(), actorId: r.actorId, actor: r.actor, action: r.action, subject: r.subject, details: r.details }, null, 2),
    })),
  };
}

/** The audit trail read as sentences, filtered by kind, person and period, 50 a page; each entry's stored record on demand. */
export default function History() {
  const t = useT();
  const locale = useLocale();
  const { csv, filter, errors, total, pages, people, entries } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("history.title")}</h1>
      <p>{t("history.intro")}</p>
      <Form method="get" className="history-filters" aria-label={t("history.filters")}>
        <div className="field">
          <label htmlFor="history-kind">{t("history.kind")}</label>
          <select id="history-kind" name="kind" defaultValue={filter.kind ?? ""}>
            <option value="">{t("history.kind.all")}</option>
            {HISTORY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`history.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="history-person">{t("history.person")}</label>
          <select id="history-person" name="person" defaultValue={filter.personId ?? ""}>
            <option value="">{t("history.person.all")}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        {(["from", "to"] as const).map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`history-${name}`}>{t(`history.${name}`)}</label>
            <input
              id={`history-${name}`}
              type="date"
              name={name}
              defaultValue={filter[name] ?? ""}
              aria-invalid={errors[name] ? true : undefined}
              aria-describedby={errors[name] ? `history-${name}-error` : undefined}
            />
            {errors[name] ? (
              <p className="field-error" id={`history-${name}-error`}>
                {t("history.badDate")}
              </p>
            ) : null}
          </div>
        ))}
        <div className="history-filter-actions">
          <button type="submit">{t("history.apply")}</button>
          <Link to=".">{t("history.reset")}</Link>
        </div>
      </Form>
      <p className="history-summary">
        <span role="status">{t("history.count", { n: total })}</span>
        {total ? (
          <>
            {" · "}
            <a href={csv} download>
              {t("history.csv")}
            </a>
          </>
        ) : null}
      </p>
      {total === 0 ? <p className="empty">{t(filter.kind || filter.personId || filter.from || filter.to ? "history.none" : "history.empty")}</p> : null}
      <ol className="history-list">
        {entries.map((e) => (
          <li key={e.id} className={`history-entry history-${e.kind}`}>
            <time dateTime={e.at}>{formatDateTime(e.at, locale)}</time>
            <p className="history-sentence">{e.sentence}</p>
            <details>
              <summary>{t("history.raw")}</summary>
              <pre aria-label={t("history.rawLabel", { what: e.sentence })} tabIndex={0}>
                {e.raw}
              </pre>
            </details>
          </li>
        ))}
      </ol>
      {pages > 1 ? (
        <nav aria-label={t("history.paging")} className="pager">
          {filter.page > 1 ? <Link to={historyQuery(filter, filter.page - 1) || "."}>{`← ${t("history.newer")}`}</Link> : null}
          <span>{t("history.page", { page: filter.page, pages })}</span>
          {filter.page < pages ? <Link to={historyQuery(filter, filter.page + 1)}>{`${t("history.older")} →`}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
