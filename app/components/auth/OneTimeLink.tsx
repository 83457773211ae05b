import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Field, FormAlert } from "~/components/Field";
import type { FieldErrors } from "~/forms/parse";
import { useT } from "~/i18n/use-t";

/** A one-time link that no longer works (unknown, used or expired): why, and where to go instead. */
export function LinkRefused({ title, message, next }: { title: string; message: string; next: { to: string; label: string } }) {
  return (
    <div className="page narrow">
      <h1>{title}</h1>
      <FormAlert message={message} />
      <p>
        <Link to={next.to}>{next.label}</Link>
      </p>
    </div>
  );
}

/**
 * The form behind a one-time link that sets a password (an invitation, a reset): the summary of its
 * errors, any fields of its own, the new password twice, and its button.
 */
export function NewPasswordForm({
  errors,
  labels,
  busy,
  children,
}: {
  errors: FieldErrors | undefined;
  labels: { password: string; confirm: string; submit: string };
  busy: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <>
      {errors && Object.keys(errors).length > 0 ? <FormAlert message={t("form.errorSummary")} /> : null}
      <Form method="post" noValidate className="stack">
        {children}
        <Field name="password" type="password" label={labels.password} autoComplete="new-password" required minLength={12} error={errors?.password} />
        <Field name="confirm" type="password" label={labels.confirm} autoComplete="new-password" required error={errors?.confirm} />
        <button type="submit" disabled={busy}>
          {labels.submit}
        </button>
      </Form>
    </>
  );
}
