import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Fact } from "~/components/Fact";
import { MeetingDecisions } from "~/components/Decisions";
import { Agenda } from "~/components/meeting/Agenda";
import { Attendance } from "~/components/meeting/Attendance";
import { Justering } from "~/components/meeting/Justering";
import { MeetingActions } from "~/components/meeting/MeetingActions";
import { MeetingStatusBadge } from "~/components/MeetingStatusBadge";
import { PhaseNav } from "~/components/meeting/PhaseNav";
import { RoomRecord } from "~/components/meeting/RoomRecord";
import { Rsvp } from "~/components/meeting/Rsvp";
import { LiveMinutes, participantColour } from "~/components/minutes/LiveMinutes";
import { paragraphs } from "~/domain/agenda";
import { decisionLabel, isHeld, stageOf } from "~/domain/decision";
import { MEETING_ACTIONS, type MeetingAction } from "~/domain/capabilities";
import { meetingPhase, meetingStage, parsePhase, type MeetingPhase } from "~/domain/meeting-phase";
import { formatDateTime, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { decisionsOfMeeting, tasksOfMeeting } from "~/services/decisions.server";
import { requireMeetingCapabilitiesWith } from "~/services/meeting-access.server";
import { documentRows, documentsByItem } from "~/services/meeting-documents.server";
import { meetingDetails } from "~/services/meetings.server";
import { approvalsGiven, approvalStands, correctionsOf } from "~/services/justering.server";

// The meeting page follows the meeting (decision 022): *Före* (details, notice, answers, agenda),
// *Under* (the chair's view: agenda beside the minutes, decisions, recording for the room) and
// *Efter* (justering, decisions, follow-up). It opens on the phase the meeting is in; `?fas=` shows
// another. Each concern posts to its own route beside this one, which asserts the same capability
// record this loader hands the page.

export const meta = titled("meeting.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const now = new Date();
  // The agenda and the people show in every phase.
  const {
    meeting,
    access,
    parties: partyRows,
    minutes,
    can,
    extra: details,
  } = await requireMeetingCapabilitiesWith(context.db, user, params.id, now, (meeting) => meetingDetails(context.db, meeting));
  const times = { ...meeting, minutesStatus: minutes.status };
  const current = meetingPhase(times, now);
  const phase: MeetingPhase = parsePhase(new URL(request.url).searchParams.get("fas")) ?? current;
  const held = isHeld(meeting, now);
  const [approvals, decisionRows, tasks, documentRowsOfMeeting] = await Promise.all([
    // Approvals come only once the minutes leave the draft (they never go back): a draft spares the query.
    minutes.status === "draft" ? [] : approvalsGiven(context.db, meeting.id),
    // Only a held meeting can have decisions: an upcoming one costs no query for them.
    held && phase !== "fore" ? decisionsOfMeeting(context.db, meeting.id) : [],
    phase === "efter" ? tasksOfMeeting(context.db, meeting.id) : [],
    // The agenda, and its documents, show before and during the meeting.
    phase === "efter" ? [] : documentRows(context.db, meeting.id),
  ]);
  // Only final minutes take corrections, so minutes still in draft spare those queries.
  const corrections = minutes.status === "final" && phase === "efter" ? await correctionsOf(context.db, meeting.id) : [];
  // Whoever has approved the text as it reads now is not asked again; an edit since asks again.
  const approved = can.approveMinutes === true && (await approvalStands(context, meeting.id, approvals, user.id));
  const me = details.people.find((p) => p.userId === user.id);
  const label = (d: { year: number; number: number }) => decisionLabel(access.group.kind, d.year, d.number);
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
    stage: meetingStage(times, now),
    phase,
    current,
    group: { id: access.group.id, name: access.group.name, kind: access.group.kind },
    // Only what is allowed: a refusal's reason is for the action to tell.
    can: Object.fromEntries(MEETING_ACTIONS.map((a) => [a, can[a] === true && !(a === "approveMinutes" && approved)])) as Record<MeetingAction, boolean>,
    me: user.id,
    myRsvp: me?.rsvp ?? null,
    agenda: paragraphs(details.agenda),
    proposals: details.agenda.filter((a) => a.proposed),
    documents: Object.fromEntries(documentsByItem(documentRowsOfMeeting)),
    people: details.people,
    held,
    decisions: decisionRows.map((d) => ({ ...d, stage: stageOf({ kind: "meeting", status: d.status, meetingId: meeting.id }) })),
    // The chair's form for the room names the decisions still open.
    room: can.recordForRoom === true ? { decisions: decisionRows.filter((d) => d.status === "open").map((d) => ({ id: d.id, label: label(d), text: d.text })) } : null,
    tasks: tasks.map((task) => ({ ...task, decision: label(decisionRows.find((d) => d.id === task.decisionId) ?? { year: 0, number: 0 }) })),
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
  const d = useLoaderData<typeof loader>();
  const m = d.meeting;
  return (
    <div className="page">
      <p>
        <Link to={`/groups/${d.group.id}`}>{d.group.name}</Link>
      </p>
      <h1>{m.title}</h1>
      <p>
        {t("meeting.statusLabel")}: <MeetingStatusBadge stage={d.stage} />
      </p>
      <PhaseNav meetingId={m.id} shown={d.phase} current={d.current} />
      {d.phase === "fore" ? <Before d={d} /> : d.phase === "under" ? <During d={d} /> : <After d={d} />}
    </div>
  );
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

/** *Före*: when and where, the convener's actions, the member's answer, the agenda. */
function Before({ d }: { d: Page }) {
  const t = useT();
  const locale = useLocale();
  const m = d.meeting;
  return (
    <section aria-labelledby="phase-h" className="phase">
      <h2 id="phase-h">{t("phase.foreTitle")}</h2>
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
        <dd>
          <MeetingStatusBadge stage={d.stage} />
        </dd>
      </dl>
      <p>
        <a href={`/meetings/${m.id}/calendar.ics`} download>
          {t("meeting.downloadIcs")}
        </a>
      </p>
      <MeetingActions meeting={m} can={d.can} />
      {d.can.rsvp ? <Rsvp meetingId={m.id} answer={d.myRsvp} /> : null}
      <Agenda meeting={m} agenda={d.agenda} proposals={d.proposals} documents={d.documents} can={d.can} minutes={d.minutes} />
      <Attendance meeting={m} parties={d.parties} people={d.people} can={d.can} />
    </section>
  );
}

/** *Under*: the agenda beside the live minutes, decisions as they are taken, and the chair's record for the room. */
function During({ d }: { d: Page }) {
  const t = useT();
  const m = d.meeting;
  const cancelled = m.status === "cancelled";
  return (
    <section aria-labelledby="phase-h" className="phase">
      <h2 id="phase-h">{t("phase.underTitle")}</h2>
      {!d.held ? <p className="muted">{t("phase.underNotYet")}</p> : null}
      <div className="meeting-room">
        <Agenda meeting={m} agenda={d.agenda} proposals={d.proposals} documents={d.documents} can={d.can} minutes={d.minutes} />
        {!cancelled ? (
          <section aria-labelledby="minutes-h" className="meeting-room-minutes">
            <h2 id="minutes-h">{t("minutes.title")}</h2>
            <p className="muted">
              {t(`minutes.status.${d.minutes.status}` as MessageKey)} {t("phase.minutesBeside")}
            </p>
            <LiveMinutes key={d.minutes.status} meetingId={m.id} me={d.minutes.me} editable={d.minutes.editable} />
            {d.minutes.status === "draft" ? <Justering meeting={d} /> : null}
          </section>
        ) : null}
      </div>
      {!cancelled ? (
        <MeetingDecisions meetingId={m.id} groupId={d.group.id} groupKind={d.group.kind} held={d.held} canRecord={d.can.recordDecision} agenda={d.agenda} decisions={d.decisions} />
      ) : null}
      {/* With a decision open, the chair records presence and positions together; until then presence alone. */}
      {d.room?.decisions.length ? (
        <RoomRecord meeting={m} people={d.people} parties={d.parties} room={d.room} />
      ) : (
        <>
          {d.room ? <p className="muted">{t("room.noOpenDecisions")}</p> : null}
          <Attendance meeting={m} parties={d.parties} people={d.people} can={d.can} />
        </>
      )}
    </section>
  );
}

/** *Efter*: justering and the minutes, the decisions taken, and what they left to do. */
function After({ d }: { d: Page }) {
  const t = useT();
  const m = d.meeting;
  if (m.status === "cancelled") return null;
  return (
    <section aria-labelledby="phase-h" className="phase">
      <h2 id="phase-h">{t("phase.efterTitle")}</h2>
      {d.minutes.status === "draft" ? <p className="muted">{t("phase.efterNotYet")}</p> : null}
      <section aria-labelledby="minutes-h">
        <h2 id="minutes-h">{t("minutes.title")}</h2>
        <p className="muted">{t(`minutes.status.${d.minutes.status}` as MessageKey)}</p>
        <Justering meeting={d} />
        {d.minutes.status !== "draft" ? <LiveMinutes key={d.minutes.status} meetingId={m.id} me={d.minutes.me} editable={d.minutes.editable} /> : null}
      </section>
      <MeetingDecisions meetingId={m.id} groupId={d.group.id} groupKind={d.group.kind} held={d.held} canRecord={false} agenda={d.agenda} decisions={d.decisions} />
      <FollowUp tasks={d.tasks} />
      <Attendance meeting={m} parties={d.parties} people={d.people} can={{ ...d.can, recordAttendance: false }} />
    </section>
  );
}

/** The follow-up tasks the meeting's decisions left, each with its decision. */
function FollowUp({ tasks }: { tasks: Page["tasks"] }) {
  const t = useT();
  return (
    <section aria-labelledby="follow-up-h">
      <h2 id="follow-up-h">{t("phase.followUp")}</h2>
      <p className="muted">{t("phase.followUpIntro")}</p>
      {tasks.length ? (
        <ul>
          {tasks.map((task) => (
            <li key={task.id}>
              <Link to={`/decisions/${task.decisionId}`}>{task.decision}</Link>: {task.title} – {task.owner}, {task.dueOn} ({t(`decision.task.${task.status}`)})
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
