import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { formatDateTime, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { requirePartnershipAccess } from "~/services/access.server";
import { partnershipHistory } from "~/services/history.server";
import { TableScroll } from "~/components/DataTable";

export const meta = titled("history.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  await requirePartnershipAccess(context.db, user, params.id!);
  const rows = await partnershipHistory(context.db, params.id!);
  return { rows: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
}

/** Append-only: who did what, when. The details are shown as recorded. */
export default function History() {
  const t = useT();
  const locale = useLocale();
  const { rows } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("history.title")}</h1>
      {rows.length === 0 ? <p className="empty">{t("history.empty")}</p> : null}
      {rows.length ? (
        <TableScroll label={t("history.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("history.when")}</th>
                <th scope="col">{t("history.who")}</th>
                <th scope="col">{t("history.what")}</th>
                <th scope="col">{t("history.details")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.at, locale)}</td>
                  <td>{r.actor ?? "—"}</td>
                  <td>{t(`audit.${r.action}` as MessageKey)}</td>
                  <td className="details">
                    {Object.entries(r.details)
                      .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
                      .join("; ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </div>
  );
}
