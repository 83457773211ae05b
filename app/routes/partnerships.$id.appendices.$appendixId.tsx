import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guards.server";
import { formatDateTime } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { isUuid, requirePartnershipAccess } from "~/services/access.server";
import { appendixHistory } from "~/services/appendices.server";

export const meta = titled("appendix.historyTitle");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  await requirePartnershipAccess(context.db, user, params.id!);
  if (!isUuid(params.appendixId)) throw notFound();
  const found = await appendixHistory(context.db, params.id!, params.appendixId);
  if (!found) throw notFound();
  return { id: params.id!, ...found, versions: found.versions.map((v) => ({ ...v, changedAt: v.changedAt.toISOString() })) };
}

/** Every version of one appendix, newest first, each with who changed it, when and why. */
export default function AppendixHistory() {
  const t = useT();
  const locale = useLocale();
  const { id, appendix, versions } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p>
        <Link to={`/partnerships/${id}/appendices`}>{t("appendix.back")}</Link>
      </p>
      <h1>
        {appendix.title} <span className="muted">({appendix.partyName})</span>
      </h1>
      <ol reversed className="versions">
        {versions.map((v) => (
          <li key={v.version}>
            <h2>{t("appendix.versionLine", { version: v.version, date: formatDateTime(v.changedAt, locale), by: v.changedBy })}</h2>
            <p>
              <strong>{t("appendix.reason")}:</strong> {v.reason}
            </p>
            <div className="prewrap">{v.commitments}</div>
          </li>
        ))}
      </ol>
    </div>
  );
}
