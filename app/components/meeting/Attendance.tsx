import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";
import type { MeetingPage } from "./page-data";
import { TableScroll } from "~/components/DataTable";

/** Who was invited, who answered, who was present — and which parties were there with a mandate. */
export function Attendance({ meeting: m, parties, people, can }: Pick<MeetingPage, "meeting" | "parties" | "people" | "can">) {
  const t = useT();
  const fetcher = useFetcher<ActionData>();
  const mandated = parties.filter((p) => p.mandated).map((p) => p.name);
  const missing = parties.filter((p) => !p.mandated).map((p) => p.name);
  const table = (
    <TableScroll label={t("presence.title")}>
      <table>
        <caption className="visually-hidden">{t("presence.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("accept.name")}</th>
            <th scope="col">{t("group.party")}</th>
            <th scope="col">{t("group.role")}</th>
            <th scope="col">{t("rsvp.title")}</th>
            <th scope="col">{t("presence.present")}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.userId}>
              <td>{p.name}</td>
              <td>{p.partyName}</td>
              <td>{t(`role.${p.role}` as MessageKey)}</td>
              <td>{p.rsvp ? t(p.rsvp === "attending" ? "rsvp.attending" : "rsvp.declined") : "—"}</td>
              <td>
                {can.recordAttendance ? (
                  <input type="checkbox" name="present" value={p.userId} defaultChecked={p.present ?? false} aria-label={t("presence.presentFor", { name: p.name })} />
                ) : p.present ? (
                  t("presence.yes")
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
  return (
    <section aria-labelledby="attendance-h">
      <h2 id="attendance-h">{t("presence.title")}</h2>
      <ActionMessages data={fetcher.data} />
      <p>
        {t("presence.mandated")}: {mandated.join(", ") || "—"}
      </p>
      {missing.length ? (
        <p className="muted">
          {t("presence.missing")}: {missing.join(", ")}
        </p>
      ) : null}
      {can.recordAttendance ? (
        <fetcher.Form method="post" action={`/meetings/${m.id}/attendance`}>
          {table}
          <button type="submit">{t("presence.save")}</button>
        </fetcher.Form>
      ) : (
        table
      )}
    </section>
  );
}
