import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { findPasswordReset, resetPassword, type ResetProblem } from "~/auth/account.server";
import { Field, FormAlert } from "~/components/Field";
import { resetPasswordSchema } from "~/forms/auth";
import { NO_FIELD_ERRORS, parseForm } from "~/forms/parse";
import { baseUrl } from "~/http/base-url.server";
import { readForm } from "~/http/form.server";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";

export const meta = titled("reset.title");

const STATUS_CODE: Record<ResetProblem, number> = { invalid: 404, used: 410, expired: 410 };
const STATUS_MESSAGE = { invalid: "reset.invalid", used: "reset.used", expired: "reset.expired" } as const;

export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = await findPasswordReset(context.db, params.token ?? "");
  if (found.problem) return data({ problem: found.problem, email: null }, { status: STATUS_CODE[found.problem] });
  return { problem: null, email: found.email };
}

/** Sets the new password once; every session of the account ends, and its owner logs in with the new one. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = parseForm(resetPasswordSchema, await readForm(request));
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, problem: null }, { status: 400 });
  const result = await resetPassword(context.db, { token: params.token ?? "", password: parsed.data.password, baseUrl: baseUrl(context) });
  if (!result.ok) return data({ fieldErrors: NO_FIELD_ERRORS, problem: result.problem }, { status: STATUS_CODE[result.problem] });
  return redirect("/login?reset=1");
}

export default function ResetPassword() {
  const t = useT();
  const { problem, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const blocking = result?.problem ?? problem;
  if (blocking) {
    return (
      <div className="page narrow">
        <h1>{t("reset.title")}</h1>
        <FormAlert message={t(STATUS_MESSAGE[blocking])} />
        <p>
          <Link to="/password/forgot">{t("reset.again")}</Link>
        </p>
      </div>
    );
  }
  const errors = result?.fieldErrors;
  return (
    <div className="page narrow">
      <h1>{t("reset.title")}</h1>
      <p>{t("reset.intro", { email: email ?? "" })}</p>
      {errors && Object.keys(errors).length > 0 ? <FormAlert message={t("form.errorSummary")} /> : null}
      <Form method="post" noValidate className="stack">
        <input type="text" name="username" autoComplete="username" value={email ?? ""} readOnly hidden />
        <Field name="password" type="password" label={t("reset.password")} autoComplete="new-password" required minLength={12} error={errors?.password} />
        <Field name="confirm" type="password" label={t("reset.confirm")} autoComplete="new-password" required error={errors?.confirm} />
        <button type="submit" disabled={busy}>
          {t("reset.submit")}
        </button>
      </Form>
    </div>
  );
}
