import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Snippet } from "~/components/Snippet";
import { normaliseQuery, PER_KIND, SEARCH_KINDS } from "~/domain/search";
import type { MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { search } from "~/services/search.server";

export const meta = titled("search.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const query = normaliseQuery(new URL(request.url).searchParams.get("q"));
  const asked = new URL(request.url).searchParams.has("q");
  return { query, asked, results: query ? await search(context.db, user, query, context.locale) : null };
}

/** One search box over what the user may see, hits grouped by kind, best first, with the words found marked. */
export default function Search() {
  const t = useT();
  const { query, asked, results } = useLoaderData<typeof loader>();
  const groups = results ? SEARCH_KINDS.map((kind) => ({ kind, ...results[kind] })).filter((g) => g.hits.length) : [];
  const total = groups.reduce((n, g) => n + g.hits.length, 0);
  return (
    <div className="page search-page">
      <h1>{t("search.title")}</h1>
      <p>{t("search.intro")}</p>
      <Form method="get" action="/search" role="search" className="search-form">
        <label htmlFor="search-q">{t("search.label")}</label>
        <div className="search-row">
          <input id="search-q" type="search" name="q" defaultValue={query} maxLength={200} aria-describedby={asked && !query ? "search-empty" : undefined} />
          <button type="submit">{t("search.submit")}</button>
        </div>
      </Form>
      {asked && !query ? (
        <p id="search-empty" className="empty" role="status">
          {t("search.emptyQuery")}
        </p>
      ) : null}
      {query && total === 0 ? (
        <div role="status">
          <p className="empty">{t("search.none", { query })}</p>
          <p>{t("search.noneHint")}</p>
        </div>
      ) : null}
      {total ? (
        <section aria-labelledby="search-results">
          <h2 id="search-results">{t("search.resultsFor", { query })}</h2>
          <p role="status">{t("search.count", { n: total })}</p>
          {groups.map((g) => (
            <section key={g.kind} aria-labelledby={`search-kind-${g.kind}`} className="search-group">
              <h3 id={`search-kind-${g.kind}`}>
                {t(`search.kind.${g.kind}` as MessageKey)} <span className="count">({g.hits.length})</span>
              </h3>
              <ol className="search-hits">
                {g.hits.map((h) => (
                  <li key={h.id}>
                    <Link to={h.href}>{h.title}</Link>
                    <span className="search-context">
                      {h.context}
                      {h.variant && (g.kind === "minutes" || g.kind === "decision") ? ` · ${t(`search.${g.kind}.${h.variant}` as MessageKey)}` : null}
                      {h.variant && g.kind === "case" ? ` · ${t(`case.kind.${h.variant}` as MessageKey)}` : null}
                    </span>
                    <p className="snippet">
                      <Snippet text={h.snippet} />
                    </p>
                  </li>
                ))}
              </ol>
              {g.more ? <p className="muted">{t("search.more", { n: PER_KIND })}</p> : null}
            </section>
          ))}
        </section>
      ) : null}
    </div>
  );
}
