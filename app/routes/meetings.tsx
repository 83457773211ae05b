import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { meetingStage } from "~/domain/meeting-phase";
import { monthGrid, shiftMonth } from "~/domain/month-grid";
import { stockholmDate, stockholmInstant } from "~/domain/stockholm-date";
import { monthParam, pageCount, pageOf } from "~/forms/input";
import { queryParam } from "~/http/query.server";
import { formatDateTime } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { isUuid } from "~/services/access.server";
import { meetingsFor } from "~/services/meetings.server";
import { TableScroll } from "~/components/DataTable";
import { MeetingStatusBadge } from "~/components/MeetingStatusBadge";
import { Pager, PastEnd } from "~/components/Pager";

export const meta = titled("meetings.title");

type View = "upcoming" | "past" | "month";

/** Upcoming and past meetings are listed this many a page. */
const MEETINGS_PAGE_SIZE = 50;
/** A month's calendar shows at most this many meetings, and says so when there are more. */
const MONTH_MOST = 500;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const url = new URL(request.url);
  const param = url.searchParams.get("view") ?? url.searchParams.get("when");
  const view: View = param === "past" || param === "month" ? param : "upcoming";
  const groupParam = url.searchParams.get("group") ?? undefined;
  const groupId = isUuid(groupParam) ? groupParam : undefined;
  const now = new Date();
  const month = queryParam(request, "month", monthParam) ?? stockholmDate(now).slice(0, 7);
  const page = view === "month" ? 1 : pageOf(request);
  const rows =
    view === "month"
      ? await meetingsFor(context.db, user, {
          from: stockholmInstant(`${month}-01`, "00:00"),
          to: stockholmInstant(`${shiftMonth(month, 1)}-01`, "00:00"),
          groupId,
          limit: MONTH_MOST,
        })
      : await meetingsFor(context.db, user, { when: view, groupId, limit: MEETINGS_PAGE_SIZE, offset: (page - 1) * MEETINGS_PAGE_SIZE });
  const total = rows[0]?.total ?? null;
  return {
    view,
    month,
    groupId: groupId ?? null,
    page,
    total,
    // Null past the last page (a stale link): no rows, so no count.
    pages: pageCount(total, MEETINGS_PAGE_SIZE),
    meetings: rows.map(({ total: _, ...m }) => ({
      ...m,
      stage: meetingStage(m, now),
      day: stockholmDate(m.startsAt),
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt.toISOString(),
    })),
  };
}

/** The user's meetings across their groups: upcoming, past (lists by month), or one month as a calendar. */
export default function Meetings() {
  const t = useT();
  const { view, month, groupId, page, pages, total, meetings } = useLoaderData<typeof loader>();
  const link = (v: View, m?: string) => `/meetings?view=${v}${m ? `&month=${m}` : ""}${groupId ? `&group=${groupId}` : ""}`;
  const pageLink = (n: number) => `${link(view)}${n > 1 ? `&page=${n}` : ""}`;
  return (
    <div className="page">
      <h1>{t("meetings.title")}</h1>
      <nav aria-label={t("meetings.views")} className="tabs">
        {(["upcoming", "past", "month"] as const).map((v) => (
          <Link key={v} to={link(v)} aria-current={view === v ? "page" : undefined}>
            {t(`meetings.${v}`)}
          </Link>
        ))}
      </nav>
      {groupId ? (
        <p>
          {t("meetings.filteredBy", { group: meetings[0]?.groupName ?? "" })} <Link to={`/meetings?view=${view}`}>{t("meetings.showAll")}</Link>
        </p>
      ) : null}
      {view === "month" ? (
        <MonthView month={month} meetings={meetings} total={total ?? 0} link={link} />
      ) : pages === null && page > 1 ? (
        <PastEnd page={page} first={pageLink(1)} />
      ) : (
        <>
          <ListView view={view} meetings={meetings} link={link} />
          <Pager page={page} pages={pages ?? 1} href={pageLink} label="meetings.paging" />
        </>
      )}
    </div>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["meetings"][number];

function MeetingLine({ m }: { m: Row }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <time dateTime={m.startsAt}>{formatDateTime(m.startsAt, locale)}</time> <Link to={`/meetings/${m.id}`}>{m.title}</Link>{" "}
      <span className="muted">
        · {t("meeting.groupOfPartnership", { group: m.groupName, partnership: m.partnershipName })} <MeetingStatusBadge stage={m.stage} />
        {m.kind === "extra" ? ` · ${t("meeting.kind.extra")}` : ""}
      </span>
    </>
  );
}

function ListView({ view, meetings }: { view: View; meetings: Row[]; link: (v: View) => string }) {
  const t = useT();
  const locale = useLocale();
  const monthName = new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", { month: "long", year: "numeric", timeZone: "Europe/Stockholm" });
  const months = new Map<string, Row[]>();
  for (const m of meetings) {
    const key = monthName.format(new Date(m.startsAt));
    months.set(key, [...(months.get(key) ?? []), m]);
  }
  if (meetings.length === 0) return <p className="empty">{t(view === "past" ? "meetings.nonePast" : "meetings.noneUpcoming")}</p>;
  return (
    <>
      {[...months].map(([name, list]) => (
        <section key={name} aria-label={name}>
          <h2 className="month">{name}</h2>
          <ul className="meeting-list">
            {list.map((m) => (
              <li key={m.id} className={m.status === "cancelled" ? "cancelled" : undefined}>
                <MeetingLine m={m} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function MonthView({
  month,
  meetings,
  total,
  link,
}: {
  month: string;
  meetings: Row[];
  total: number;
  link: (v: View, m?: string) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const intl = locale === "sv" ? "sv-SE" : "en-GB";
  const title = new Intl.DateTimeFormat(intl, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T12:00:00Z`));
  // 2024-01-01 was a Monday: seven days from it name the weekdays in the user's language.
  const weekdays = Array.from({ length: 7 }, (_, i) => new Intl.DateTimeFormat(intl, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1 + i))));
  return (
    <>
      <div className="month-nav">
        <Link to={link("month", shiftMonth(month, -1))}>{t("meetings.prevMonth")}</Link>
        <h2 className="month">{title}</h2>
        <Link to={link("month", shiftMonth(month, 1))}>{t("meetings.nextMonth")}</Link>
      </div>
      {meetings.length === 0 ? <p className="empty">{t("meetings.noneInMonth")}</p> : null}
      {total > meetings.length ? <p>{t("meetings.monthCapped", { shown: meetings.length, total })}</p> : null}
      <TableScroll label={title}>
        <table className="calendar">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {weekdays.map((d) => (
                <th key={d} scope="col">
                  {d}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthGrid(month).map((week, w) => (
              <tr key={w}>
                {week.map((day, i) => (
                  <td key={i} className={day ? undefined : "outside"}>
                    {day ? (
                      <>
                        <span className="day-number">{Number(day.slice(8))}</span>
                        <ul>
                          {meetings
                            .filter((m) => m.day === day)
                            .map((m) => (
                              <li key={m.id} className={m.status === "cancelled" ? "cancelled" : undefined}>
                                <Link to={`/meetings/${m.id}`}>{`${formatDateTime(m.startsAt, locale).split(" ").pop()} ${m.title}`}</Link>
                                <br />
                                <MeetingStatusBadge stage={m.stage} />
                              </li>
                            ))}
                        </ul>
                      </>
                    ) : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
