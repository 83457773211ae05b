import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Pager, PastEnd } from "~/components/Pager";
import { PartnershipCards } from "~/components/PartnershipCards";
import { pageCount, pageOf } from "~/forms/input";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { PARTNERSHIPS_PAGE_SIZE, partnershipsPage } from "~/services/partnerships.server";

export const meta = titled("partnerships.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = pageOf(request);
  const { partnerships, total } = await partnershipsPage(context.db, user, page);
  return {
    isAdmin: user.isAdmin,
    page,
    pages: pageCount(total, PARTNERSHIPS_PAGE_SIZE),
    total,
    partnerships,
  };
}

/** Every partnership the user may see (all for the coordinator), by name, 20 a page: the overview shows the first page. */
export default function Partnerships() {
  const t = useT();
  const { isAdmin, page, pages, total, partnerships } = useLoaderData<typeof loader>();
  const href = (n: number) => (n > 1 ? `/partnerships?page=${n}` : "/partnerships");
  return (
    <div className="page">
      <h1>{t("partnerships.title")}</h1>
      {isAdmin ? (
        <p>
          <Link to="/partnerships/new">{t("partnership.newTitle")}</Link>
        </p>
      ) : null}
      {total === null ? (
        // No rows: none at all on page 1, else a page past the end (a stale link).
        page > 1 ? (
          <PastEnd page={page} first={href(1)} />
        ) : (
          <p className="empty">{t("home.noPartnerships")}</p>
        )
      ) : (
        <section aria-labelledby="partnerships-count">
          <h2 id="partnerships-count">{t("partnerships.count", { n: total })}</h2>
          <PartnershipCards partnerships={partnerships} />
          <Pager page={page} pages={pages ?? 1} href={href} label="partnerships.paging" />
        </section>
      )}
    </div>
  );
}
