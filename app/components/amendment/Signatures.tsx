import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { DataTable } from "~/components/DataTable";
import { Field, FormAlert } from "~/components/Field";
import { formatDateTime, withRetryIn } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import { retryAfterOf, type ActionData } from "~/services/result";
import type { AmendmentPage } from "./page-data";

/** Each party's signature, the voided ones, and the form for the party the user signs for. */
export function Signatures({ amendment, parties, voided, signFor }: Pick<AmendmentPage, "amendment" | "parties" | "voided" | "signFor">) {
  const t = useT();
  const locale = useLocale();
  const sign = useFetcher<ActionData>();
  const password = sign.data?.fieldErrors.password;
  return (
    <>
      <section aria-labelledby="sig-h">
        <h2 id="sig-h">{t("amendment.signatures")}</h2>
        <DataTable label={t("amendment.signatures")} headers={[t("amendment.party"), t("amendment.signer"), t("amendment.signedAt")]}>
          {parties.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{p.signature?.signer ?? t("amendment.notSigned")}</td>
              <td>{p.signature ? formatDateTime(p.signature.signedAt, locale) : "—"}</td>
            </tr>
          ))}
        </DataTable>
        {voided.length ? (
          <details>
            <summary>{t("amendment.voided")}</summary>
            <ul>
              {voided.map((s) => (
                <li key={s.id}>
                  {s.party}: {s.signer}, {formatDateTime(s.signedAt, locale)}. {t("amendment.voidedAt")} {formatDateTime(s.voidedAt, locale)}.
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      {signFor || sign.data?.done ? (
        <section aria-labelledby="sign-h">
          <h2 id="sign-h">{t("amendment.sign")}</h2>
          <ActionMessages data={sign.data} />
          {signFor ? (
            <>
              <p>{t("amendment.signIntro", { party: signFor })}</p>
              <sign.Form method="post" action={`/amendments/${amendment.id}/signatures`} className="stack" noValidate>
                <FormAlert message={password ? withRetryIn(t(password), retryAfterOf(sign.data), locale) : undefined} />
                <input type="hidden" name="textSha256" value={amendment.textSha256} />
                <Field name="password" type="password" autoComplete="current-password" label={t("amendment.password")} required error={password} />
                <button type="submit">{t("amendment.signSubmit")}</button>
              </sign.Form>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
