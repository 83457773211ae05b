import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { Field, FormAlert, SelectField } from "~/components/Field";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";

/**
 * The party holding the turn in force or the next one passes it over, or a coordinator records it:
 * `turns` are those the user may pass over now, each with its label. What was done stays shown once
 * no turn is left to pass over.
 */
export function SkipTurn({ groupId, turns }: { groupId: string; turns: { index: number; label: string }[] }) {
  const t = useT();
  const fetcher = useFetcher<ActionData>();
  const errors = fetcher.data?.fieldErrors ?? {};
  return (
    <>
      <ActionMessages data={fetcher.data} />
      <FormAlert message={errors.turnIndex ? t(errors.turnIndex) : undefined} />
      {turns.length ? (
        <details open={fetcher.data !== undefined && !fetcher.data.done}>
          <summary>{t("rotation.skipTitle")}</summary>
          <fetcher.Form method="post" action={`/groups/${groupId}/rotation/skip`} className="stack">
            <p>{t("rotation.skipHint")}</p>
            <SelectField name="turnIndex" label={t("rotation.skipTurn")} options={turns.map((turn) => ({ value: String(turn.index), label: turn.label }))} />
            <Field name="reason" label={t("rotation.skipReason")} required error={errors.reason} />
            <button type="submit">{t("rotation.skipSubmit")}</button>
          </fetcher.Form>
        </details>
      ) : null}
    </>
  );
}
