import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Field, SelectField, TextArea } from "~/components/Field";
import { PeriodRuleFields } from "~/components/PeriodRuleFields";
import { parseAmendment } from "~/forms/agreement";
import type { FieldErrors } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { assertAllowed, badForm } from "~/http/result.server";
import { formatDateTime } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { createAmendment, listAmendments } from "~/services/amendments.server";
import { currentAppendices } from "~/services/appendices.server";
import { requirePartnershipCapabilities } from "~/services/partnership-access.server";
import type { ActionData } from "~/services/result";
import { AmendmentStage } from "~/components/amendment/AmendmentStage";

export const meta = titled("amendment.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { can } = await requirePartnershipCapabilities(context.db, user, params.id!);
  const [rows, appendixRows] = await Promise.all([listAmendments(context.db, params.id!), currentAppendices(context.db, params.id!)]);
  const amendments = rows.map((a) => ({
    id: a.id,
    title: a.title,
    stage: a.stage,
    signedBy: a.signedBy,
    parties: a.parties,
    validAt: a.validAt?.toISOString() ?? null,
  }));
  return {
    id: params.id!,
    canDraft: can.draftAmendment === true,
    valid: amendments.filter((a) => a.stage === "valid"),
    drafts: amendments.filter((a) => a.stage !== "valid"),
    appendices: appendixRows.map((a) => ({ id: a.id, label: `${a.title} (${a.partyName})` })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { can } = await requirePartnershipCapabilities(context.db, user, params.id!);
  // Drafting has no refusal for a state: only who the user is.
  assertAllowed(can.draftAmendment);
  const parsed = parseAmendment(await readForm(request));
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  if (parsed.data.appendixId && !(await currentAppendices(context.db, params.id!)).some((a) => a.id === parsed.data.appendixId)) {
    return badForm({ appendixId: "form.required" });
  }
  const id = await createAmendment(context.db, params.id!, parsed.data, user, context.siteUrl);
  return redirect(`/amendments/${id}`);
}

export default function Amendments() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const e: FieldErrors = result?.fieldErrors ?? {};
  return (
    <div className="page">
      <h1>{t("amendment.title")}</h1>
      <p>{t("amendment.intro")}</p>

      <section aria-labelledby="valid-h">
        <h2 id="valid-h">{t("amendment.valid")}</h2>
        {d.valid.length === 0 ? <p className="empty">{t("amendment.noneValid")}</p> : null}
        <ul>
          {d.valid.map((a) => (
            <li key={a.id}>
              <Link to={`/amendments/${a.id}`}>{a.title}</Link> <AmendmentStage stage="valid" /> {t("amendment.validSince", { date: formatDateTime(a.validAt!, locale) })}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="drafts-h">
        <h2 id="drafts-h">{t("amendment.drafts")}</h2>
        {d.drafts.length === 0 ? <p className="empty">{t("amendment.noDrafts")}</p> : null}
        <ul>
          {d.drafts.map((a) => (
            <li key={a.id}>
              <Link to={`/amendments/${a.id}`}>{a.title}</Link> <AmendmentStage stage={a.stage} />{" "}
              {t("amendment.signedCount", { signed: a.signedBy, total: a.parties })}
            </li>
          ))}
        </ul>
      </section>

      {d.canDraft ? (
        <section aria-labelledby="new-h">
          <h2 id="new-h">{t("amendment.new")}</h2>
          <Form method="post" className="stack" noValidate>
            <Field name="title" label={t("amendment.fieldTitle")} required error={e.title} />
            <SelectField
              name="appendixId"
              label={t("amendment.appendix")}
              options={[{ value: "", label: t("amendment.appendixNone") }, ...d.appendices.map((a) => ({ value: a.id, label: a.label }))]}
              error={e.appendixId}
            />
            <TextArea name="text" label={t("amendment.fieldText")} rows={10} required error={e.text} />
            <PeriodRuleFields values={{}} errors={e} optional />
            <button type="submit">{t("amendment.create")}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
