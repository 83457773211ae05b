import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Fact } from "~/components/Fact";
import { MeetingDecisions } from "~/components/Decisions";
import { Agenda } from "~/components/meeting/Agenda";
import { Attendance } from "~/components/meeting/Attendance";
import { Justering } from "~/components/meeting/Justering";
import { MeetingActions } from "~/components/meeting/MeetingActions";
import { Rsvp } from "~/components/meeting/Rsvp";
import { LiveMinutes, participantColour } from "~/components/minutes/LiveMinutes";
import { paragraphs } from "~/domain/agenda";
import { isHeld, stageOf } from "~/domain/decision";
import { MEETING_ACTIONS, type MeetingAction } from "~/domain/capabilities";
import { formatDateTime, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { decisionsOfMeeting } from "~/services/decisions.server";
import { requireMeetingCapabilities } from "~/services/meeting-access.server";
import { documentRows, documentsByItem } from "~/services/meeting-documents.server";
import { meetingDetails } from "~/services/meetings.server";
import { approvalsGiven, correctionsOf } from "~/services/justering.server";

// The meeting page shows each concern as a section; each posts to its own route beside this one
// (notice, cancel, agenda, rsvp, attendance, justering, corrections, decisions), which asserts
// the same capability record this loader hands the page.

export const meta = titled("meeting.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { meeting, access, parties: partyRows, minutes, can } = await requireMeetingCapabilities(context.db, user, params.id);
  const held = isHeld(meeting, new Date());
  const [details, approvals, decisionRows, documentRowsOfMeeting] = await Promise.all([
    meetingDetails(context.db, meeting),
    // Approvals come only once the minutes leave the draft (they never go back): a draft spares the query.
    minutes.status === "draft" ? [] : approvalsGiven(context.db, meeting.id),
    // Only a held meeting can have decisions: an upcoming one costs no query for them.
    held ? decisionsOfMeeting(context.db, meeting.id) : [],
    documentRows(context.db, meeting.id),
  ]);
  // Only final minutes take corrections, so minutes still in draft spare those queries.
  const corrections = minutes.status === "final" ? await correctionsOf(context.db, meeting.id) : [];
  const me = details.people.find((p) => p.userId === user.id);
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      kind: meeting.kind,
      extraReason: meeting.extraReason,
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      location: meeting.location,
      videoUrl: meeting.videoUrl,
      status: meeting.status,
    },
    group: { id: access.group.id, name: access.group.name, kind: access.group.kind },
    // Only what is allowed: a refusal's reason is for the action to tell.
    can: Object.fromEntries(MEETING_ACTIONS.map((a) => [a, can[a] === true])) as Record<MeetingAction, boolean>,
    me: user.id,
    myRsvp: me?.rsvp ?? null,
    agenda: paragraphs(details.agenda),
    proposals: details.agenda.filter((a) => a.proposed),
    documents: Object.fromEntries(documentsByItem(documentRowsOfMeeting)),
    people: details.people,
    held,
    decisions: decisionRows.map((d) => ({ ...d, stage: stageOf({ kind: "meeting", status: d.status, meetingId: meeting.id }) })),
    parties: partyRows.map((p) => ({ id: p.id, name: p.name, mandated: details.mandatedParties.includes(p.id) })),
    minutes: {
      status: minutes.status,
      isMinutesChair: minutes.chairId === user.id,
      approvers: [minutes.chairId, ...minutes.adjusters]
        .filter((id): id is string => Boolean(id))
        .map((id) => ({
          id,
          name: details.people.find((p) => p.userId === id)?.name ?? "—",
          role: id === minutes.chairId ? ("chair" as const) : ("adjuster" as const),
          approvedAt: approvals.find((a) => a.userId === id)?.approvedAt.toISOString() ?? null,
        })),
      editable: can.writeMinutes === true,
      me: { name: user.name, party: me?.partyName ?? "Samordnare", color: participantColour(user.id) },
      corrections: corrections.map((c) => ({
        id: c.id,
        text: c.text,
        author: c.author,
        createdAt: c.createdAt.toISOString(),
        approved: Boolean(c.approvedAt),
        approvedBy: c.approvedBy.map((a) => a.name),
        mine: c.approvedBy.some((a) => a.userId === user.id),
      })),
    },
  };
}

export default function Meeting() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const m = d.meeting;
  const cancelled = m.status === "cancelled";
  return (
    <div className="page">
      <p>
        <Link to={`/groups/${d.group.id}`}>{d.group.name}</Link>
      </p>
      <h1>{m.title}</h1>
      <dl className="facts">
        <dt>{t("meeting.when")}</dt>
        <dd>
          {formatDateTime(m.startsAt, locale)}–{formatDateTime(m.endsAt, locale).split(" ").pop()}
        </dd>
        <dt>{t("meeting.location")}</dt>
        <dd>{m.location || "—"}</dd>
        <Fact label={t("meeting.videoUrl")}>{m.videoUrl ? <a href={m.videoUrl}>{m.videoUrl}</a> : null}</Fact>
        <dt>{t("meeting.kind")}</dt>
        <dd>{t(m.kind === "extra" ? "meeting.kind.extra" : "meeting.kind.ordinary")}</dd>
        <Fact label={t("meeting.extraReason")}>{m.extraReason}</Fact>
        <dt>{t("meeting.statusLabel")}</dt>
        <dd>{t(`meeting.status.${m.status}` as MessageKey)}</dd>
      </dl>
      <p>
        <a href={`/meetings/${m.id}/calendar.ics`} download>
          {t("meeting.downloadIcs")}
        </a>
      </p>
      <MeetingActions meeting={m} can={d.can} />
      {d.can.rsvp ? <Rsvp meetingId={m.id} answer={d.myRsvp} /> : null}
      <Agenda meeting={m} agenda={d.agenda} proposals={d.proposals} documents={d.documents} can={d.can} minutes={d.minutes} />
      {!cancelled ? (
        <section aria-labelledby="minutes-h">
          <h2 id="minutes-h">{t("minutes.title")}</h2>
          <p className="muted">{t(`minutes.status.${d.minutes.status}` as MessageKey)}</p>
          <LiveMinutes key={d.minutes.status} meetingId={m.id} me={d.minutes.me} editable={d.minutes.editable} />
          <Justering meeting={d} />
        </section>
      ) : null}
      {!cancelled ? (
        <MeetingDecisions meetingId={m.id} groupId={d.group.id} groupKind={d.group.kind} held={d.held} canRecord={d.can.recordDecision} agenda={d.agenda} decisions={d.decisions} />
      ) : null}
      <Attendance meeting={m} parties={d.parties} people={d.people} can={d.can} />
    </div>
  );
}
