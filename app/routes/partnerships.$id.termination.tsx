import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Field, FormAlert, Notice, SelectField, TextArea } from "~/components/Field";
import { PartnershipTabs } from "~/components/PartnershipTabs";
import { stockholmDate } from "~/domain/stockholm-date";
import { agreementEndsOn } from "~/domain/termination";
import { noticeSchema } from "~/forms/agreement";
import { parseForm, type FieldErrors } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { requirePartnershipAccess } from "~/services/access.server";
import { partiesOf } from "~/services/partnerships.server";
import { partyRolesOf, representedParties } from "~/services/party-roles.server";
import { giveNotice, previewTermination, terminationsOf } from "~/services/terminations.server";

export const meta = titled("termination.title");

/** The parties the user may give notice for: those they represent, or any for a coordinator. */
async function noticeParties(context: LoaderFunctionArgs["context"], request: Request, partnershipId: string) {
  const user = requireUser(context, request);
  await requirePartnershipAccess(context.db, user, partnershipId);
  const [all, roles] = await Promise.all([partiesOf(context.db, partnershipId), partyRolesOf(context.db, partnershipId, user.id)]);
  const mine = representedParties(roles);
  return { user, all, parties: user.isAdmin ? all : all.filter((p) => mine.includes(p.id)) };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, parties } = await noticeParties(context, request, params.id!);
  const given = await terminationsOf(context.db, params.id!);
  return {
    id: params.id!,
    isAdmin: user.isAdmin,
    parties: parties.filter((p) => !given.some((g) => g.partyId === p.id)).map((p) => ({ id: p.id, name: p.name })),
    given: given.map((g) => ({ id: g.id, partyName: g.partyName, givenOn: g.givenOn, effectiveOn: g.effectiveOn })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, all, parties } = await noticeParties(context, request, params.id!);
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  const fail = (fieldErrors: FieldErrors, status = 400) => data({ fieldErrors, preview: null, given: null }, { status });
  const parsed = parseForm(noticeSchema, form);
  if (!parsed.ok) return fail(parsed.fieldErrors);
  const party = parties.find((p) => p.id === parsed.data.partyId);
  if (!party) throw new Response("Forbidden", { status: 403 });
  const today = stockholmDate(new Date());
  const givenOn = user.isAdmin && parsed.data.givenOn ? parsed.data.givenOn : today;
  if (givenOn > today) return fail({ givenOn: "termination.futureDate" });
  const input = { partyId: party.id, givenOn, reason: parsed.data.reason };
  const result = intent === "confirm" ? await giveNotice(context.db, params.id!, input, user) : await previewTermination(context.db, params.id!, givenOn);
  if (!result.ok) return fail({ form: result.error }, 409);
  // Whether this notice ends the whole agreement or only the party's own commitment.
  const others = (await terminationsOf(context.db, params.id!)).filter((n) => n.partyId !== party.id);
  const agreementEnds = agreementEndsOn(all, [...others, { partyId: party.id, effectiveOn: result.effectiveOn }]);
  const summary = { ...input, partyName: party.name, effectiveOn: result.effectiveOn, agreementEnds };
  return intent === "confirm" ? { fieldErrors: {} as FieldErrors, preview: null, given: summary } : { fieldErrors: {} as FieldErrors, preview: summary, given: null };
}

export default function Termination() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const e = result?.fieldErrors ?? {};
  const preview = result?.preview;
  return (
    <div className="page">
      <PartnershipTabs id={d.id} current="overview" />
      <h1>{t("termination.title")}</h1>
      <p>{t("termination.intro")}</p>
      <Notice message={result?.given ? t("termination.given", { date: result.given.effectiveOn }) : undefined} />

      {d.given.length ? (
        <section aria-labelledby="given-h">
          <h2 id="given-h">{t("termination.list")}</h2>
          <ul>
            {d.given.map((g) => (
              <li key={g.id}>{t("termination.entry", { party: g.partyName, givenOn: g.givenOn, effectiveOn: g.effectiveOn })}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {preview ? (
        <section aria-labelledby="preview-h">
          <h2 id="preview-h">{t("termination.previewHeading")}</h2>
          <p className="warning">
            {t("termination.previewText", { party: preview.partyName, givenOn: preview.givenOn, effectiveOn: preview.effectiveOn })}{" "}
            {preview.agreementEnds ? t("termination.previewEnds", { date: preview.agreementEnds }) : t("termination.previewContinues")}
          </p>
          <blockquote>{preview.reason}</blockquote>
          <div className="actions">
            <Form method="post">
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="partyId" value={preview.partyId} />
              <input type="hidden" name="givenOn" value={preview.givenOn} />
              <input type="hidden" name="reason" value={preview.reason} />
              <button type="submit">{t("termination.confirm")}</button>
            </Form>
            <a href={`/partnerships/${d.id}/termination`}>{t("termination.change")}</a>
          </div>
        </section>
      ) : d.parties.length ? (
        <Form method="post" className="stack" noValidate>
          <FormAlert message={e.form ? t(e.form) : undefined} />
          <input type="hidden" name="intent" value="preview" />
          <SelectField name="partyId" label={t("termination.party")} options={d.parties.map((p) => ({ value: p.id, label: p.name }))} error={e.partyId} />
          {d.isAdmin ? <Field name="givenOn" type="date" label={t("termination.givenOn")} hint={t("termination.givenOnHint")} error={e.givenOn} /> : null}
          <TextArea name="reason" label={t("termination.reason")} rows={5} required error={e.reason} />
          <button type="submit">{t("termination.preview")}</button>
        </Form>
      ) : !result?.given ? (
        <p className="muted">{t("termination.notRepresentative")}</p>
      ) : null}
    </div>
  );
}
