import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { EscalateForm } from "~/components/EscalateForm";
import { Convener } from "~/components/groups/Convener";
import { Members } from "~/components/groups/Members";
import { NameHolder } from "~/components/groups/NameHolder";
import { SetRotation } from "~/components/groups/SetRotation";
import { SkipTurn } from "~/components/groups/SkipTurn";
import { cadenceStatus } from "~/domain/cadence";
import { meetingStage } from "~/domain/meeting-phase";
import { escalatesFrom } from "~/domain/case-capabilities";
import { skipTurnVerdict } from "~/domain/capabilities";
import { participatesOn } from "~/domain/participation";
import { passableTurns, upcomingTurns, type Turn } from "~/domain/rotation";
import { stockholmDate } from "~/domain/stockholm-date";
import { formatDateTime } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { membersOf } from "~/services/groups.server";
import { requireGroupCapabilitiesWith } from "~/services/meeting-access.server";
import { meetingsOfGroup } from "~/services/meetings.server";
import { MeetingStatusBadge } from "~/components/MeetingStatusBadge";

export const meta = titled("group.title");

/** The group page: its rotation, meetings and members, with the forms `groupCapabilities` allows the user (each posts to its own concern). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const now = new Date();
  const {
    access: { group },
    facts,
    parties: partyRows,
    rotation: where,
    today,
    can,
    extra: [members, meetingRows],
  } = await requireGroupCapabilitiesWith(context.db, user, params.id!, now, ({ group }) => Promise.all([membersOf(context.db, group.id), meetingsOfGroup(context.db, group.id)]));
  const partyName = new Map(partyRows.map((p) => [p.id, p.name]));
  const holder = where?.holder ?? null;
  const describe = (turn: Turn) => {
    const person = where?.named.find((n) => n.turnIndex === turn.index);
    return {
      ...turn,
      party: partyName.get(turn.partyId) ?? "",
      person: person?.name ?? null,
      skipped: turn.skipped.map((s) => ({ party: partyName.get(s.partyId) ?? "", reason: s.reason })),
    };
  };
  // The turns this user may pass over now: the current or the next, when the rotation allows it.
  const passable = where
    ? passableTurns(where.rotation, where.at)
        .filter((turn) => skipTurnVerdict(facts, where, today, turn.index) === true)
        .map((turn) => ({ ...describe(turn), current: turn.index === holder?.turn.index }))
    : [];
  const cadence =
    group.cadencePer && group.cadenceAtLeast
      ? cadenceStatus({ per: group.cadencePer, atLeast: group.cadenceAtLeast }, meetingRows.map((m) => stockholmDate(m.startsAt)), today)
      : null;
  return {
    group: { id: group.id, name: group.name, kind: group.kind, partnershipId: group.partnershipId, cadencePer: group.cadencePer, cadenceAtLeast: group.cadenceAtLeast },
    can: {
      convene: can.convene === true,
      addMember: can.addMember === true,
      setRotation: can.setRotation === true,
      setConvener: can.setConvener === true,
      nameHolder: can.nameHolder === true,
    },
    convenerPartyId: group.convenerPartyId,
    convener: group.convenerPartyId ? (partyName.get(group.convenerPartyId) ?? null) : null,
    canEscalate: group.kind === "cooperation" && facts.membership !== null && escalatesFrom(facts.membership, facts.membership, today),
    members,
    parties: partyRows.map((p) => ({ id: p.id, name: p.name })),
    current: holder ? describe(holder.turn) : null,
    upcoming: where ? upcomingTurns(where.rotation, where.at, 3).map(describe) : [],
    // Parties of the rotation that have left: the turns pass them by.
    departed: partyRows.filter((p) => group.rotationOrder?.includes(p.id) && !participatesOn(p, today)).map((p) => ({ name: p.name, until: p.participatesUntil })),
    passable,
    cadence,
    meetings: meetingRows.map((m) => ({ id: m.id, title: m.title, kind: m.kind, stage: meetingStage(m, now), startsAt: m.startsAt.toISOString(), past: m.endsAt < now })),
  };
}

export default function Group() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const holderWord = t(d.group.kind === "steering" ? "group.chair" : "group.documenter");
  const turnText = (turn: (typeof d.upcoming)[number]) =>
    `${turn.person ?? t("group.personNotNamed")} (${turn.party}), ${
      turn.from ? t("rotation.fromTo", { from: turn.from, to: turn.to ?? "" }) : t("rotation.meetings", { from: turn.fromMeeting ?? 0, to: turn.toMeeting ?? 0 })
    }`;
  return (
    <div className="page">
      <p>
        <Link to={`/partnerships/${d.group.partnershipId}`}>{t("group.backToPartnership")}</Link>
      </p>
      <h1>{d.group.name}</h1>
      <p className="muted">{t(d.group.kind === "steering" ? "group.kind.steering" : "group.kind.cooperation")}</p>
      <p>
        <Link to={`/groups/${d.group.id}/decisions`}>{t("decision.register")}</Link>
      </p>

      <section aria-labelledby="rotation-h">
        <h2 id="rotation-h">{t(d.group.kind === "steering" ? "rotation.chairTitle" : "rotation.dutyTitle")}</h2>
        {d.convener ? (
          <p>
            <strong>{t("convener.label")}:</strong> {d.convener}
          </p>
        ) : null}
        {d.current ? (
          <>
            <p>
              <strong>{holderWord}:</strong> {turnText(d.current)}
            </p>
            {d.current.skipped.map((s, i) => (
              <p key={i} className="muted">
                {t("rotation.skippedNote", { party: s.party, reason: s.reason })}
              </p>
            ))}
            {d.departed.map((p) => (
              <p key={p.name} className="muted">
                {t("rotation.leftNote", { party: p.name, date: p.until ?? "" })}
              </p>
            ))}
            <h3>{t("rotation.nextHandovers")}</h3>
            <ol>
              {d.upcoming.map((turn) => (
                <li key={turn.index}>{turnText(turn)}</li>
              ))}
            </ol>
          </>
        ) : (
          <p className="empty">{t("group.noRotation")}</p>
        )}
        {d.can.nameHolder && d.current ? (
          <NameHolder groupId={d.group.id} turnIndex={d.current.index} role={holderWord} members={d.members.filter((m) => m.partyId === d.current!.partyId)} />
        ) : null}
        <SkipTurn
          groupId={d.group.id}
          turns={d.passable.map((turn) => ({ index: turn.index, label: t(turn.current ? "rotation.skipCurrent" : "rotation.skipNext", { turn: turnText(turn) }) }))}
        />
        {d.can.setConvener ? <Convener groupId={d.group.id} convenerPartyId={d.convenerPartyId} parties={d.parties} /> : null}
        {d.can.setRotation ? <SetRotation groupId={d.group.id} parties={d.parties} /> : null}
      </section>

      <section aria-labelledby="meetings-h">
        <h2 id="meetings-h">{t("meeting.listTitle")}</h2>
        {d.cadence ? (
          <p className={d.cadence.atRisk ? "warning" : undefined}>
            {t(d.cadence.atRisk ? "cadence.atRisk" : "cadence.ok", {
              required: d.cadence.required,
              count: d.cadence.heldOrPlanned,
              from: d.cadence.periodStart,
              to: d.cadence.periodEnd,
            })}
          </p>
        ) : null}
        {d.can.convene ? (
          <p>
            <Link to={`/groups/${d.group.id}/meetings/new`} className="button-link">
              {t("meeting.new")}
            </Link>
          </p>
        ) : null}
        {d.meetings.length === 0 ? <p className="empty">{t("group.noMeetings")}</p> : null}
        <ul>
          {d.meetings.map((m) => (
            <li key={m.id}>
              <Link to={`/meetings/${m.id}`}>{m.title}</Link> — {formatDateTime(m.startsAt, locale)}
              {m.kind === "extra" ? ` · ${t("meeting.kind.extra")}` : ""} <MeetingStatusBadge stage={m.stage} />
            </li>
          ))}
        </ul>
      </section>

      {d.canEscalate ? <EscalateForm groupId={d.group.id} partnershipId={d.group.partnershipId} /> : null}

      <Members groupId={d.group.id} members={d.members} parties={d.parties} canAdd={d.can.addMember} />
    </div>
  );
}
