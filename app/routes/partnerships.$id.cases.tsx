import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Field, FormAlert, Notice, SelectField, TextArea } from "~/components/Field";
import { DataTable } from "~/components/DataTable";
import { PartnershipTabs } from "~/components/PartnershipTabs";
import { isClosed } from "~/domain/cases";
import { participatesOn } from "~/domain/participation";
import { stockholmDate } from "~/domain/stockholm-date";
import { escalationSchema, matterSchema, shortcomingSchema } from "~/forms/case";
import { NO_FIELD_ERRORS, parseForm, type FieldErrors } from "~/forms/parse";
import { baseUrl } from "~/http/base-url.server";
import { readForm } from "~/http/form.server";
import { formatDateTime, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { requireGroupAccess, requirePartnershipAccess } from "~/services/access.server";
import { caseActorsOf, casesOf, nextDeadline, openCase, type NewCase } from "~/services/cases.server";
import { partiesOf } from "~/services/partnerships.server";

export const meta = titled("cases.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  await requirePartnershipAccess(context.db, user, params.id!);
  const [rows, partyRows, actors] = await Promise.all([casesOf(context.db, params.id!), partiesOf(context.db, params.id!), caseActorsOf(context.db, user, params.id!)]);
  const list = rows.map((c) => ({
    id: c.id,
    kind: c.kind,
    stage: c.stage,
    title: c.title,
    concerns: c.concerns,
    deadline: nextDeadline(c),
    updatedAt: c.updatedAt.toISOString(),
  }));
  return {
    id: params.id!,
    canReport: actors.speaksFor.length > 0 || user.isAdmin,
    canInform: actors.speaksFor.length > 0,
    // A party reports another party; the coordinator may report any.
    accusable: partyRows.filter((p) => user.isAdmin || !actors.speaksFor.includes(p.id)).map((p) => ({ id: p.id, name: p.name })),
    open: list.filter((c) => !isClosed(c.kind, c.stage)),
    closed: list.filter((c) => isClosed(c.kind, c.stage)),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const partnershipId = params.id!;
  await requirePartnershipAccess(context.db, user, partnershipId);
  const actors = await caseActorsOf(context.db, user, partnershipId);
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  const fail = (fieldErrors: FieldErrors) => data({ intent, fieldErrors, done: null, meeting: null }, { status: 400 });
  const raisedByParty = actors.speaksFor[0] ?? null;
  if (!raisedByParty && !(user.isAdmin && intent === "shortcoming")) throw new Response("Forbidden", { status: 403 });

  let input: NewCase;
  switch (intent) {
    case "shortcoming": {
      const parsed = parseForm(shortcomingSchema, form);
      if (!parsed.ok) return fail(parsed.fieldErrors);
      const target = parsed.data.concernsParty;
      const known = (await partiesOf(context.db, partnershipId)).some((p) => p.id === target);
      if (!known || (!user.isAdmin && actors.speaksFor.includes(target))) return fail({ concernsParty: "case.partyRequired" });
      const { commitment, description, evidence } = parsed.data;
      input = { kind: "shortcoming", title: commitment, description, raisedByParty, concernsParty: target, commitment, evidence };
      break;
    }
    case "dispute":
    case "information": {
      const parsed = parseForm(matterSchema, form);
      if (!parsed.ok) return fail(parsed.fieldErrors);
      input = { kind: intent, raisedByParty, ...parsed.data };
      break;
    }
    case "escalate": {
      const parsed = parseForm(escalationSchema, form);
      if (!parsed.ok) return fail(parsed.fieldErrors);
      const access = await requireGroupAccess(context.db, user, parsed.data.groupId);
      if (access.group.partnershipId !== partnershipId || access.group.kind !== "cooperation") throw new Response("Bad Request", { status: 400 });
      // Raised by the party the user has a say for in that very group (not one they sit for elsewhere), while it takes part.
      const seat = access.membership;
      const party = seat && seat.role !== "observer" ? (await partiesOf(context.db, partnershipId)).find((p) => p.id === seat.partyId) : undefined;
      if (!party || !participatesOn(party, stockholmDate(new Date()))) throw new Response("Forbidden", { status: 403 });
      input = { kind: "dispute", stage: "steering", fromGroupId: access.group.id, raisedByParty: party.id, title: parsed.data.title, description: parsed.data.description };
      break;
    }
    default:
      throw new Response("Bad Request", { status: 400 });
  }
  const created = await openCase({ ...context, baseUrl: baseUrl(context) }, partnershipId, input, user, context.locale);
  const done: MessageKey = intent === "escalate" ? "case.escalated" : created.agenda ? "cases.onAgenda" : "cases.awaitingMeeting";
  return { intent, fieldErrors: NO_FIELD_ERRORS, done, meeting: created.agenda?.meeting.title ?? null, caseId: created.id };
}

export default function Cases() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (intent: string) => (result && result.intent === intent ? result.fieldErrors : {});
  return (
    <div className="page">
      <PartnershipTabs id={d.id} current="cases" />
      <h1>{t("cases.title")}</h1>
      <p>{t("cases.intro")}</p>
      <Notice message={result?.done ? t(result.done, { meeting: result.meeting ?? "" }) : undefined} />
      {result && !result.done ? <FormAlert message={t("form.errorSummary")} /> : null}

      <section aria-labelledby="open-h">
        <h2 id="open-h">{t("cases.open")}</h2>
        <CaseTable rows={d.open} empty="cases.none" />
      </section>

      {d.canReport ? (
        <section aria-labelledby="report-h">
          <h2 id="report-h">{t("cases.newShortcoming")}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="shortcoming" />
            <SelectField
              name="concernsParty"
              id="sc-party"
              label={t("cases.concernsParty")}
              options={d.accusable.map((p) => ({ value: p.id, label: p.name }))}
              error={errors("shortcoming").concernsParty}
            />
            <Field name="commitment" id="sc-commitment" label={t("cases.commitment")} hint={t("cases.commitmentHint")} required error={errors("shortcoming").commitment} />
            <TextArea name="description" id="sc-description" label={t("cases.lacking")} hint={t("cases.lackingHint")} rows={4} required error={errors("shortcoming").description} />
            <TextArea name="evidence" id="sc-evidence" label={t("cases.evidence")} hint={t("cases.evidenceHint")} rows={2} error={errors("shortcoming").evidence} />
            <button type="submit">{t("cases.submitShortcoming")}</button>
          </Form>
        </section>
      ) : (
        <p className="muted">{t("cases.notParty")}</p>
      )}

      {d.canInform ? (
        <>
          <MatterForm intent="dispute" heading="cases.newDispute" submit="cases.submitDispute" errors={errors("dispute")} />
          <MatterForm intent="information" heading="cases.newInformation" submit="cases.submitInformation" errors={errors("information")} />
        </>
      ) : null}

      <section aria-labelledby="closed-h">
        <h2 id="closed-h">{t("cases.closed")}</h2>
        <CaseTable rows={d.closed} empty="cases.noneClosed" />
      </section>
    </div>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["open"][number];

function CaseTable({ rows, empty }: { rows: Row[]; empty: MessageKey }) {
  const t = useT();
  const locale = useLocale();
  if (!rows.length) return <p className="empty">{t(empty)}</p>;
  return (
    <DataTable headers={[t("cases.colTitle"), t("cases.colKind"), t("cases.colStage"), t("cases.colDeadline"), t("cases.colUpdated")]}>
      {rows.map((c) => (
        <tr key={c.id}>
          <td>
            <Link to={`/cases/${c.id}`}>{c.title}</Link>
            {c.concerns ? <span className="muted"> ({c.concerns})</span> : null}
          </td>
          <td>{t(`case.kind.${c.kind}`)}</td>
          <td>{t(`case.stage.${c.kind}.${c.stage}` as MessageKey)}</td>
          <td>{c.deadline ?? "—"}</td>
          <td>{formatDateTime(c.updatedAt, locale)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** A matter for the steering group in a title and a description: a disagreement or changed circumstances. */
function MatterForm({ intent, heading, submit, errors }: { intent: "dispute" | "information"; heading: MessageKey; submit: MessageKey; errors: FieldErrors }) {
  const t = useT();
  return (
    <section aria-labelledby={`${intent}-h`}>
      <h2 id={`${intent}-h`}>{t(heading)}</h2>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value={intent} />
        <Field name="title" id={`${intent}-title`} label={t("cases.matterTitle")} required error={errors.title} />
        <TextArea name="description" id={`${intent}-description`} label={t("cases.matterDescription")} hint={t("cases.lackingHint")} rows={4} required error={errors.description} />
        <button type="submit">{t(submit)}</button>
      </Form>
    </section>
  );
}
