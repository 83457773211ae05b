import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { rowIdParam } from "~/forms/input";
import { queryParam } from "~/http/query.server";
import { formatDateTime } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { requireMeetingAccess } from "~/services/meeting-access.server";
import { minutesVersion, minutesVersionList } from "~/services/minutes.server";

export const meta = titled("versions.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { meeting } = await requireMeetingAccess(context.db, user, params.id);
  const list = await minutesVersionList(context.db, meeting.id);
  const shown = queryParam(request, "v", rowIdParam) ?? list[0]?.id;
  const version = shown ? await minutesVersion(context.db, meeting.id, shown) : null;
  return {
    meetingId: meeting.id,
    versions: list.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    shown: version && { id: version.id, kind: version.kind, html: version.html, createdAt: version.createdAt.toISOString() },
  };
}

/** Drafts saved at the end of each editing session, and the final minutes. */
export default function MinutesVersions() {
  const t = useT();
  const locale = useLocale();
  const { meetingId, versions, shown } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p>
        <Link to={`/meetings/${meetingId}`}>{t("meeting.back")}</Link>
      </p>
      <h1>{t("versions.title")}</h1>
      {versions.length === 0 ? <p className="empty">{t("versions.empty")}</p> : null}
      <ol reversed>
        {versions.map((v) => (
          <li key={v.id}>
            <Link to={`?v=${v.id}`} aria-current={shown?.id === v.id ? "true" : undefined}>
              {t(v.kind === "final" ? "versions.final" : "versions.draft")}, {formatDateTime(v.createdAt, locale)}
            </Link>
          </li>
        ))}
      </ol>
      {shown ? (
        <section aria-label={`${t(shown.kind === "final" ? "versions.final" : "versions.draft")}, ${formatDateTime(shown.createdAt, locale)}`}>
          <div className="version-body minutes-body" dangerouslySetInnerHTML={{ __html: shown.html }} />
        </section>
      ) : null}
    </div>
  );
}
