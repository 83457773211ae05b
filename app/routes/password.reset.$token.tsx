import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { findPasswordReset, resetPassword, type ResetProblem } from "~/auth/account.server";
import { LinkRefused, NewPasswordForm } from "~/components/auth/OneTimeLink";
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
  if (blocking) return <LinkRefused title={t("reset.title")} message={t(STATUS_MESSAGE[blocking])} next={{ to: "/password/forgot", label: t("reset.again") }} />;
  return (
    <div className="page narrow">
      <h1>{t("reset.title")}</h1>
      <p>{t("reset.intro", { email: email ?? "" })}</p>
      <NewPasswordForm errors={result?.fieldErrors} labels={{ password: t("reset.password"), confirm: t("reset.confirm"), submit: t("reset.submit") }} busy={busy}>
        <input type="text" name="username" autoComplete="username" value={email ?? ""} readOnly hidden />
      </NewPasswordForm>
    </div>
  );
}
