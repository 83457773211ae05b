import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { requireAdmin } from "~/auth/guards.server";
import { Field, FormAlert, SelectField, TextArea } from "~/components/Field";
import { IDEA_PARTY_ROWS, partnershipSchema } from "~/forms/partnership";
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

const PERIOD_KINDS = ["fixed", "fixedWithNotice", "annualRenewal", "renewingTerm"] as const;

export default function NewPartnership() {
  const t = useT();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const v = result?.values ?? {};
  const e = result?.fieldErrors ?? {};
  const [kind, setKind] = useState(v.periodKind ?? "fixed");
  return (
    <div className="page">
      <h1>{t("partnership.newTitle")}</h1>
      {result ? <FormAlert message={t("form.errorSummary")} /> : null}
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
        <fieldset>
          <legend>{t("partnership.period")}</legend>
          <SelectField
            name="periodKind"
            label={t("partnership.periodKind")}
            value={kind}
            onChange={(ev) => setKind(ev.target.value)}
            options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`periodKind.${k}`) }))}
            error={e.periodKind}
          />
          <div className="row">
            <Field name="periodStart" type="date" label={t("partnership.periodStart")} required defaultValue={v.periodStart} error={e.periodStart} />
            <Field
              name="periodEnd"
              type="date"
              label={t(kind === "annualRenewal" ? "partnership.periodFirstEnd" : "partnership.periodEnd")}
              required
              defaultValue={v.periodEnd}
              error={e.periodEnd}
            />
          </div>
          {kind === "annualRenewal" ? (
            <div className="row">
              <Field name="periodCap" type="date" label={t("partnership.periodCap")} required defaultValue={v.periodCap} error={e.periodCap} />
              <Field name="noticeByMonth" type="number" min={1} max={12} label={t("partnership.noticeByMonth")} defaultValue={v.noticeByMonth ?? "9"} error={e.noticeByMonth} />
              <Field name="noticeByDay" type="number" min={1} max={31} label={t("partnership.noticeByDay")} defaultValue={v.noticeByDay ?? "30"} error={e.noticeByDay} />
            </div>
          ) : null}
          {kind === "fixedWithNotice" || kind === "renewingTerm" ? (
            <Field
              name="noticeMonths"
              type="number"
              min={1}
              max={36}
              label={t(kind === "renewingTerm" ? "partnership.noticeMonthsBeforeEnd" : "partnership.noticeMonths")}
              defaultValue={v.noticeMonths ?? (kind === "renewingTerm" ? "9" : "6")}
              error={e.noticeMonths}
            />
          ) : null}
        </fieldset>
        <button type="submit" disabled={busy}>
          {t("partnership.create")}
        </button>
      </Form>
    </div>
  );
}
