import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ActionMessages } from "~/components/ActionMessages";
import { Field, FormAlert } from "~/components/Field";
import { withRetryIn } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import { retryAfterOf, type ActionData } from "~/services/result";

/** The current password, the new one twice; on success the fields are emptied and every other session has ended. */
export function PasswordChange() {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<ActionData>();
  const form = useRef<HTMLFormElement>(null);
  const errors = fetcher.data?.fieldErrors ?? {};
  useEffect(() => {
    if (fetcher.data?.done) form.current?.reset();
  }, [fetcher.data]);
  return (
    <section aria-labelledby="password-h" id="password-section">
      <h2 id="password-h">{t("account.passwordTitle")}</h2>
      <p>{t("account.passwordIntro")}</p>
      <ActionMessages data={fetcher.data} />
      <fetcher.Form method="post" action="/settings/password" className="stack narrow" noValidate ref={form}>
        <FormAlert message={errors.current ? withRetryIn(t(errors.current), retryAfterOf(fetcher.data), locale) : undefined} />
        <Field name="current" id="pw-current" type="password" label={t("account.current")} autoComplete="current-password" required error={errors.current} />
        <Field name="password" id="pw-new" type="password" label={t("account.newPassword")} autoComplete="new-password" required minLength={12} error={errors.password} />
        <Field name="confirm" id="pw-confirm" type="password" label={t("account.confirm")} autoComplete="new-password" required error={errors.confirm} />
        <button type="submit" disabled={fetcher.state !== "idle"}>
          {t("account.changeSubmit")}
        </button>
      </fetcher.Form>
    </section>
  );
}
