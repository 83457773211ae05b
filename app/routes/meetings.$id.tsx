import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guards.server";
import { Fact } from "~/components/Fact";
import { Field, FormAlert, Notice, SelectField, TextArea } from "~/components/Field";
import { MeetingDecisions } from "~/components/Decisions";
import { Rsvp } from "~/components/meeting/Rsvp";
import { LiveMinutes, participantColour } from "~/components/minutes/LiveMinutes";
import { paragraphHeading, paragraphs } from "~/domain/agenda";
import { isHeld, stageOf } from "~/domain/decision";
import { MEETING_ACTIONS, type MeetingAction } from "~/domain/capabilities";
import { stockholmDate } from "~/domain/stockholm-date";
import { meetingDecisionSchema } from "~/forms/decision";
import { agendaItemSchema } from "~/forms/meeting";
import { NO_FIELD_ERRORS, parseForm, type FieldErrors } from "~/forms/parse";
import { baseUrl } from "~/http/base-url.server";
import { readForm } from "~/http/form.server";
import { formatDateTime, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { createDecision, decisionsOfMeeting } from "~/services/decisions.server";
import { refusalOf, requireMeetingCapabilities } from "~/services/meeting-access.server";
import { addAgendaItem, cancelMeeting, changeAgendaItem, meetingDetails, recordPresence, sendNotice } from "~/services/meetings.server";
import { addCorrection, approvalsGiven, approve, approveCorrection, correctionsOf, sendForApproval } from "~/services/justering.server";

export const meta = titled("meeting.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { meeting, access, parties: partyRows, minutes, can } = await requireMeetingCapabilities(context.db, user, params.id);
  const held = isHeld(meeting, new Date());
  const [details, approvals, decisionRows] = await Promise.all([
    meetingDetails(context.db, meeting),
    approvalsGiven(context.db, meeting.id),
    // Only a held meeting can have decisions: an upcoming one costs no query for them.
    held ? decisionsOfMeeting(context.db, meeting.id) : [],
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

const opSchema = z.object({ itemId: z.uuid(), op: z.enum(["up", "down", "accept", "remove"]) });
const cancelSchema = z.object({ reason: z.string().trim().min(1, "form.required").max(1000, "form.tooLong") });
const approveSchema = z.object({ reason: z.string().trim().max(1000, "form.tooLong").optional().transform((v) => v || null) });
const correctionSchema = z.object({ text: z.string({ error: "form.required" }).trim().min(1, "form.required").max(5000, "form.tooLong") });

/** The capability each intent of the action asserts. */
const INTENTS = {
  notice: "sendNotice",
  cancel: "cancel",
  add: "changeAgenda",
  item: "changeAgenda",
  propose: "proposeItem",
  forApproval: "sendForApproval",
  approve: "approveMinutes",
  correction: "correctMinutes",
  approveCorrection: "correctMinutes",
  decision: "recordDecision",
  presence: "recordAttendance",
} as const satisfies Record<string, MeetingAction>;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { meeting, can } = await requireMeetingCapabilities(context.db, user, params.id);
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  if (!Object.hasOwn(INTENTS, intent)) throw notFound();
  const ok = (done: MessageKey) => ({ intent, fieldErrors: NO_FIELD_ERRORS, done });
  const fail = (fieldErrors: typeof NO_FIELD_ERRORS) => data({ intent, fieldErrors, done: null }, { status: 400 });
  const conflict = (refused: MessageKey) => data({ intent, fieldErrors: { refused } as FieldErrors, done: null }, { status: 409 });
  const refused = refusalOf(can[INTENTS[intent as keyof typeof INTENTS]]);
  if (refused) return conflict(refused);

  switch (intent) {
    case "notice": {
      await sendNotice(context.db, meeting, user, baseUrl(context));
      return ok("meeting.noticeSent");
    }
    case "cancel": {
      const parsed = parseForm(cancelSchema, form);
      if (!parsed.ok) return fail(parsed.fieldErrors);
      await cancelMeeting(context.db, meeting, parsed.data.reason, user, baseUrl(context));
      return redirect(`/groups/${meeting.groupId}`);
    }
    case "add":
    case "propose": {
      const parsed = parseForm(agendaItemSchema, form);
      if (!parsed.ok) return fail(parsed.fieldErrors);
      // The chair's own proposal goes straight onto the agenda.
      const proposed = intent === "propose" && can.changeAgenda !== true;
      if (!(await addAgendaItem({ ...context, baseUrl: baseUrl(context) }, meeting.id, parsed.data, proposed, user)).ok) return conflict("agenda.locked");
      return ok(proposed ? "agenda.proposed" : "agenda.added");
    }
    case "item": {
      const parsed = parseForm(opSchema, form);
      if (!parsed.ok) throw new Response("Bad Request", { status: 400 });
      if (!(await changeAgendaItem({ ...context, baseUrl: baseUrl(context) }, meeting.id, parsed.data.itemId, parsed.data.op, user)).ok) return conflict("agenda.locked");
      return ok("agenda.changed");
    }
    case "forApproval": {
      const error = await sendForApproval(context, meeting, user, form.getAll("adjuster").map(String));
      if (error) return data({ intent, fieldErrors: { adjuster: error } as FieldErrors, done: null }, { status: 400 });
      return ok("justering.sent");
    }
    case "approve": {
      const parsed = parseForm(approveSchema, form);
      // The reason field shows only beside personnummer hits, so its error goes in the approval's alert.
      if (!parsed.ok) return fail({ approve: parsed.fieldErrors.reason });
      const result = await approve(context, meeting, user, parsed.data.reason);
      if (result.ok) return ok(result.final ? "justering.final" : "justering.approved");
      if (result.error === "justering.notApprover") throw new Response("Forbidden", { status: 403 });
      return data(
        { intent, fieldErrors: { approve: result.error } as FieldErrors, done: null, hits: "hits" in result ? result.hits : [] },
        { status: result.error === "justering.personnummer" ? 409 : 400 },
      );
    }
    case "correction": {
      const parsed = parseForm(correctionSchema, form);
      if (!parsed.ok) return data({ intent, fieldErrors: parsed.fieldErrors, done: null }, { status: 400 });
      const error = await addCorrection(context.db, meeting, user, parsed.data.text);
      if (error === "justering.notApprover") throw new Response("Forbidden", { status: 403 });
      if (error) return data({ intent, fieldErrors: { text: error } as FieldErrors, done: null }, { status: 409 });
      return ok("correction.added");
    }
    case "approveCorrection": {
      const id = Number(form.get("correctionId"));
      if (!Number.isSafeInteger(id)) throw new Response("Bad Request", { status: 400 });
      if (await approveCorrection(context.db, meeting, user, id)) throw new Response("Forbidden", { status: 403 });
      return ok("correction.approved");
    }
    case "decision": {
      const parsed = parseForm(meetingDecisionSchema, form);
      if (!parsed.ok) return fail(parsed.fieldErrors);
      const { agenda } = await meetingDetails(context.db, meeting);
      if (!agenda.some((a) => a.id === parsed.data.agendaItemId && !a.proposed)) return fail({ agendaItemId: "decision.itemInvalid" });
      const id = await createDecision(
        context.db,
        meeting.groupId,
        { kind: "meeting", meetingId: meeting.id, agendaItemId: parsed.data.agendaItemId, text: parsed.data.text, on: stockholmDate(meeting.startsAt) },
        user,
      );
      return redirect(`/decisions/${id}`);
    }
    case "presence": {
      const { people } = await meetingDetails(context.db, meeting);
      const present = new Set(form.getAll("present").map(String));
      await recordPresence(
        context.db,
        meeting.id,
        people.filter((p) => present.has(p.userId)).map((p) => ({ userId: p.userId, partyId: p.partyId })),
        user,
      );
      return ok("presence.saved");
    }
  }
  throw notFound();
}

export default function Meeting() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const m = d.meeting;
  const errors = (intent: string) => (result && result.intent === intent ? result.fieldErrors : {});
  const cancelled = m.status === "cancelled";
  const refused = (result?.fieldErrors as FieldErrors | undefined)?.refused;
  return (
    <div className="page">
      <p>
        <Link to={`/groups/${d.group.id}`}>{d.group.name}</Link>
      </p>
      <h1>{m.title}</h1>
      <Notice message={result?.done ? t(result.done) : undefined} />
      <FormAlert message={refused ? t(refused) : undefined} />
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

      {d.can.sendNotice || d.can.edit || d.can.cancel ? (
        <div className="actions">
          {d.can.sendNotice ? (
            <Form method="post">
              <input type="hidden" name="intent" value="notice" />
              <button type="submit">{t("meeting.sendNotice")}</button>
            </Form>
          ) : null}
          {d.can.edit ? (
            <Link to={`/meetings/${m.id}/edit`} className="button-link secondary">
              {t("meeting.edit")}
            </Link>
          ) : null}
          {d.can.cancel ? (
            <details>
              <summary>{t("meeting.cancel")}</summary>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="cancel" />
                <p>{t(m.status === "noticed" ? "meeting.cancelWarnNoticed" : "meeting.cancelWarn")}</p>
                <Field name="reason" label={t("meeting.cancelReason")} required error={errors("cancel").reason} />
                <button type="submit" className="danger">
                  {t("meeting.cancelConfirm")}
                </button>
              </Form>
            </details>
          ) : null}
        </div>
      ) : null}

      {d.can.rsvp ? <Rsvp meetingId={m.id} answer={d.myRsvp} /> : null}

      <section aria-labelledby="agenda-h">
        <h2 id="agenda-h">{t("agenda.title")}</h2>
        {!cancelled && d.minutes.status !== "draft" ? <p className="muted">{t("agenda.locked")}</p> : null}
        <ol className="agenda">
          {d.agenda.map((item) => (
            <li key={item.id}>
              <span className="agenda-title">{paragraphHeading(item)}</span>{" "}
              <span className="muted">
                ({t(`agenda.type.${item.type}` as MessageKey)}
                {item.presenter ? `, ${item.presenter}` : ""}
                {item.estimatedMinutes ? `, ${t("agenda.minutes", { n: item.estimatedMinutes })}` : ""})
              </span>
              {item.links.map((l) => (
                <a key={l} href={l} className="agenda-link">
                  {l}
                </a>
              ))}
              {d.can.changeAgenda ? <ItemButtons id={item.id} ops={["up", "down", "remove"]} title={item.title} /> : null}
            </li>
          ))}
        </ol>
        {d.proposals.length ? (
          <>
            <h3>{t("agenda.proposals")}</h3>
            <ul>
              {d.proposals.map((item) => (
                <li key={item.id}>
                  {item.title}
                  {d.can.changeAgenda ? <ItemButtons id={item.id} ops={["accept", "remove"]} title={item.title} /> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {d.can.changeAgenda || d.can.proposeItem ? (
          <details open={result?.intent === "add" || result?.intent === "propose"}>
            <summary>{t(d.can.changeAgenda ? "agenda.add" : "agenda.propose")}</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value={d.can.changeAgenda ? "add" : "propose"} />
              <Field name="title" label={t("agenda.itemTitle")} required error={errors("add").title ?? errors("propose").title} />
              <SelectField
                name="type"
                label={t("agenda.itemType")}
                options={(["information", "discussion", "decision"] as const).map((v) => ({ value: v, label: t(`agenda.type.${v}`) }))}
              />
              <Field name="presenter" label={t("agenda.presenter")} error={errors("add").presenter} />
              <Field name="estimatedMinutes" type="number" min={1} max={600} label={t("agenda.estimatedMinutes")} error={errors("add").estimatedMinutes ?? errors("propose").estimatedMinutes} />
              <Field name="links" label={t("agenda.links")} hint={t("agenda.linksHint")} error={errors("add").links ?? errors("propose").links} />
              <button type="submit">{t(d.can.changeAgenda ? "agenda.addSubmit" : "agenda.proposeSubmit")}</button>
            </Form>
          </details>
        ) : null}
      </section>

      {!cancelled ? (
        <section aria-labelledby="minutes-h">
          <h2 id="minutes-h">{t("minutes.title")}</h2>
          <p className="muted">{t(`minutes.status.${d.minutes.status}` as MessageKey)}</p>
          <LiveMinutes key={d.minutes.status} meetingId={m.id} me={d.minutes.me} editable={d.minutes.editable} />
          <Justering meeting={d} result={result} />
        </section>
      ) : null}

      {!cancelled ? (
        <MeetingDecisions
          groupId={d.group.id}
          groupKind={d.group.kind}
          held={d.held}
          canRecord={d.can.recordDecision}
          agenda={d.agenda}
          decisions={d.decisions}
          errors={errors("decision")}
        />
      ) : null}

      <section aria-labelledby="attendance-h">
        <h2 id="attendance-h">{t("presence.title")}</h2>
        <p>
          {t("presence.mandated")}: {d.parties.filter((p) => p.mandated).map((p) => p.name).join(", ") || "—"}
        </p>
        {d.parties.some((p) => !p.mandated) ? (
          <p className="muted">
            {t("presence.missing")}: {d.parties.filter((p) => !p.mandated).map((p) => p.name).join(", ")}
          </p>
        ) : null}
        <Form method="post">
          {d.can.recordAttendance ? <input type="hidden" name="intent" value="presence" /> : null}
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("presence.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("accept.name")}</th>
                  <th scope="col">{t("group.party")}</th>
                  <th scope="col">{t("group.role")}</th>
                  <th scope="col">{t("rsvp.title")}</th>
                  <th scope="col">{t("presence.present")}</th>
                </tr>
              </thead>
              <tbody>
                {d.people.map((p) => (
                  <tr key={p.userId}>
                    <td>{p.name}</td>
                    <td>{p.partyName}</td>
                    <td>{t(`role.${p.role}` as MessageKey)}</td>
                    <td>{p.rsvp ? t(p.rsvp === "attending" ? "rsvp.attending" : "rsvp.declined") : "—"}</td>
                    <td>
                      {d.can.recordAttendance ? (
                        <input type="checkbox" name="present" value={p.userId} defaultChecked={p.present ?? false} aria-label={t("presence.presentFor", { name: p.name })} />
                      ) : p.present ? (
                        t("presence.yes")
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {d.can.recordAttendance ? <button type="submit">{t("presence.save")}</button> : null}
        </Form>
      </section>
    </div>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionData = ReturnType<typeof useActionData<typeof action>>;

/** Sending for approval, approving, and what happens after: the approval block of Swedish minutes. */
function Justering({ meeting: d, result }: { meeting: LoaderData; result: ActionData }) {
  const t = useT();
  const locale = useLocale();
  const { minutes } = d;
  const error = result?.fieldErrors?.adjuster ?? result?.fieldErrors?.approve;
  const hits: { text: string; context: string }[] = result && "hits" in result ? (result.hits as { text: string; context: string }[]) : [];
  return (
    <div className="justering">
      <h3>{t("justering.title")}</h3>
      {error && error !== "justering.personnummer" ? <FormAlert message={t(error)} /> : null}
      {d.can.sendForApproval ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="forApproval" />
          <fieldset>
            <legend>{t("justering.chooseAdjusters")}</legend>
            {d.people
              .filter((p) => p.role !== "observer" && p.userId !== d.me)
              .map((p) => (
                <label key={p.userId} className="check">
                  <input type="checkbox" name="adjuster" value={p.userId} /> {p.name} ({p.partyName})
                </label>
              ))}
          </fieldset>
          <button type="submit">{t("justering.send")}</button>
        </Form>
      ) : null}
      {minutes.status !== "draft" ? (
        <ul className="approvers">
          {minutes.approvers.map((a, i) => (
            <li key={i}>
              {t(a.role === "chair" ? "justering.chair" : "justering.adjuster")}: {a.name} —{" "}
              {a.approvedAt ? t("justering.approvedAt", { date: formatDateTime(a.approvedAt, locale) }) : t("justering.waiting")}
            </li>
          ))}
        </ul>
      ) : null}
      {hits.length ? (
        <div className="alert alert-error" role="alert">
          <p>{t("justering.personnummerFound")}</p>
          <ul>
            {hits.map((h, i) => (
              <li key={i}>
                <q>{h.context}</q>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {d.can.approveMinutes ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="approve" />
          {hits.length && minutes.isMinutesChair ? (
            <Field name="reason" label={t("justering.keepReason")} hint={t("justering.keepReasonHint")} required />
          ) : null}
          <button type="submit">{t("justering.approve")}</button>
        </Form>
      ) : null}
      {minutes.status === "final" ? (
        <p>
          <Link to={`/meetings/${d.meeting.id}/minutes`}>{t("justering.printable")}</Link> ·{" "}
          <a href={`/meetings/${d.meeting.id}/minutes.md`} download>
            {t("justering.downloadMarkdown")}
          </a>{" "}
          ·{" "}
          <a href={`/meetings/${d.meeting.id}/minutes.html`} download>
            {t("justering.downloadHtml")}
          </a>
        </p>
      ) : null}
      {minutes.status === "final" ? <Corrections meeting={d} result={result} /> : null}
      <p>
        <Link to={`/meetings/${d.meeting.id}/minutes/versions`}>{t("justering.versions")}</Link>
      </p>
    </div>
  );
}

/** Notes appended to approved minutes, each approved by the same people as the minutes. */
function Corrections({ meeting: d, result }: { meeting: LoaderData; result: ActionData }) {
  const t = useT();
  const locale = useLocale();
  const canAct = d.can.correctMinutes;
  return (
    <section aria-labelledby="corrections-h">
      <h3 id="corrections-h">{t("correction.title")}</h3>
      {d.minutes.corrections.length === 0 ? <p className="empty">{t("correction.none")}</p> : null}
      <ol>
        {d.minutes.corrections.map((c) => (
          <li key={c.id}>
            <p className="prewrap">{c.text}</p>
            <p className="muted">
              {t("correction.by", { name: c.author, date: formatDateTime(c.createdAt, locale) })} ·{" "}
              {c.approved ? t("correction.approvedBy", { names: c.approvedBy.join(", ") }) : t("correction.pending", { names: c.approvedBy.join(", ") })}
            </p>
            {!c.approved && !c.mine && canAct ? (
              <Form method="post">
                <input type="hidden" name="intent" value="approveCorrection" />
                <input type="hidden" name="correctionId" value={c.id} />
                <button type="submit" className="small">
                  {t("correction.approve")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ol>
      {canAct ? (
        <details open={result?.intent === "correction"}>
          <summary>{t("correction.add")}</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="correction" />
            <TextArea name="text" label={t("correction.text")} hint={t("correction.hint")} required error={result?.intent === "correction" ? result.fieldErrors?.text : undefined} />
            <button type="submit">{t("correction.submit")}</button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

function ItemButtons({ id, ops, title }: { id: string; ops: ("up" | "down" | "accept" | "remove")[]; title: string }) {
  const t = useT();
  return (
    <Form method="post" className="item-buttons">
      <input type="hidden" name="intent" value="item" />
      <input type="hidden" name="itemId" value={id} />
      {ops.map((op) => (
        <button key={op} type="submit" name="op" value={op} className="small secondary" aria-label={t(`agenda.op.${op}Label`, { title })}>
          {t(`agenda.op.${op}`)}
        </button>
      ))}
    </Form>
  );
}
