import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { requestPasswordReset } from "~/auth/account.server";
import { Field, FormAlert, Notice } from "~/components/Field";
import { resetRequestSchema } from "~/forms/auth";
import { parseForm } from "~/forms/parse";
import { baseUrl } from "~/http/base-url.server";
import { readForm } from "~/http/form.server";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";

export const meta = titled("reset.requestTitle");

/**
 * Asks for a reset link. Every well-formed request gets the same answer, a redirect to the same
 * neutral message, whether the address has an account, is throttled, or neither.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(resetRequestSchema, form);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, email: String(form.get("email") ?? "") }, { status: 400 });
  await requestPasswordReset(context.db, { email: parsed.data.email, ip: context.clientIp, baseUrl: baseUrl(context) });
  return redirect("/password/forgot?sent=1");
}

export default function ForgotPassword() {
  const t = useT();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const sent = params.get("sent") === "1" && !result;
  return (
    <div className="page narrow">
      <h1>{t("reset.requestTitle")}</h1>
      <Notice message={sent ? t("reset.requested") : undefined} />
      {result?.fieldErrors ? <FormAlert message={t("form.errorSummary")} /> : null}
      <p>{t("reset.requestIntro")}</p>
      <Form method="post" noValidate className="stack">
        <Field name="email" type="email" label={t("reset.email")} autoComplete="username" required defaultValue={result?.email} error={result?.fieldErrors.email} />
        <button type="submit" disabled={busy}>
          {t("reset.requestSubmit")}
        </button>
      </Form>
      <p>
        <Link to="/login">{t("reset.toLogin")}</Link>
      </p>
    </div>
  );
}
