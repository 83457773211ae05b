import { DisclosedForm } from "~/components/DisclosedForm";
import { SelectField } from "~/components/Field";
import { useT } from "~/i18n/use-t";

/** The convener field's value for "the chair of the rotation"; any other value is a party's id. */
export const ROTATING_CHAIR = "rotatingChair";

/** A coordinator sets who convenes the group's meetings, as the agreement says: a party, or the rotating chair. */
export function Convener({ groupId, convenerPartyId, parties }: { groupId: string; convenerPartyId: string | null; parties: { id: string; name: string }[] }) {
  const t = useT();
  return (
    <DisclosedForm summary={t("convener.title")} action={`/groups/${groupId}/convener`}>
      {(errors) => (
        <>
          <p className="muted">{t("convener.hint")}</p>
          <SelectField
            name="convener"
            label={t("convener.label")}
            defaultValue={convenerPartyId ?? ROTATING_CHAIR}
            options={[{ value: ROTATING_CHAIR, label: t("convener.rotatingChair") }, ...parties.map((p) => ({ value: p.id, label: p.name }))]}
            error={errors.convener}
          />
          <button type="submit">{t("convener.submit")}</button>
        </>
      )}
    </DisclosedForm>
  );
}
