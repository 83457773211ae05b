import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireAdmin, requireUser } from "~/auth/guards.server";
import { Field, SelectField } from "~/components/Field";
import { PeriodSummary } from "~/components/PeriodSummary";
import { conditionClause } from "~/components/funding/FundsDecision";
import { cadenceStatus } from "~/domain/cadence";
import { meetingStage } from "~/domain/meeting-phase";
import { periodAfterNotices } from "~/domain/participation";
import { periodStatus, upcomingDates } from "~/domain/period";
import { agreementEndsOn } from "~/domain/termination";
import { stockholmDate } from "~/domain/stockholm-date";
import { parseForm } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { formatDateTime } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { isUuid, requirePartnership } from "~/services/access.server";
import { createGroup } from "~/services/groups.server";
import { partnershipContents, partnershipExists } from "~/services/partnerships.server";
import { terminationsOf } from "~/services/terminations.server";
import { TableScroll } from "~/components/DataTable";
import { MeetingStatusBadge } from "~/components/MeetingStatusBadge";

export const meta = titled("partnership.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  if (!isUuid(params.id)) throw notFound();
  const now = new Date();
  const today = stockholmDate(now);
  // The page's data is asked for beside the check, and returned only if the check passes.
  const [partnership, { parties, groups, holders, meetings }, terminations] = await Promise.all([
    requirePartnership(context, user, params.id),
    partnershipContents(context.db, params.id, today),
    terminationsOf(context.db, params.id),
  ]);
  const partyName = new Map(parties.map((p) => [p.id, p.name]));
  const endsOn = agreementEndsOn(parties, terminations);
  return {
    today,
    endsOn,
    leaving: terminations.map((n) => ({ party: n.partyName, effectiveOn: n.effectiveOn })),
    isAdmin: user.isAdmin,
    partnership,
    // As the API says it: notices that end the agreement end its period and deadlines too.
    period: partnership.periodRule ? periodAfterNotices(periodStatus(partnership.periodRule, today), endsOn, today) : null,
    parties,
    groups: groups.map((g) => {
      const holder = holders.get(g.id);
      const own = meetings.filter((m) => m.groupId === g.id);
      const next = own.find((m) => m.endsAt >= now);
      const cadence =
        g.cadencePer && g.cadenceAtLeast
          ? cadenceStatus(
              { per: g.cadencePer, atLeast: g.cadenceAtLeast },
              own.map((m) => stockholmDate(m.startsAt)),
              today
            )
          : null;
      return {
        id: g.id,
        kind: g.kind,
        name: g.name,
        holder: holder ? { party: partyName.get(holder.partyId) ?? "", person: holder.person?.name ?? null } : null,
        nextMeeting: next ? { id: next.id, title: next.title, startsAt: next.startsAt.toISOString(), stage: meetingStage(next, now) } : null,
        cadenceAtRisk: cadence?.atRisk ?? false,
      };
    }),
  };
}

const groupSchema = z.object({
  kind: z.enum(["steering", "cooperation"], { error: "form.required" }),
  name: z.string().trim().min(1, "form.required").max(120, "form.tooLong"),
  cadencePer: z
    .enum(["year", "half-year"])
    .optional()
    .or(z.literal("").transform(() => undefined)),
  cadenceAtLeast: z.coerce.number().int("form.numberInvalid").min(0, "form.numberInvalid").max(52, "form.numberInvalid").optional(),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = requireAdmin(context, request);
  if (!(await partnershipExists(context.db, params.id!))) throw notFound();
  const parsed = parseForm(groupSchema, await readForm(request));
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  const { kind, name, cadencePer, cadenceAtLeast } = parsed.data;
  const id = await createGroup(context.db, params.id!, { kind, name, cadencePer: cadencePer ?? null, cadenceAtLeast: cadencePer && cadenceAtLeast ? cadenceAtLeast : null }, admin);
  return redirect(`/groups/${id}`);
}

export default function Partnership() {
  const t = useT();
  const locale = useLocale();
  const { partnership, period, parties, groups, isAdmin, today, endsOn, leaving } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="page">
      <h1>{partnership.name}</h1>
      {partnership.referenceNumber ? <p className="muted">Dnr {partnership.referenceNumber}</p> : null}
      {partnership.purpose ? <p>{partnership.purpose}</p> : null}
      {partnership.targetGroup ? (
        <p>
          <strong>{t("partnership.targetGroup")}:</strong> {partnership.targetGroup}
        </p>
      ) : null}

      <section aria-labelledby="period-h">
        <h2 id="period-h">{t("partnership.period")}</h2>
        <PeriodSummary status={period} on={today} />
        {partnership.fundsCondition?.conditional && !partnership.fundsCondition.decidedOn ? (
          <p className="warning">
            {t("funds.conditional", { clause: conditionClause(partnership.fundsCondition) })}{" "}
            <Link to={`/partnerships/${partnership.id}/funding`}>{t("funds.title")}</Link>
          </p>
        ) : null}
        {endsOn ? <p className="warning">{t("termination.ends", { date: endsOn })}</p> : null}
        {leaving.length ? (
          <ul>
            {leaving.map((n) => (
              <li key={n.party}>{t("termination.partyLeaves", { party: n.party, date: n.effectiveOn })}</li>
            ))}
          </ul>
        ) : null}
        {period && (period.noticeDeadline || period.currentPeriodEnd) ? (
          <>
            <h3>{t("partnership.deadlines")}</h3>
            <ul>
              {upcomingDates(period).map((d) => (
                <li key={d.kind}>{t(d.kind === "notice" ? "deadline.notice" : "deadline.periodEnd", { date: d.date })}</li>
              ))}
            </ul>
          </>
        ) : null}
        <p>
          <Link to={`/partnerships/${partnership.id}/termination`}>{t("termination.link")}</Link>
        </p>
      </section>

      <section aria-labelledby="parties-h">
        <h2 id="parties-h">{t("home.parties")}</h2>
        <TableScroll label={t("home.parties")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("partnership.partyName")}</th>
                <th scope="col">{t("partnership.orgNumber")}</th>
                <th scope="col">{t("partnership.sector")}</th>
              </tr>
            </thead>
            <tbody>
              {parties.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>{p.orgNumber ?? t("home.orgNumberMissing")}</td>
                  <td>{t(p.sector === "public" ? "sector.public" : "sector.idea")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      <section aria-labelledby="groups-h">
        <h2 id="groups-h">{t("partnership.groups")}</h2>
        {groups.length === 0 ? <p className="empty">{t("partnership.noGroups")}</p> : null}
        <ul className="card-list">
          {groups.map((g) => (
            <li key={g.id} className="card">
              <h3>
                <Link to={`/groups/${g.id}`}>{g.name}</Link>
              </h3>
              <p className="muted">{t(g.kind === "steering" ? "group.kind.steering" : "group.kind.cooperation")}</p>
              <p>
                {t(g.kind === "steering" ? "group.chair" : "group.documenter")}:{" "}
                {g.holder ? `${g.holder.person ?? t("group.personNotNamed")} (${g.holder.party})` : t("group.noRotation")}
              </p>
              <p>
                {t("group.nextMeeting")}:{" "}
                {g.nextMeeting ? (
                  <>
                    <Link to={`/meetings/${g.nextMeeting.id}`}>{`${g.nextMeeting.title}, ${formatDateTime(g.nextMeeting.startsAt, locale)}`}</Link>{" "}
                    <MeetingStatusBadge stage={g.nextMeeting.stage} />
                  </>
                ) : (
                  t("group.noMeetings")
                )}
              </p>
              {g.cadenceAtRisk ? <p className="warning">{t("group.cadenceAtRisk")}</p> : null}
            </li>
          ))}
        </ul>
        {isAdmin ? (
          <details>
            <summary>{t("group.add")}</summary>
            <Form method="post" className="stack" noValidate>
              <SelectField
                name="kind"
                label={t("group.kind")}
                options={[
                  { value: "steering", label: t("group.kind.steering") },
                  { value: "cooperation", label: t("group.kind.cooperation") },
                ]}
                error={result?.fieldErrors.kind}
              />
              <Field name="name" label={t("group.name")} required error={result?.fieldErrors.name} />
              <div className="row">
                <Field name="cadenceAtLeast" type="number" min={0} max={52} label={t("group.cadenceAtLeast")} error={result?.fieldErrors.cadenceAtLeast} />
                <SelectField
                  name="cadencePer"
                  label={t("group.cadencePer")}
                  options={[
                    { value: "year", label: t("cadence.year") },
                    { value: "half-year", label: t("cadence.half-year") },
                  ]}
                />
              </div>
              <button type="submit">{t("group.create")}</button>
            </Form>
          </details>
        ) : null}
      </section>
    </div>
  );
}
