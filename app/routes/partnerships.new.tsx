import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { ErrorSummary, Field, TextArea } from "~/components/Field";
import { PeriodRuleFields } from "~/components/PeriodRuleFields";
import { IDEA_PARTY_ROWS } from "~/forms/fields";
import { partnershipSchema } from "~/forms/partnership";
import { parseForm } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { createPartnership } from "~/services/partnerships.server";

export const meta = titled("partnership.newTitle");

export function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireAdmin(context, request);
  const form = await readForm(request);
  const parsed = parseForm(partnershipSchema, form);
  // Nothing typed is lost: the values go back into the form with the errors.
  const values = Object.fromEntries([...form].map(([k, v]) => [k, String(v)]));
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, values }, { status: 400 });
  const id = await createPartnership(context.db, parsed.data, admin);
  return redirect(`/partnerships/${id}`);
}

export default function NewPartnership() {
  const t = useT();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const v = result?.values ?? {};
  const e = result?.fieldErrors ?? {};
  const labels: Record<string, string> = {
    name: t("partnership.name"),
    referenceNumber: t("partnership.referenceNumber"),
    purpose: t("partnership.purpose"),
    targetGroup: t("partnership.targetGroup"),
    publicName: t("partnership.partyName"),
    publicOrgNumber: t("partnership.orgNumber"),
    ...Object.fromEntries(
      Array.from({ length: IDEA_PARTY_ROWS }, (_, i) => i + 1).flatMap((n) => [
        [`ideaName${n}`, t("partnership.ideaPartyName", { n })],
        [`ideaOrgNumber${n}`, t("partnership.ideaOrgNumber", { n })],
      ])
    ),
    publicMandates: t("partnership.publicMandates"),
    ideaMandates: t("partnership.ideaMandates"),
  };
  return (
    <div className="page">
      <h1>{t("partnership.newTitle")}</h1>
      {result ? <ErrorSummary errors={e} labels={labels} /> : null}
      <Form method="post" noValidate className="stack">
        <fieldset>
          <legend>{t("partnership.basics")}</legend>
          <Field name="name" label={t("partnership.name")} required defaultValue={v.name} error={e.name} />
          <Field name="referenceNumber" label={t("partnership.referenceNumber")} defaultValue={v.referenceNumber} error={e.referenceNumber} />
          <TextArea name="purpose" label={t("partnership.purpose")} defaultValue={v.purpose} error={e.purpose} />
          <TextArea name="targetGroup" label={t("partnership.targetGroup")} defaultValue={v.targetGroup} error={e.targetGroup} />
        </fieldset>
        <fieldset>
          <legend>{t("partnership.publicParty")}</legend>
          <Field name="publicName" label={t("partnership.partyName")} required defaultValue={v.publicName} error={e.publicName} />
          <Field
            name="publicOrgNumber"
            label={t("partnership.orgNumber")}
            hint={t("partnership.orgNumberHint")}
            required
            inputMode="numeric"
            defaultValue={v.publicOrgNumber}
            error={e.publicOrgNumber}
          />
        </fieldset>
        <fieldset>
          <legend>{t("partnership.ideaParties")}</legend>
          <p className="muted">{t("partnership.ideaPartiesHint")}</p>
          {Array.from({ length: IDEA_PARTY_ROWS }, (_, i) => i + 1).map((i) => (
            <div className="row" key={i}>
              <Field name={`ideaName${i}`} label={t("partnership.ideaPartyName", { n: i })} defaultValue={v[`ideaName${i}`]} error={e[`ideaName${i}`]} />
              <Field
                name={`ideaOrgNumber${i}`}
                label={t("partnership.ideaOrgNumber", { n: i })}
                inputMode="numeric"
                defaultValue={v[`ideaOrgNumber${i}`]}
                error={e[`ideaOrgNumber${i}`]}
              />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("partnership.mandates")}</legend>
          <div className="row">
            <Field name="publicMandates" type="number" min={1} max={10} label={t("partnership.publicMandates")} defaultValue={v.publicMandates ?? "2"} error={e.publicMandates} />
            <Field name="ideaMandates" type="number" min={1} max={10} label={t("partnership.ideaMandates")} defaultValue={v.ideaMandates ?? "1"} error={e.ideaMandates} />
          </div>
        </fieldset>
        <PeriodRuleFields values={v} errors={e} />
        <button type="submit" disabled={busy}>
          {t("partnership.create")}
        </button>
      </Form>
    </div>
  );
}
