import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guards.server";
import { Field, FormAlert, Notice, TextArea } from "~/components/Field";
import { DataTable } from "~/components/DataTable";
import { PartnershipTabs } from "~/components/PartnershipTabs";
import { PeriodRuleFields, PeriodRuleText, periodValues } from "~/components/PeriodRuleFields";
import type { AmendmentCapabilities } from "~/domain/partnership-capabilities";
import { parseAmendment, signSchema } from "~/forms/agreement";
import { NO_FIELD_ERRORS, parseForm, type FieldErrors } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { formatDateTime, withRetryIn, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { applyPeriodRule, editAmendment, signAmendment } from "~/services/amendments.server";
import { refusalOf } from "~/services/meeting-access.server";
import { requireAmendmentCapabilities } from "~/services/partnership-access.server";

export const meta = titled("amendment.pageTitle");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { amendment: a, detail, signsFor, can } = await requireAmendmentCapabilities(context.db, user, params.id);
  const live = detail.signatures.filter((s) => !s.voidedAt);
  return {
    amendment: {
      id: a.id,
      partnershipId: a.partnershipId,
      title: a.title,
      text: a.text,
      textSha256: a.textSha256,
      periodRule: a.periodRule,
      validAt: a.validAt?.toISOString() ?? null,
      appliedAt: a.appliedAt?.toISOString() ?? null,
    },
    stage: detail.stage,
    appendix: detail.appendix,
    parties: detail.parties.map((p) => {
      const s = live.find((x) => x.partyId === p.id);
      return { id: p.id, name: p.name, signature: s ? { signer: s.signer, signedAt: s.signedAt.toISOString(), textSha256: s.textSha256 } : null };
    }),
    voided: detail.signatures
      .filter((s) => s.voidedAt)
      .map((s) => ({ id: s.id, signer: s.signer, party: detail.parties.find((p) => p.id === s.partyId)?.name ?? "", signedAt: s.signedAt.toISOString(), voidedAt: s.voidedAt!.toISOString() })),
    signFor: can.sign === true ? (detail.parties.find((p) => p.id === signsFor)?.name ?? null) : null,
    canEdit: can.edit === true,
    canApply: can.applyPeriodRule === true,
  };
}

/** The capability each intent of the action asserts. */
const INTENTS = { sign: "sign", edit: "edit", apply: "applyPeriodRule" } as const satisfies Record<string, keyof AmendmentCapabilities>;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { amendment, authorisedFor, can } = await requireAmendmentCapabilities(context.db, user, params.id);
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  if (!Object.hasOwn(INTENTS, intent)) throw notFound();
  const ok = (done: MessageKey, count = 0) => ({ intent, fieldErrors: NO_FIELD_ERRORS, done, count, retryAfter: 0 });
  const fail = (fieldErrors: FieldErrors, status = 400, retryAfter = 0) => data({ intent, fieldErrors, done: null, count: 0, retryAfter }, { status });
  const refused = refusalOf(can[INTENTS[intent as keyof typeof INTENTS]]);
  if (refused) return fail({ refused }, 409);
  switch (intent) {
    case "sign": {
      const parsed = parseForm(signSchema, form);
      if (!parsed.ok) return fail(parsed.fieldErrors);
      const result = await signAmendment(context.db, amendment.id, { user, authorisedFor, password: parsed.data.password, seenSha256: parsed.data.textSha256, ip: context.clientIp });
      if (!result.ok) {
        if (result.error === "amendment.throttled") return fail({ password: result.error }, 429, result.retryAfter);
        return fail({ password: result.error }, result.error === "amendment.wrongPassword" ? 400 : 409);
      }
      return ok(result.valid ? "amendment.nowValid" : "amendment.signed");
    }
    case "edit": {
      const parsed = parseAmendment(form);
      if (!parsed.ok) return fail(parsed.fieldErrors);
      // The appendix is chosen when the draft is written; an edit keeps it.
      const result = await editAmendment(context.db, amendment.id, { ...parsed.data, appendixId: amendment.appendixId }, user);
      if (!result.ok) return fail({ text: result.error }, 409);
      return ok(result.voided ? "amendment.editedVoided" : "amendment.edited", result.voided);
    }
  }
  const error = await applyPeriodRule(context.db, amendment.id, user);
  if (error) return fail({ apply: error }, 409);
  return ok("amendment.applied");
}

export default function Amendment() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const a = d.amendment;
  const errors = (intent: string): FieldErrors => (result && result.intent === intent ? result.fieldErrors : {});
  const signedCount = d.parties.filter((p) => p.signature).length;
  return (
    <div className="page">
      <PartnershipTabs id={a.partnershipId} current="amendments" />
      <p>
        <Link to={`/partnerships/${a.partnershipId}/amendments`}>{t("amendment.back")}</Link>
      </p>
      <h1>{a.title}</h1>
      <Notice message={result?.done ? t(result.done, { count: result.count }) : undefined} />
      <FormAlert message={result?.fieldErrors.refused ? t(result.fieldErrors.refused) : undefined} />
      <p>
        <strong>{t(`amendment.stage.${d.stage}`)}.</strong>{" "}
        {a.validAt ? t("amendment.validSince", { date: formatDateTime(a.validAt, locale) }) : t("amendment.signedCount", { signed: signedCount, total: d.parties.length })}
      </p>
      <p>
        {t("amendment.appendix")}: {d.appendix ?? t("amendment.appendixNone")}
      </p>
      <div className="amendment-text">
        {a.text.split(/\n{2,}/).map((para, i) => (
          <p key={i}>{para}</p>
        ))}
      </div>
      {a.periodRule ? (
        <p>
          <strong>{t("amendment.periodRule")}:</strong> <PeriodRuleText rule={a.periodRule} />
          {a.appliedAt ? ` ${t("amendment.appliedAt", { date: formatDateTime(a.appliedAt, locale) })}` : null}
        </p>
      ) : null}
      <p className="muted">
        {t("amendment.hash")}: <code>{a.textSha256}</code>
      </p>

      <section aria-labelledby="sig-h">
        <h2 id="sig-h">{t("amendment.signatures")}</h2>
        <DataTable headers={[t("amendment.party"), t("amendment.signer"), t("amendment.signedAt")]}>
          {d.parties.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{p.signature?.signer ?? t("amendment.notSigned")}</td>
              <td>{p.signature ? formatDateTime(p.signature.signedAt, locale) : "—"}</td>
            </tr>
          ))}
        </DataTable>
        {d.voided.length ? (
          <details>
            <summary>{t("amendment.voided")}</summary>
            <ul>
              {d.voided.map((s) => (
                <li key={s.id}>
                  {s.party}: {s.signer}, {formatDateTime(s.signedAt, locale)}. {t("amendment.voidedAt")} {formatDateTime(s.voidedAt, locale)}.
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      {d.signFor ? (
        <section aria-labelledby="sign-h">
          <h2 id="sign-h">{t("amendment.sign")}</h2>
          <p>{t("amendment.signIntro", { party: d.signFor })}</p>
          <Form method="post" className="stack" noValidate>
            <FormAlert message={errors("sign").password ? withRetryIn(t(errors("sign").password!), result!.retryAfter, locale) : undefined} />
            <input type="hidden" name="intent" value="sign" />
            <input type="hidden" name="textSha256" value={a.textSha256} />
            <Field name="password" type="password" autoComplete="current-password" label={t("amendment.password")} required error={errors("sign").password} />
            <button type="submit">{t("amendment.signSubmit")}</button>
          </Form>
        </section>
      ) : null}

      {d.canApply ? (
        <section aria-labelledby="apply-h">
          <h2 id="apply-h">{t("amendment.apply")}</h2>
          <FormAlert message={errors("apply").apply ? t(errors("apply").apply!) : undefined} />
          <details>
            <summary>{t("amendment.apply")}</summary>
            <p>{t("amendment.applyWarning")}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="apply" />
              <button type="submit">{t("amendment.applyConfirm")}</button>
            </Form>
          </details>
        </section>
      ) : null}

      {d.canEdit ? (
        <section aria-labelledby="edit-h">
          <h2 id="edit-h">{t("amendment.edit")}</h2>
          {signedCount > 0 ? <p className="warning">{t("amendment.editWarning", { count: signedCount })}</p> : null}
          {/* Keyed by the hash so the fields show the saved text after an edit. */}
          <Form method="post" className="stack" noValidate key={a.textSha256}>
            <input type="hidden" name="intent" value="edit" />
            <Field name="title" label={t("amendment.fieldTitle")} required defaultValue={a.title} error={errors("edit").title} />
            <TextArea name="text" label={t("amendment.fieldText")} rows={10} required defaultValue={a.text} error={errors("edit").text} />
            <PeriodRuleFields values={periodValues(a.periodRule)} errors={errors("edit")} optional />
            <button type="submit">{t("amendment.save")}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
