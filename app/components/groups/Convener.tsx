import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { SelectField } from "~/components/Field";
import { useT } from "~/i18n/use-t";
import type { action } from "~/routes/groups.$id.convener";

/** The convener field's value for "the chair of the rotation"; any other value is a party's id. */
export const ROTATING_CHAIR = "rotatingChair";

/** A coordinator sets who convenes the group's meetings, as the agreement says: a party, or the rotating chair. */
export function Convener({ groupId, convenerPartyId, parties }: { groupId: string; convenerPartyId: string | null; parties: { id: string; name: string }[] }) {
  const t = useT();
  const fetcher = useFetcher<typeof action>();
  return (
    <details open={fetcher.data !== undefined && !fetcher.data.done}>
      <summary>{t("convener.title")}</summary>
      <ActionMessages data={fetcher.data} />
      <fetcher.Form method="post" action={`/groups/${groupId}/convener`} className="stack">
        <p className="muted">{t("convener.hint")}</p>
        <SelectField
          name="convener"
          label={t("convener.label")}
          defaultValue={convenerPartyId ?? ROTATING_CHAIR}
          options={[{ value: ROTATING_CHAIR, label: t("convener.rotatingChair") }, ...parties.map((p) => ({ value: p.id, label: p.name }))]}
          error={fetcher.data?.fieldErrors.convener}
        />
        <button type="submit">{t("convener.submit")}</button>
      </fetcher.Form>
    </details>
  );
}
