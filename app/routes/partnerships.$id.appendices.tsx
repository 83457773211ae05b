import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guards.server";
import { Field, Notice, SelectField, TextArea } from "~/components/Field";
import { PartnershipTabs } from "~/components/PartnershipTabs";
import { NO_FIELD_ERRORS, parseForm } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { formatDateTime, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { isUuid, requirePartnershipAccess } from "~/services/access.server";
import { createAppendix, currentAppendices, reviseAppendix } from "~/services/appendices.server";
import { partiesOf } from "~/services/partnerships.server";

export const meta = titled("appendix.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  await requirePartnershipAccess(context.db, user, params.id!);
  const [rows, partyRows] = await Promise.all([currentAppendices(context.db, params.id!), partiesOf(context.db, params.id!)]);
  return {
    id: params.id!,
    isAdmin: user.isAdmin,
    parties: partyRows.map((p) => ({ id: p.id, name: p.name })),
    appendices: rows.map((r) => ({ ...r, changedAt: r.changedAt.toISOString() })).sort((a, b) => a.partyName.localeCompare(b.partyName, "sv") || a.title.localeCompare(b.title, "sv")),
  };
}

const text = (max: number) => z.string({ error: "form.required" }).trim().min(1, "form.required").max(max, "form.tooLong");
const createSchema = z.object({ partyId: z.uuid({ error: "form.required" }), title: text(200), commitments: text(20000), reason: text(2000) });
const reviseSchema = z.object({ appendixId: z.uuid(), commitments: text(20000), reason: text(2000) });

/** Coordinators register appendices and their changes, each with the reason or decision (004 §2.1). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  await requirePartnershipAccess(context.db, user, params.id!);
  if (!user.isAdmin) throw new Response("Forbidden", { status: 403 });
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  if (intent === "create") {
    const parsed = parseForm(createSchema, form);
    if (!parsed.ok) return data({ intent, fieldErrors: parsed.fieldErrors, done: null }, { status: 400 });
    if (!(await createAppendix(context.db, params.id!, parsed.data, user))) throw notFound();
    return { intent, fieldErrors: NO_FIELD_ERRORS, done: "appendix.created" as MessageKey };
  }
  if (intent === "revise") {
    const parsed = parseForm(reviseSchema, form);
    if (!parsed.ok) return data({ intent: `revise-${form.get("appendixId")}`, fieldErrors: parsed.fieldErrors, done: null }, { status: 400 });
    if (!isUuid(parsed.data.appendixId) || !(await reviseAppendix(context.db, params.id!, parsed.data.appendixId, parsed.data, user))) throw notFound();
    return { intent, fieldErrors: NO_FIELD_ERRORS, done: "appendix.revised" as MessageKey };
  }
  throw notFound();
}

export default function Appendices() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (intent: string) => (result?.intent === intent ? result.fieldErrors : NO_FIELD_ERRORS);
  return (
    <div className="page">
      <PartnershipTabs id={d.id} current="appendices" />
      <h1>{t("appendix.title")}</h1>
      <p>{t("appendix.intro")}</p>
      <Notice message={result?.done ? t(result.done) : undefined} />
      {d.appendices.length === 0 ? <p className="empty">{t("appendix.empty")}</p> : null}
      {d.appendices.map((a) => (
        <article key={a.id} className="card appendix">
          <h2>
            {a.title} <span className="muted">({a.partyName})</span>
          </h2>
          <p className="muted">
            {t("appendix.versionLine", { version: a.version, date: formatDateTime(a.changedAt, locale), by: a.changedBy })}{" "}
            <Link to={`/partnerships/${d.id}/appendices/${a.id}`}>{t("appendix.history")}</Link>
          </p>
          <div className="prewrap">{a.commitments}</div>
          <p>
            <strong>{t("appendix.reason")}:</strong> {a.reason}
          </p>
          {d.isAdmin ? (
            <details open={result?.intent === `revise-${a.id}`}>
              <summary>{t("appendix.revise")}</summary>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="revise" />
                <input type="hidden" name="appendixId" value={a.id} />
                <TextArea id={`c-${a.id}`} name="commitments" label={t("appendix.commitments")} rows={6} required defaultValue={a.commitments} error={errors(`revise-${a.id}`).commitments} />
                <Field id={`r-${a.id}`} name="reason" label={t("appendix.reasonField")} hint={t("appendix.reasonHint")} required error={errors(`revise-${a.id}`).reason} />
                <button type="submit">{t("appendix.saveVersion")}</button>
              </Form>
            </details>
          ) : null}
        </article>
      ))}
      {d.isAdmin ? (
        <details open={result?.intent === "create" && !result.done}>
          <summary>{t("appendix.add")}</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="create" />
            <SelectField name="partyId" label={t("group.party")} options={d.parties.map((p) => ({ value: p.id, label: p.name }))} error={errors("create").partyId} />
            <Field name="title" label={t("appendix.titleField")} required error={errors("create").title} />
            <TextArea name="commitments" label={t("appendix.commitments")} rows={6} required error={errors("create").commitments} />
            <Field name="reason" label={t("appendix.reasonField")} hint={t("appendix.reasonHint")} required error={errors("create").reason} />
            <button type="submit">{t("appendix.create")}</button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}
