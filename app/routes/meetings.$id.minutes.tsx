import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guards.server";
import { DecisionOutcome } from "~/components/Decisions";
import { RecordedForRoom } from "~/components/decision/RecordedForRoom";
import { Fact } from "~/components/Fact";
import { formatDateTime } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { requireMeetingAccess } from "~/services/meeting-access.server";
import { meetingDetails } from "~/services/meetings.server";
import { correctionsOf } from "~/services/justering.server";
import { minutesDecisions } from "~/services/decisions.server";
import { finalMinutes } from "~/services/minutes.server";
import { partnershipIdentity } from "~/services/partnerships.server";

export const meta = titled("printable.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { meeting, access } = await requireMeetingAccess(context.db, user, params.id);
  const final = await finalMinutes(context.db, meeting.id);
  if (!final) throw notFound();
  const [{ people }, corrections, decisions, partnership] = await Promise.all([
    meetingDetails(context.db, meeting),
    correctionsOf(context.db, meeting.id),
    minutesDecisions(context.db, meeting, access.group.kind),
    partnershipIdentity(context.db, access.group.partnershipId),
  ]);
  const chair = final.approvals.find((a) => a.role === "chair");
  return {
    group: access.group.name,
    partnership: partnership ?? { name: "—", referenceNumber: null },
    meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt.toISOString(), endsAt: meeting.endsAt.toISOString(), location: meeting.location },
    present: people.filter((p) => p.present).map((p) => `${p.name} (${p.partyName})`),
    chair: chair?.name ?? "—",
    adjusters: final.approvals.filter((a) => a.role === "adjuster").map((a) => a.name),
    approvals: final.approvals,
    html: final.html,
    corrections: corrections.filter((c) => c.approvedAt).map((c) => ({ id: c.id, text: c.text, approvedAt: c.approvedAt!.toISOString(), approvedBy: c.approvedBy.map((a) => a.name) })),
    sha256: final.contentSha256,
    decisions,
  };
}

/** Approved minutes laid out for paper: header, the numbered paragraphs, and the approval block. */
export default function PrintableMinutes() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  return (
    <article className="page printable">
      <p className="no-print">
        <Link to={`/meetings/${d.meeting.id}`}>{t("meeting.back")}</Link> ·{" "}
        <button type="button" className="link-button" onClick={() => window.print()}>
          {t("printable.print")}
        </button>
      </p>
      <header className="minutes-header">
        <p className="muted">{d.group}</p>
        <h1>{t("printable.heading", { title: d.meeting.title })}</h1>
        <dl className="facts">
          <dt>{t("printable.partnership")}</dt>
          <dd>{d.partnership.name}</dd>
          <Fact label={t("printable.referenceNumber")}>{d.partnership.referenceNumber}</Fact>
          <dt>{t("meeting.when")}</dt>
          <dd>{formatDateTime(d.meeting.startsAt, locale)}</dd>
          <dt>{t("printable.ends")}</dt>
          <dd>{formatDateTime(d.meeting.endsAt, locale)}</dd>
          <dt>{t("meeting.location")}</dt>
          <dd>{d.meeting.location || "—"}</dd>
          <dt>{t("printable.present")}</dt>
          <dd>{d.present.join(", ") || "—"}</dd>
          <dt>{t("justering.chair")}</dt>
          <dd>{d.chair}</dd>
          {/* No secretary is recorded for a meeting: the chair is not named in that role. */}
          <dt>{t("printable.adjusters")}</dt>
          <dd>{d.adjusters.join(", ")}</dd>
        </dl>
      </header>
      {/* Our own renderer's output: every text run is escaped and only http(s) links survive. */}
      <div className="minutes-body" dangerouslySetInnerHTML={{ __html: d.html }} />
      {d.decisions.length ? (
        <section aria-labelledby="decisions-h">
          <h2 id="decisions-h">{t("decision.title")}</h2>
          {d.decisions.map((item) => (
            <div key={item.id ?? "per-capsulum"}>
              <h3>{item.heading ?? t("decision.kind.per_capsulum")}</h3>
              <ul>
                {item.decisions.map((r) => (
                  <li key={r.id} id={`decision-${r.id}`}>
                    <Link to={`/decisions/${r.id}`}>{r.label}</Link>: {r.text} (<DecisionOutcome stage={r.stage} outcome={null} />)
                    {r.positions.length ? (
                      <ul aria-label={t("decision.positions")}>
                        {r.positions.map((p) => (
                          <li key={p.party}>
                            {p.party}: {t(`decision.position.${p.position}`)}
                            {p.reservation ? `. ${t("decision.reservation")}: ${p.reservation}` : ""}
                            {/* These minutes are approved: what the chair recorded in the room stands confirmed. */}
                            {p.recordedForRoom ? (
                              <>
                                {" "}
                                <RecordedForRoom minutesFinal />
                              </>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
      {d.corrections.length ? (
        <section aria-labelledby="corrections-h">
          <h2 id="corrections-h">{t("correction.title")}</h2>
          <ol>
            {d.corrections.map((c) => (
              <li key={c.id}>
                <p className="prewrap">{c.text}</p>
                <p className="muted">
                  {t("correction.approvedBy", { names: c.approvedBy.join(", ") })}, {formatDateTime(c.approvedAt, locale)}
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section className="approval-block" aria-labelledby="approval-h">
        <h2 id="approval-h">{t("printable.approval")}</h2>
        <ul>
          {d.approvals.map((a) => (
            <li key={a.userId}>
              {t(a.role === "chair" ? "justering.chair" : "justering.adjuster")}: {a.name}, {t("justering.approvedAt", { date: formatDateTime(a.approvedAt, locale) })}
            </li>
          ))}
        </ul>
        <p className="muted">
          {t("printable.checksum")}: <code>{d.sha256}</code>
        </p>
      </section>
    </article>
  );
}
