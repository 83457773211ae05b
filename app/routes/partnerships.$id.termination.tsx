import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guards.server";
import { Field, FormAlert, Notice, SelectField, TextArea } from "~/components/Field";
import { forParty } from "~/domain/partnership-capabilities";
import { agreementEndsOn, committeeErrors } from "~/domain/termination";
import { noticeSchema } from "~/forms/agreement";
import { NO_FIELD_ERRORS, parseForm, type FieldErrors } from "~/forms/parse";
import { baseUrl } from "~/http/base-url.server";
import { readForm } from "~/http/form.server";
import { withRetryIn } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { refusalOf } from "~/services/meeting-access.server";
import { requirePartnershipCapabilities } from "~/services/partnership-access.server";
import { giveWrittenNotice, previewTermination, terminationsOf } from "~/services/terminations.server";

export const meta = titled("termination.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { parties, can } = await requirePartnershipCapabilities(context.db, user, params.id!);
  const given = await terminationsOf(context.db, params.id!);
  return {
    id: params.id!,
    isAdmin: user.isAdmin,
    parties: parties.filter((p) => can.giveNotice[p.id] === true).map((p) => ({ id: p.id, name: p.name, sector: p.sector })),
    given: given.map((g) => ({
      id: g.id,
      partyName: g.partyName,
      givenOn: g.givenOn,
      effectiveOn: g.effectiveOn,
      byCase: g.caseId !== null,
      committee: g.committeeReference ? { reference: g.committeeReference, date: g.committeeDecidedOn ?? "" } : null,
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { today, parties: all, can } = await requirePartnershipCapabilities(context.db, user, params.id!);
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  // Both steps, the preview and the confirmation, give notice for the party chosen.
  if (intent !== "preview" && intent !== "confirm") throw notFound();
  const fail = (fieldErrors: FieldErrors, status = 400) => data({ fieldErrors, preview: null, given: null, retryAfter: 0 }, { status });
  const refused = refusalOf(forParty(can.giveNotice, String(form.get("partyId"))));
  if (refused) return fail({ form: refused }, 409);
  const parsed = parseForm(noticeSchema, form);
  if (!parsed.ok) return fail(parsed.fieldErrors);
  const party = all.find((p) => p.id === parsed.data.partyId)!;
  const givenOn = user.isAdmin && parsed.data.givenOn ? parsed.data.givenOn : today;
  if (givenOn > today) return fail({ givenOn: "termination.futureDate" });
  const committee = { reference: parsed.data.committeeReference, decidedOn: parsed.data.committeeDecidedOn };
  const committeeProblems = committeeErrors(party.sector, givenOn, committee);
  if (Object.keys(committeeProblems).length) return fail(committeeProblems);
  const input = {
    partyId: party.id,
    givenOn,
    reason: parsed.data.reason,
    ...(party.sector === "public" ? { committeeReference: committee.reference, committeeDecidedOn: committee.decidedOn } : {}),
  };
  const previewed = await previewTermination(context.db, params.id!, givenOn);
  if (!previewed.ok) return fail({ form: previewed.error }, 409);
  // Whether this notice ends the whole agreement or only the party's own commitment.
  const others = (await terminationsOf(context.db, params.id!)).filter((n) => n.partyId !== party.id);
  const agreementEnds = agreementEndsOn(all, [...others, { partyId: party.id, effectiveOn: previewed.effectiveOn }]);
  const summary = { ...input, partyName: party.name, effectiveOn: previewed.effectiveOn, agreementEnds };
  if (intent !== "confirm") return { fieldErrors: NO_FIELD_ERRORS, preview: summary, given: null, retryAfter: 0 };
  const deps = { ...context, baseUrl: baseUrl(context) };
  const result = await giveWrittenNotice(deps, params.id!, { ...input, partyName: party.name }, { user, password: parsed.data.password ?? "", ip: context.clientIp });
  if (result.ok) return { fieldErrors: NO_FIELD_ERRORS, preview: null, given: { ...summary, effectiveOn: result.effectiveOn }, retryAfter: 0 };
  // A wrong or throttled password leaves the preview up to try again; nothing was recorded.
  if (result.error === "termination.wrongPassword" || result.error === "termination.throttled") {
    const throttled = result.error === "termination.throttled";
    return data({ fieldErrors: { password: result.error } as FieldErrors, preview: summary, given: null, retryAfter: throttled ? result.retryAfter : 0 }, { status: throttled ? 429 : 400 });
  }
  return fail({ form: result.error }, 409);
}

export default function Termination() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const e = result?.fieldErrors ?? {};
  const preview = result?.preview;
  return (
    <div className="page">
      <h1>{t("termination.title")}</h1>
      <p>{t("termination.intro")}</p>
      <Notice message={result?.given ? t("termination.given", { date: result.given.effectiveOn }) : undefined} />
      <FormAlert message={e.form ? t(e.form) : undefined} />

      {d.given.length ? (
        <section aria-labelledby="given-h">
          <h2 id="given-h">{t("termination.list")}</h2>
          <ul>
            {d.given.map((g) => (
              <li key={g.id}>
                {t(g.byCase ? "termination.entryTerminated" : "termination.entry", { party: g.partyName, givenOn: g.givenOn, effectiveOn: g.effectiveOn })}
                {g.committee ? ` ${t("termination.entryCommittee", g.committee)}` : null}
              </li>
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
          {preview.committeeReference ? <p>{t("termination.entryCommittee", { reference: preview.committeeReference, date: preview.committeeDecidedOn ?? "" })}</p> : null}
          <div className="actions">
            <Form method="post" className="stack" noValidate>
              <FormAlert message={e.password ? withRetryIn(t(e.password), result?.retryAfter ?? 0, locale) : undefined} />
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="partyId" value={preview.partyId} />
              <input type="hidden" name="givenOn" value={preview.givenOn} />
              <input type="hidden" name="reason" value={preview.reason} />
              <input type="hidden" name="committeeReference" value={preview.committeeReference ?? ""} />
              <input type="hidden" name="committeeDecidedOn" value={preview.committeeDecidedOn ?? ""} />
              <p>{t("termination.passwordIntro")}</p>
              <Field name="password" type="password" autoComplete="current-password" label={t("termination.password")} required error={e.password} />
              <button type="submit">{t("termination.confirm")}</button>
            </Form>
            <a href={`/partnerships/${d.id}/termination`}>{t("termination.change")}</a>
          </div>
        </section>
      ) : d.parties.length ? (
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="preview" />
          <SelectField name="partyId" label={t("termination.party")} options={d.parties.map((p) => ({ value: p.id, label: p.name }))} error={e.partyId} />
          {d.isAdmin ? <Field name="givenOn" type="date" label={t("termination.givenOn")} hint={t("termination.givenOnHint")} error={e.givenOn} /> : null}
          <TextArea name="reason" label={t("termination.reason")} rows={5} required error={e.reason} />
          {d.parties.some((p) => p.sector === "public") ? (
            <fieldset>
              <legend>{t("termination.committeeIntro")}</legend>
              <Field name="committeeReference" label={t("termination.committeeReference")} error={e.committeeReference} />
              <Field name="committeeDecidedOn" type="date" label={t("termination.committeeDecidedOn")} error={e.committeeDecidedOn} />
            </fieldset>
          ) : null}
          <button type="submit">{t("termination.preview")}</button>
        </Form>
      ) : !result?.given ? (
        <p className="muted">{t("termination.notRepresentative")}</p>
      ) : null}
    </div>
  );
}
