import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { SelectField } from "~/components/Field";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";

/** The party holding the turn in force names the person who holds it: `members` are those sitting for that party. */
export function NameHolder({ groupId, turnIndex, role, members }: { groupId: string; turnIndex: number; role: string; members: { userId: string; name: string }[] }) {
  const t = useT();
  const fetcher = useFetcher<ActionData>();
  return (
    <>
      <ActionMessages data={fetcher.data} />
      <fetcher.Form method="post" action={`/groups/${groupId}/rotation/holder`} className="inline-form">
        <input type="hidden" name="turnIndex" value={turnIndex} />
        <SelectField
          name="userId"
          label={t("rotation.namePerson", { role })}
          options={members.map((m) => ({ value: m.userId, label: m.name }))}
          error={fetcher.data?.fieldErrors.userId}
        />
        <button type="submit">{t("rotation.namePersonSubmit")}</button>
      </fetcher.Form>
    </>
  );
}
