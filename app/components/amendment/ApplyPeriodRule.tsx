import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";

/** Bringing a valid amendment's period rule into force, behind a warning; what it answered stays once it is applied. */
export function ApplyPeriodRule({ amendmentId, can }: { amendmentId: string; can: boolean }) {
  const t = useT();
  const apply = useFetcher<ActionData>();
  if (!can && !apply.data) return null;
  return (
    <section aria-labelledby="apply-h">
      <h2 id="apply-h">{t("amendment.apply")}</h2>
      <ActionMessages data={apply.data} />
      {can ? (
        <details>
          <summary>{t("amendment.apply")}</summary>
          <p>{t("amendment.applyWarning")}</p>
          <apply.Form method="post" action={`/amendments/${amendmentId}/period-rule`}>
            <button type="submit">{t("amendment.applyConfirm")}</button>
          </apply.Form>
        </details>
      ) : null}
    </section>
  );
}
