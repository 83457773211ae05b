import { Link } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";

/** What a list says for a page past its last (a stale link), with the way back to the first. */
export function PastEnd({ page, first }: { page: number; first: string }) {
  const t = useT();
  return (
    <p className="empty">
      {t("paging.pastEnd", { page })} <Link to={first}>{t("paging.first")}</Link>
    </p>
  );
}

/**
 * Previous and next links for a list shown a page at a time, with where the reader is. Nothing
 * when everything fits on one page. `href(page)` keeps the list's other parameters.
 */
export function Pager({ page, pages, href, label }: { page: number; pages: number; href: (page: number) => string; label: MessageKey }) {
  const t = useT();
  if (pages <= 1) return null;
  return (
    <nav aria-label={t(label)} className="pager">
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev" aria-label={t("paging.previousLabel", { page: page - 1, pages })}>
          {`← ${t("paging.previous")}`}
        </Link>
      ) : null}
      <span aria-current="page">{t("paging.page", { page, pages })}</span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next" aria-label={t("paging.nextLabel", { page: page + 1, pages })}>
          {`${t("paging.next")} →`}
        </Link>
      ) : null}
    </nav>
  );
}
