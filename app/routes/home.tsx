import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireUser } from "~/auth/guards.server";
import { CaseStage } from "~/components/cases/CaseStage";
import { MeetingStatusBadge } from "~/components/MeetingStatusBadge";
import { PartnershipCards } from "~/components/PartnershipCards";
import { StatusBadge } from "~/components/StatusBadge";
import { decisionLabel } from "~/domain/decision";
import { meetingStage } from "~/domain/meeting-phase";
import { stockholmDate } from "~/domain/stockholm-date";
import { formatDateTime, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { dashboardFor } from "~/services/dashboard.server";
import { partnershipsPage } from "~/services/partnerships.server";

export const meta = titled("home.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const now = new Date();
  // The first page of partnerships by name, with how many there are: "Visa alla" leads to the rest.
  const [{ partnerships, total }, dashboard] = await Promise.all([
    partnershipsPage(context.db, user),
    dashboardFor(context.db, user, now, stockholmDate(now)),
  ]);
  return {
    name: user.name,
    isAdmin: user.isAdmin,
    partnerships,
    partnershipTotal: total ?? 0,
    dashboard: {
      ...dashboard,
      meetings: dashboard.meetings.map((m) => ({ ...m, stage: meetingStage(m, now), startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString() })),
      signatures: dashboard.signatures.map(({ createdAt: _, ...s }) => s),
    },
  };
}

/** Where a meeting belongs: its group and partnership, since two partnerships' groups often share a name. */
function Where({ group, partnership }: { group: string; partnership: string }) {
  const t = useT();
  return <span className="muted">{t("meeting.groupOfPartnership", { group, partnership })}</span>;
}

function MyAnswer({ rsvp }: { rsvp: "attending" | "declined" | null }) {
  const t = useT();
  if (rsvp === "attending") return <StatusBadge tone="good">{t("dashboard.rsvpAttending")}</StatusBadge>;
  if (rsvp === "declined") return <StatusBadge tone="neutral">{t("dashboard.rsvpDeclined")}</StatusBadge>;
  return <StatusBadge tone="waiting">{t("dashboard.rsvpNone")}</StatusBadge>;
}

const Overdue = () => <StatusBadge tone="bad">{useT()("dashboard.overdue")}</StatusBadge>;

/** One block of the overview: a heading, its rows, or a calm sentence when there is nothing. */
function Panel({
  id,
  title,
  empty,
  more = 0,
  link,
  children,
}: {
  id: string;
  title: MessageKey;
  empty: MessageKey;
  more?: number;
  link?: { to: string; label: MessageKey };
  children: ReactNode[];
}) {
  const t = useT();
  return (
    <section aria-labelledby={id} className="panel">
      <h2 id={id}>{t(title)}</h2>
      {children.length === 0 ? <p className="empty">{t(empty)}</p> : <ul>{children}</ul>}
      {more ? <p className="muted">{t("dashboard.more", { n: more })}</p> : null}
      {link ? (
        <p>
          <Link to={link.to}>{t(link.label)}</Link>
        </p>
      ) : null}
    </section>
  );
}

export default function Home() {
  const t = useT();
  const locale = useLocale();
  const { name, isAdmin, partnerships, partnershipTotal, dashboard: d } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("home.title")}</h1>
      <p>{t("home.welcome", { name })}</p>
      <div className="dashboard">
        <Panel id="dash-meetings" title="dashboard.meetings" empty="dashboard.noMeetings" link={{ to: "/meetings", label: "dashboard.allMeetings" }}>
          {d.meetings.map((m) => (
            <li key={m.meetingId}>
              <Link to={`/meetings/${m.meetingId}`}>{m.title}</Link> <span className="muted">{formatDateTime(m.startsAt, locale)}</span>
              <br />
              <Where group={m.groupName} partnership={m.partnershipName} /> <MeetingStatusBadge stage={m.stage} /> {m.member ? <MyAnswer rsvp={m.rsvp} /> : null}
            </li>
          ))}
        </Panel>
        <Panel id="dash-approvals" title="dashboard.approvals" empty="dashboard.noApprovals">
          {d.approvals.map((a) => (
            <li key={a.meetingId}>
              <Link to={`/meetings/${a.meetingId}`}>{t("dashboard.approveMinutes", { meeting: a.title })}</Link> <span className="muted">{formatDateTime(a.startsAt, locale)}</span>
              <br />
              <Where group={a.groupName} partnership={a.partnershipName} />
            </li>
          ))}
        </Panel>
        <Panel id="dash-cases" title="dashboard.cases" empty="dashboard.noCases" more={d.cases.more}>
          {d.cases.rows.map((c) => (
            <li key={c.id}>
              <Link to={`/cases/${c.id}`}>{c.title}</Link> <span className="muted">{c.partnershipName}</span>
              <br />
              <CaseStage kind={c.kind} stage={c.stage} overdue={c.overdue} />{" "}
              <span className="muted">{c.deadline ? t("dashboard.taskDue", { date: c.deadline }) : t("dashboard.noDeadline")}</span>
            </li>
          ))}
        </Panel>
        <Panel id="dash-positions" title="dashboard.positions" empty="dashboard.noPositions">
          {d.positions.map((p) => (
            <li key={p.id}>
              <Link to={`/decisions/${p.id}`}>{decisionLabel(p.groupKind, p.year, p.number)}</Link> {p.text}
            </li>
          ))}
        </Panel>
        <Panel id="dash-tasks" title="dashboard.tasks" empty="dashboard.noTasks">
          {[
            ...d.answers.map((a) => (
              <li key={`answer-${a.meetingId}`}>
                <Link to={`/meetings/${a.meetingId}`}>{t("dashboard.answerNotice", { meeting: a.title })}</Link> <span className="muted">{formatDateTime(a.startsAt, locale)}</span>
                <br />
                <Where group={a.groupName} partnership={a.partnershipName} />
              </li>
            )),
            ...d.plans.map((plan) => (
              <li key={plan.id}>
                <Link to={`/cases/${plan.id}`}>{t("dashboard.planDue", { title: plan.title, party: plan.party })}</Link>{" "}
                <span className="muted">{t("dashboard.taskDue", { date: plan.planDueOn ?? "—" })}</span>
                {plan.overdue ? (
                  <>
                    {" "}
                    <Overdue />
                  </>
                ) : null}
              </li>
            )),
            ...d.tasks.map((task) => (
              <li key={task.id}>
                <Link to={`/decisions/${task.decisionId}`}>{task.title}</Link> <span className="muted">{t("dashboard.taskDue", { date: task.dueOn })}</span>
                {task.overdue ? (
                  <>
                    {" "}
                    <Overdue />
                  </>
                ) : null}
              </li>
            )),
          ]}
        </Panel>
        <Panel id="dash-signatures" title="dashboard.signatures" empty="dashboard.noSignatures">
          {d.signatures.map((s) => (
            <li key={s.id}>
              <Link to={`/amendments/${s.id}`}>{s.title}</Link> <span className="muted">{s.partnershipName}</span>
            </li>
          ))}
        </Panel>
        <Panel id="dash-reports" title="dashboard.reports" empty="dashboard.noReports" more={d.reports.more}>
          {d.reports.rows.map((r) => (
            <li key={`${r.partnershipId}-${r.partyName}`}>
              <Link to={`/partnerships/${r.partnershipId}/reports?year=${r.year}`}>{t("dashboard.reportLine", { year: r.year, party: r.partyName, date: r.dueOn })}</Link>
              {r.status === "overdue" ? (
                <>
                  {" "}
                  <Overdue />
                </>
              ) : (
                <span className="muted"> {t("dashboard.daysLeft", { n: r.daysLeft })}</span>
              )}
            </li>
          ))}
        </Panel>
        <Panel id="dash-follow-ups" title="dashboard.followUps" empty="dashboard.noFollowUps">
          {d.followUps.map((f) => (
            <li key={f.id}>
              <Link to={`/partnerships/${f.partnershipId}/follow-ups`}>{t("dashboard.followUpLine", { title: f.title, partnership: f.partnershipName, date: f.dueOn })}</Link>
              {f.overdue ? (
                <>
                  {" "}
                  <Overdue />
                </>
              ) : null}
            </li>
          ))}
        </Panel>
        <Panel id="dash-notices" title="dashboard.notices" empty="dashboard.noNotices" more={d.notices.more}>
          {d.notices.rows.map((n) => (
            <li key={n.id}>
              <Link to={`/partnerships/${n.id}`}>{t("dashboard.noticeLine", { name: n.name, date: n.deadline, end: n.endIfNotice ?? "—" })}</Link>
            </li>
          ))}
        </Panel>
      </div>
      <section aria-labelledby="partnerships-heading">
        <h2 id="partnerships-heading">{t("home.partnerships")}</h2>
        {isAdmin ? (
          <p>
            <Link to="/partnerships/new">{t("partnership.newTitle")}</Link>
          </p>
        ) : null}
        {partnerships.length === 0 ? (
          <p className="empty">{t("home.noPartnerships")}</p>
        ) : (
          <PartnershipCards partnerships={partnerships} />
        )}
        {partnershipTotal > partnerships.length ? (
          <p>
            {t("home.partnershipsShown", { shown: partnerships.length, n: partnershipTotal })}{" "}
            <Link to="/partnerships">{t("home.showAllPartnerships", { n: partnershipTotal })}</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
