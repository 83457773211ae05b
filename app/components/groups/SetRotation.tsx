import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { Field, FormAlert, SelectField } from "~/components/Field";
import { useT } from "~/i18n/use-t";
import type { action } from "~/routes/groups.$id.rotation";

/** A coordinator sets the rotation decided at the group's first meeting: the order of the parties and each turn's length. */
export function SetRotation({ groupId, parties }: { groupId: string; parties: { id: string; name: string }[] }) {
  const t = useT();
  const fetcher = useFetcher<typeof action>();
  const errors = fetcher.data?.fieldErrors ?? {};
  const options = parties.map((o) => ({ value: o.id, label: o.name }));
  return (
    <details>
      <summary>{t("rotation.setTitle")}</summary>
      <ActionMessages data={fetcher.data} />
      <fetcher.Form method="post" action={`/groups/${groupId}/rotation`} className="stack">
        <p className="muted">{t("rotation.setHint")}</p>
        <FormAlert message={errors.order ? t(errors.order) : undefined} />
        {parties.map((p, i) => (
          <SelectField key={p.id} id={`order-${i}`} name="order" label={t("rotation.position", { n: i + 1 })} defaultValue={p.id} options={options} />
        ))}
        <div className="row">
          <Field name="startsOn" type="date" label={t("rotation.startsOn")} required error={errors.startsOn} />
          <Field name="length" type="number" min={1} max={60} label={t("rotation.length")} required defaultValue="12" error={errors.length} />
          <SelectField
            name="unit"
            label={t("rotation.unit")}
            options={[
              { value: "months", label: t("rotation.unit.months") },
              { value: "meetings", label: t("rotation.unit.meetings") },
            ]}
          />
        </div>
        <button type="submit">{t("rotation.setSubmit")}</button>
      </fetcher.Form>
    </details>
  );
}
