import { DisclosedForm } from "~/components/DisclosedForm";
import { Field, SelectField } from "~/components/Field";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { TableScroll } from "~/components/DataTable";

const ROLES = ["representative", "deputy", "observer"] as const;

/** The group's members by party and role; a coordinator adds a member or changes one's party or role. */
export function Members({
  groupId,
  members,
  parties,
  canAdd,
}: {
  groupId: string;
  members: { userId: string; name: string; partyName: string; role: string }[];
  parties: { id: string; name: string }[];
  canAdd: boolean;
}) {
  const t = useT();
  const roleLabel = (r: string) => t(`role.${r}` as MessageKey);
  return (
    <section aria-labelledby="members-h">
      <h2 id="members-h">{t("group.members")}</h2>
      {members.length === 0 ? <p className="empty">{t("group.noMembers")}</p> : null}
      {members.length ? (
        <TableScroll label={t("group.members")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("accept.name")}</th>
                <th scope="col">{t("group.party")}</th>
                <th scope="col">{t("group.role")}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.userId}>
                  <td>{m.name}</td>
                  <td>{m.partyName}</td>
                  <td>{roleLabel(m.role)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {canAdd ? (
        // The form stays open after a save, for the next member.
        <DisclosedForm summary={t("group.addMember")} action={`/groups/${groupId}/members`} keepOpen>
          {(errors) => (
            <>
              <Field name="email" type="email" label={t("group.memberEmail")} required error={errors.email} />
              <SelectField name="partyId" label={t("group.party")} options={parties.map((p) => ({ value: p.id, label: p.name }))} error={errors.partyId} />
              <SelectField name="role" label={t("group.role")} options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} />
              <button type="submit">{t("group.saveMember")}</button>
            </>
          )}
        </DisclosedForm>
      ) : null}
    </section>
  );
}
