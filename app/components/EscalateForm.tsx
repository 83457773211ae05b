import { useFetcher } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";
import { ActionMessages } from "./ActionMessages";
import { Field, TextArea } from "./Field";

/** 004 §5.8: one action takes a disagreement in the cooperation group to the steering group; the cases page then shows it. */
export function EscalateForm({ groupId, partnershipId }: { groupId: string; partnershipId: string }) {
  const t = useT();
  const fetcher = useFetcher<ActionData>();
  const errors = fetcher.data?.fieldErrors ?? {};
  return (
    <section aria-labelledby="escalate-h">
      <h2 id="escalate-h">{t("case.escalate")}</h2>
      <details open={Boolean(fetcher.data)}>
        <summary>{t("case.escalate")}</summary>
        <p>{t("case.escalateIntro")}</p>
        <ActionMessages data={fetcher.data} />
        <fetcher.Form method="post" action={`/partnerships/${partnershipId}/cases/escalate`} className="stack">
          <input type="hidden" name="groupId" value={groupId} />
          <Field name="title" id="escalate-title" label={t("cases.matterTitle")} required error={errors.title} />
          <TextArea name="description" id="escalate-description" label={t("cases.matterDescription")} hint={t("cases.lackingHint")} rows={4} required error={errors.description} />
          <button type="submit">{t("case.escalateSubmit")}</button>
        </fetcher.Form>
      </details>
    </section>
  );
}
