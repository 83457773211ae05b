import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { sessionCookie } from "~/auth/cookie";
import { attemptLogin } from "~/auth/login.server";
import { Field, FormAlert, Notice } from "~/components/Field";
import { loginSchema } from "~/forms/auth";
import { NO_FIELD_ERRORS, parseForm } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { withRetryIn } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";

export const meta = titled("login.title");

export function loader({ context }: LoaderFunctionArgs) {
  if (context.user) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(loginSchema, form);
  const email = String(form.get("email") ?? "");
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, formError: null, retryAfter: 0, email }, { status: 400 });
  const result = await attemptLogin(context.db, { ...parsed.data, ip: context.clientIp });
  if (!result.ok) {
    const retryAfter = result.reason === "throttled" ? result.retryAfter : 0;
    return data(
      { fieldErrors: NO_FIELD_ERRORS, formError: retryAfter ? ("login.throttled" as const) : ("login.failed" as const), retryAfter, email },
      { status: retryAfter ? 429 : 401 },
    );
  }
  return redirect(parsed.data.redirectTo, {
    headers: { "Set-Cookie": sessionCookie(result.token, result.expiresAt, context.config.isProduction) },
  });
}

export default function Login() {
  const t = useT();
  const locale = useLocale();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const notice = params.get("created") ? t("login.accountCreated") : params.get("reset") ? t("login.passwordReset") : params.get("loggedOut") ? t("login.loggedOut") : undefined;
  return (
    <div className="page narrow">
      <h1>{t("login.title")}</h1>
      <Notice message={notice} />
      <FormAlert message={result?.formError ? withRetryIn(t(result.formError), result.retryAfter, locale) : undefined} />
      <p>{t("login.intro")}</p>
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <Field
          name="email"
          type="email"
          label={t("login.email")}
          autoComplete="username"
          required
          defaultValue={result?.email}
          error={result?.fieldErrors.email}
        />
        <Field
          name="password"
          type="password"
          label={t("login.password")}
          autoComplete="current-password"
          required
          error={result?.fieldErrors.password}
        />
        <button type="submit" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/password/forgot">{t("login.forgot")}</Link>
      </p>
    </div>
  );
}
