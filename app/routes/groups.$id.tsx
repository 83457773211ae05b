import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guards.server";
import { EscalateForm } from "~/components/EscalateForm";
import { Field, FormAlert, Notice, SelectField } from "~/components/Field";
import { cadenceStatus } from "~/domain/cadence";
import { participatesOn } from "~/domain/participation";
import { stockholmDate } from "~/domain/stockholm-date";
import { dateField } from "~/forms/input";
import { NO_FIELD_ERRORS, parseForm } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { formatDateTime, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { requireGroupAccess } from "~/services/access.server";
import { overrideProblem } from "~/domain/rotation";
import { addOverride, holdersFor, membersOf, momentOf, nameHolder, nextTurns, overrideActor, rotationOf, rotationRecordsOf, setConvener, setMember, setRotation } from "~/services/groups.server";
import { canConvene, meetingsOfGroup } from "~/services/meetings.server";
import { partiesOf } from "~/services/partnerships.server";

export const meta = titled("group.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const access = await requireGroupAccess(context.db, user, params.id!);
  const { group } = access;
  const now = new Date();
  const today = stockholmDate(now);
  const [members, partyRows, meetingRows, [overrides, named], holders] = await Promise.all([
    membersOf(context.db, group.id),
    partiesOf(context.db, group.partnershipId),
    meetingsOfGroup(context.db, group.id),
    rotationRecordsOf(context.db, group.id),
    holdersFor(context.db, [group], today, now),
  ]);
  const partyName = new Map(partyRows.map((p) => [p.id, p.name]));
  const personName = new Map(members.map((m) => [m.userId, m.name]));
  const rotation = rotationOf(group, overrides, partyRows);
  const holder = holders.get(group.id);
  const held = meetingRows.filter((m) => m.startsAt < now && group.rotationStartsOn && stockholmDate(m.startsAt) >= group.rotationStartsOn).length;
  const describe = (turn: { index: number; partyId: string; from: string | null; to: string | null; fromMeeting: number | null; toMeeting: number | null; skipped: { partyId: string; reason: string }[] }) => {
    const person = named.find((n) => n.turnIndex === turn.index);
    return {
      ...turn,
      party: partyName.get(turn.partyId) ?? "",
      person: person ? (personName.get(person.userId) ?? null) : null,
      skipped: turn.skipped.map((s) => ({ party: partyName.get(s.partyId) ?? "", reason: s.reason })),
    };
  };
  const upcoming = rotation ? nextTurns(rotation, today, held, 3) : [];
  // The turns this user may pass on now: the current or the next, when the rotation rule allows it.
  const passable = rotation
    ? [holder?.turn, upcoming[0]].flatMap((turn) =>
        turn && !overrideProblem(rotation, turn.index, overrideActor(access), momentOf(rotation, today, held)) ? [{ ...describe(turn), current: turn === holder?.turn }] : [],
      )
    : [];
  const cadence =
    group.cadencePer && group.cadenceAtLeast
      ? cadenceStatus({ per: group.cadencePer, atLeast: group.cadenceAtLeast }, meetingRows.map((m) => stockholmDate(m.startsAt)), today)
      : null;
  return {
    group: { id: group.id, name: group.name, kind: group.kind, partnershipId: group.partnershipId, cadencePer: group.cadencePer, cadenceAtLeast: group.cadenceAtLeast },
    isAdmin: access.isAdmin,
    canConvene: canConvene(access, holder),
    convenerPartyId: group.convenerPartyId,
    convener: group.convenerPartyId ? (partyName.get(group.convenerPartyId) ?? null) : null,
    canEscalate: group.kind === "cooperation" && Boolean(access.membership && access.membership.role !== "observer"),
    canName: Boolean(holder && (access.isAdmin || (access.membership?.partyId === holder.partyId && access.membership.role === "representative"))),
    members,
    parties: partyRows,
    current: holder ? describe(holder.turn) : null,
    upcoming: upcoming.map(describe),
    // Parties of the rotation that have left: the turns pass them by.
    departed: partyRows.filter((p) => group.rotationOrder?.includes(p.id) && !participatesOn(p, today)).map((p) => ({ name: p.name, until: p.participatesUntil })),
    passable,
    rotation: rotation ? { unit: rotation.term.unit, length: rotation.term.length, startsOn: rotation.startsOn } : null,
    cadence,
    meetings: meetingRows.map((m) => ({ id: m.id, title: m.title, kind: m.kind, status: m.status, startsAt: m.startsAt.toISOString(), past: m.endsAt < now })),
  };
}

const memberSchema = z.object({ email: z.string().trim().min(1, "form.required"), partyId: z.uuid({ error: "form.required" }), role: z.enum(["representative", "deputy", "observer"]) });
const rotationSchema = z.object({
  startsOn: dateField,
  unit: z.enum(["months", "meetings"]),
  length: z.coerce.number().int("form.numberInvalid").min(1, "form.numberInvalid").max(60, "form.numberInvalid"),
});
// A turn counted from the rotation's start; bounded so no number reaches an integer column unchecked.
const turnIndex = z.coerce.number().int().min(0).max(10_000);
const skipSchema = z.object({ turnIndex, reason: z.string().trim().min(1, "form.required").max(1000, "form.tooLong") });
const holderSchema = z.object({ turnIndex, userId: z.uuid({ error: "form.required" }) });

// The convener field's value for "the chair of the rotation"; any other value is a party's id.
const ROTATING_CHAIR = "rotatingChair";

type Result = { intent: string; fieldErrors: Partial<Record<string, MessageKey>>; done?: MessageKey };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const access = await requireGroupAccess(context.db, user, params.id!);
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  const fail = (fieldErrors: Result["fieldErrors"], status = 400) => data<Result>({ intent, fieldErrors }, { status });
  const forbidden = () => {
    throw new Response("Forbidden", { status: 403 });
  };

  if (intent === "member") {
    if (!access.isAdmin) forbidden();
    const parsed = parseForm(memberSchema, form);
    if (!parsed.ok) return fail(parsed.fieldErrors);
    const result = await setMember(context.db, access.group.id, parsed.data, user);
    if (!result.ok) return fail({ email: result.error }, 409);
    return data<Result>({ intent, fieldErrors: NO_FIELD_ERRORS, done: "group.memberSaved" });
  }
  if (intent === "rotation") {
    if (!access.isAdmin) forbidden();
    const parsed = parseForm(rotationSchema, form);
    if (!parsed.ok) return fail(parsed.fieldErrors);
    const parties = new Set((await partiesOf(context.db, access.group.partnershipId)).map((p) => p.id));
    const order = [...new Set(form.getAll("order").map(String).filter((id) => parties.has(id)))];
    if (order.length < 2) return fail({ order: "rotation.orderTooShort" });
    await setRotation(context.db, access.group.id, { ...parsed.data, order }, user);
    return data<Result>({ intent, fieldErrors: NO_FIELD_ERRORS, done: "rotation.saved" });
  }
  if (intent === "convener") {
    if (!access.isAdmin) forbidden();
    const chosen = String(form.get("convener") ?? "");
    const parties = await partiesOf(context.db, access.group.partnershipId);
    if (chosen !== ROTATING_CHAIR && !parties.some((p) => p.id === chosen)) return fail({ convener: "member.unknownParty" });
    await setConvener(context.db, access.group.id, chosen === ROTATING_CHAIR ? null : chosen, user);
    return data<Result>({ intent, fieldErrors: NO_FIELD_ERRORS, done: "convener.saved" });
  }
  if (intent === "skip") {
    const parsed = parseForm(skipSchema, form);
    if (!parsed.ok) return fail(parsed.fieldErrors);
    const problem = await addOverride(context.db, access.group.id, parsed.data, user, overrideActor(access));
    if (problem) return fail({ turnIndex: problem });
    return data<Result>({ intent, fieldErrors: NO_FIELD_ERRORS, done: "rotation.skipped" });
  }
  const today = stockholmDate(new Date());
  const holder = (await holdersFor(context.db, [access.group], today)).get(access.group.id);
  if (intent === "holder") {
    const parsed = parseForm(holderSchema, form);
    if (!parsed.ok) return fail(parsed.fieldErrors);
    // The party holding the turn names its person; the person must sit in the group for that party.
    const members = await membersOf(context.db, access.group.id);
    const chosen = members.find((m) => m.userId === parsed.data.userId);
    const holderParty = holder && holder.turn.index === parsed.data.turnIndex ? holder.partyId : null;
    const mayName = access.isAdmin || (holderParty && access.membership?.partyId === holderParty && access.membership.role === "representative");
    if (!mayName) forbidden();
    if (!chosen || chosen.partyId !== holderParty) return fail({ userId: "rotation.personNotOfParty" });
    await nameHolder(context.db, access.group.id, parsed.data, user);
    return data<Result>({ intent, fieldErrors: NO_FIELD_ERRORS, done: "rotation.personNamed" });
  }
  throw notFound();
}

export default function Group() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (intent: string) => (result?.intent === intent ? result.fieldErrors : {});
  const roleLabel = (r: string) => t(`role.${r}` as MessageKey);
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
      <Notice message={result?.done ? t(result.done) : undefined} />

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
        {d.canName && d.current ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="holder" />
            <input type="hidden" name="turnIndex" value={d.current.index} />
            <SelectField
              name="userId"
              label={t("rotation.namePerson", { role: holderWord })}
              options={d.members.filter((m) => m.partyId === d.current!.partyId).map((m) => ({ value: m.userId, label: m.name }))}
              error={errors("holder").userId}
            />
            <button type="submit">{t("rotation.namePersonSubmit")}</button>
          </Form>
        ) : null}
        <FormAlert message={errors("skip").turnIndex ? t(errors("skip").turnIndex!) : undefined} />
        {d.passable.length ? (
          <details open={result?.intent === "skip" && !result.done}>
            <summary>{t("rotation.skipTitle")}</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="skip" />
              <p>{t("rotation.skipHint")}</p>
              <SelectField
                name="turnIndex"
                label={t("rotation.skipTurn")}
                options={d.passable.map((turn) => ({ value: String(turn.index), label: t(turn.current ? "rotation.skipCurrent" : "rotation.skipNext", { turn: turnText(turn) }) }))}
              />
              <Field name="reason" label={t("rotation.skipReason")} required error={errors("skip").reason} />
              <button type="submit">{t("rotation.skipSubmit")}</button>
            </Form>
          </details>
        ) : null}
        {d.isAdmin ? (
          <details open={result?.intent === "convener" && !result.done}>
            <summary>{t("convener.title")}</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="convener" />
              <p className="muted">{t("convener.hint")}</p>
              <SelectField
                name="convener"
                label={t("convener.label")}
                defaultValue={d.convenerPartyId ?? ROTATING_CHAIR}
                options={[{ value: ROTATING_CHAIR, label: t("convener.rotatingChair") }, ...d.parties.map((p) => ({ value: p.id, label: p.name }))]}
                error={errors("convener").convener}
              />
              <button type="submit">{t("convener.submit")}</button>
            </Form>
          </details>
        ) : null}
        {d.isAdmin ? (
          <details>
            <summary>{t("rotation.setTitle")}</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="rotation" />
              <p className="muted">{t("rotation.setHint")}</p>
              {errors("rotation").order ? <FormAlert message={t(errors("rotation").order!)} /> : null}
              {d.parties.map((p, i) => (
                <SelectField
                  key={p.id}
                  id={`order-${i}`}
                  name="order"
                  label={t("rotation.position", { n: i + 1 })}
                  defaultValue={d.parties[i].id}
                  options={d.parties.map((o) => ({ value: o.id, label: o.name }))}
                />
              ))}
              <div className="row">
                <Field name="startsOn" type="date" label={t("rotation.startsOn")} required error={errors("rotation").startsOn} />
                <Field name="length" type="number" min={1} max={60} label={t("rotation.length")} required defaultValue="12" error={errors("rotation").length} />
                <SelectField
                  name="unit"
                  label={t("rotation.unit")}
                  options={[
                    { value: "months", label: t("rotation.unit.months") },
                    { value: "meetings", label: t("rotation.unit.meetings") },
                  ]}
                />
              </div>
              <button type="submit">{t("rotation.setSubmit")}</button>
            </Form>
          </details>
        ) : null}
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
        {d.canConvene ? (
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
              {m.kind === "extra" ? ` · ${t("meeting.kind.extra")}` : ""} · {t(`meeting.status.${m.status}` as MessageKey)}
            </li>
          ))}
        </ul>
      </section>

      {d.canEscalate ? <EscalateForm groupId={d.group.id} partnershipId={d.group.partnershipId} /> : null}

      <section aria-labelledby="members-h">
        <h2 id="members-h">{t("group.members")}</h2>
        {d.members.length === 0 ? <p className="empty">{t("group.noMembers")}</p> : null}
        {d.members.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("accept.name")}</th>
                  <th scope="col">{t("group.party")}</th>
                  <th scope="col">{t("group.role")}</th>
                </tr>
              </thead>
              <tbody>
                {d.members.map((m) => (
                  <tr key={m.userId}>
                    <td>{m.name}</td>
                    <td>{m.partyName}</td>
                    <td>{roleLabel(m.role)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {d.isAdmin ? (
          <details open={result?.intent === "member"}>
            <summary>{t("group.addMember")}</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="member" />
              <Field name="email" type="email" label={t("group.memberEmail")} required error={errors("member").email} />
              <SelectField name="partyId" label={t("group.party")} options={d.parties.map((p) => ({ value: p.id, label: p.name }))} error={errors("member").partyId} />
              <SelectField
                name="role"
                label={t("group.role")}
                options={(["representative", "deputy", "observer"] as const).map((r) => ({ value: r, label: roleLabel(r) }))}
              />
              <button type="submit">{t("group.saveMember")}</button>
            </Form>
          </details>
        ) : null}
      </section>
    </div>
  );
}
