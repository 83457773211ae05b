import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { formatDateTime, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { isUuid } from "~/services/access.server";
import { meetingsFor } from "~/services/meetings.server";

export const meta = titled("meetings.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const url = new URL(request.url);
  const when = url.searchParams.get("when") === "past" ? "past" : "upcoming";
  const groupParam = url.searchParams.get("group") ?? undefined;
  const groupId = isUuid(groupParam) ? groupParam : undefined;
  const rows = await meetingsFor(context.db, user, { when, groupId });
  return {
    when,
    meetings: rows.map((m) => ({ ...m, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString() })),
  };
}

/** Upcoming or past meetings across the user's groups, as a list by month (a calendar read top to bottom). */
export default function Meetings() {
  const t = useT();
  const locale = useLocale();
  const { when, meetings } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const group = params.get("group");
  const months = new Map<string, typeof meetings>();
  const monthName = new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", { month: "long", year: "numeric", timeZone: "Europe/Stockholm" });
  for (const m of meetings) {
    const key = monthName.format(new Date(m.startsAt));
    months.set(key, [...(months.get(key) ?? []), m]);
  }
  const link = (w: string) => `/meetings?when=${w}${group ? `&group=${group}` : ""}`;
  return (
    <div className="page">
      <h1>{t("meetings.title")}</h1>
      <nav aria-label={t("meetings.views")} className="tabs">
        <Link to={link("upcoming")} aria-current={when === "upcoming" ? "page" : undefined}>
          {t("meetings.upcoming")}
        </Link>
        <Link to={link("past")} aria-current={when === "past" ? "page" : undefined}>
          {t("meetings.past")}
        </Link>
      </nav>
      {group && meetings[0] ? (
        <p>
          {t("meetings.filteredBy", { group: meetings[0].groupName })} <Link to={`/meetings?when=${when}`}>{t("meetings.showAll")}</Link>
        </p>
      ) : null}
      {meetings.length === 0 ? <p className="empty">{t(when === "past" ? "meetings.nonePast" : "meetings.noneUpcoming")}</p> : null}
      {[...months].map(([month, list]) => (
        <section key={month} aria-label={month}>
          <h2 className="month">{month}</h2>
          <ul className="meeting-list">
            {list.map((m) => (
              <li key={m.id} className={m.status === "cancelled" ? "cancelled" : undefined}>
                <time dateTime={m.startsAt}>{formatDateTime(m.startsAt, locale)}</time> <Link to={`/meetings/${m.id}`}>{m.title}</Link>{" "}
                <span className="muted">
                  · <Link to={`/meetings?when=${when}&group=${m.groupId}`}>{m.groupName}</Link> · {t(`meeting.status.${m.status}` as MessageKey)}
                  {m.kind === "extra" ? ` · ${t("meeting.kind.extra")}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
