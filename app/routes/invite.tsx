import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { acceptInvitation, findInvitation } from "~/auth/invitations.server";
import { LinkRefused, NewPasswordForm } from "~/components/auth/OneTimeLink";
import { Field } from "~/components/Field";
import { acceptInvitationSchema } from "~/forms/auth";
import { NO_FIELD_ERRORS, parseForm } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";

export const meta = titled("accept.title");

const STATUS_CODE = { invalid: 404, accepted: 410, expired: 410 } as const;
const STATUS_MESSAGE = { invalid: "accept.invalid", accepted: "accept.used", expired: "accept.expired" } as const;

export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = await findInvitation(context.db, params.token ?? "");
  if (found.status !== "pending") return data({ problem: found.status, email: null }, { status: STATUS_CODE[found.status] });
  return { problem: null, email: found.email };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = parseForm(acceptInvitationSchema, await readForm(request));
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, problem: null }, { status: 400 });
  const result = await acceptInvitation(context.db, params.token ?? "", { ...parsed.data, locale: context.locale });
  if (!result.ok) return data({ fieldErrors: NO_FIELD_ERRORS, problem: result.status }, { status: STATUS_CODE[result.status] });
  return redirect("/login?created=1");
}

export default function AcceptInvitation() {
  const t = useT();
  const { problem, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const blocking = result?.problem ?? problem;
  if (blocking) return <LinkRefused title={t("accept.title")} message={t(STATUS_MESSAGE[blocking])} next={{ to: "/login", label: t("accept.toLogin") }} />;
  const errors = result?.fieldErrors;
  return (
    <div className="page narrow">
      <h1>{t("accept.title")}</h1>
      <p>{t("accept.intro", { email: email ?? "" })}</p>
      <NewPasswordForm errors={errors} labels={{ password: t("accept.password"), confirm: t("accept.confirm"), submit: t("accept.submit") }} busy={busy}>
        <Field name="name" label={t("accept.name")} autoComplete="name" required error={errors?.name} />
      </NewPasswordForm>
    </div>
  );
}
