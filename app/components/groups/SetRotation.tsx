import { DisclosedForm } from "~/components/DisclosedForm";
import { Field, FormAlert, SelectField } from "~/components/Field";
import { useT } from "~/i18n/use-t";

/** A coordinator sets the rotation decided at the group's first meeting: the order of the parties and each turn's length. */
export function SetRotation({ groupId, parties }: { groupId: string; parties: { id: string; name: string }[] }) {
  const t = useT();
  const options = parties.map((o) => ({ value: o.id, label: o.name }));
  return (
    <DisclosedForm summary={t("rotation.setTitle")} action={`/groups/${groupId}/rotation`}>
      {(errors) => (
        <>
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
        </>
      )}
    </DisclosedForm>
  );
}
