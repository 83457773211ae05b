import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { createInvitation, emailHasAccount, invitationStatus, listInvitations } from "~/auth/invitations.server";
import { Field, FormAlert, Notice } from "~/components/Field";
import { inviteSchema } from "~/forms/auth";
import { NO_FIELD_ERRORS, parseForm } from "~/forms/parse";
import { baseUrl } from "~/http/base-url.server";
import { readForm } from "~/http/form.server";
import { formatDateTime } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { TableScroll } from "~/components/DataTable";

export const meta = titled("invite.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  const now = new Date();
  const rows = await listInvitations(context.db);
  return { invitations: rows.map((r) => ({ id: r.id, email: r.email, createdAt: r.createdAt.toISOString(), status: invitationStatus(r, now) })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireAdmin(context, request);
  const form = await readForm(request);
  const parsed = parseForm(inviteSchema, form);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, exists: null, sent: null }, { status: 400 });
  const { email } = parsed.data;
  if (await emailHasAccount(context.db, email)) return data({ fieldErrors: NO_FIELD_ERRORS, exists: email, sent: null }, { status: 409 });
  await createInvitation(context.db, { email, inviter: admin, baseUrl: baseUrl(context), locale: context.locale });
  return { fieldErrors: NO_FIELD_ERRORS, exists: null, sent: email };
}

export default function Invitations() {
  const t = useT();
  const locale = useLocale();
  const { invitations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="page">
      <h1>{t("invite.title")}</h1>
      <p>{t("invite.intro")}</p>
      <Notice message={result?.sent ? t("invite.sent", { email: result.sent }) : undefined} />
      <FormAlert message={result?.exists ? t("invite.alreadyUser", { email: result.exists }) : undefined} />
      <Form method="post" noValidate className="stack narrow" key={result?.sent ?? "form"}>
        <Field name="email" type="email" label={t("invite.email")} autoComplete="off" required error={result?.fieldErrors.email} />
        <button type="submit" disabled={busy}>
          {t("invite.submit")}
        </button>
      </Form>
      <h2>{t("invite.listTitle")}</h2>
      {invitations.length === 0 ? (
        <p className="empty">{t("invite.empty")}</p>
      ) : (
        <TableScroll label={t("invite.listTitle")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("invite.colEmail")}</th>
                <th scope="col">{t("invite.colSent")}</th>
                <th scope="col">{t("invite.colStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((inv) => (
                <tr key={inv.id}>
                  <td>{inv.email}</td>
                  <td>{formatDateTime(inv.createdAt, locale)}</td>
                  <td>{t(`invite.status.${inv.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
