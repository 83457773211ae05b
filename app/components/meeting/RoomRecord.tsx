import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { SelectField, TextArea } from "~/components/Field";
import { positionField, reservationField } from "~/forms/fields";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";
import type { MeetingPage } from "./page-data";

/**
 * The chair's one form for the room: who is present, and what each party present said on one
 * decision. A party left "not stated" keeps whatever it has stated itself.
 */
export function RoomRecord({ meeting: m, people, parties, room }: Pick<MeetingPage, "meeting" | "people" | "parties" | "room">) {
  const t = useT();
  const fetcher = useFetcher<ActionData>();
  const errors = fetcher.data?.fieldErrors ?? {};
  if (!room?.decisions.length) return null;
  return (
    <section aria-labelledby="room-h">
      <h2 id="room-h">{t("room.title")}</h2>
      <p>{t("room.intro")}</p>
      <ActionMessages data={fetcher.data} />
      <fetcher.Form method="post" action={`/meetings/${m.id}/room`} className="stack">
        <SelectField
          name="decisionId"
          id="f-room-decision"
          label={t("room.decision")}
          options={room.decisions.map((d) => ({ value: d.id, label: `${d.label}: ${d.text}` }))}
          error={errors.decisionId}
        />
        <fieldset aria-describedby={errors.present ? "room-present-error" : undefined}>
          <legend>{t("room.present")}</legend>
          {errors.present ? (
            <p className="field-error" id="room-present-error">
              {t(errors.present)}
            </p>
          ) : null}
          {people.map((p) => (
            <label key={p.userId} className="check">
              <input type="checkbox" name="present" value={p.userId} defaultChecked={p.present ?? false} /> {p.name} ({p.partyName})
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("room.positions")}</legend>
          {parties.map((p) => (
            <div key={p.id} className="room-party">
              <SelectField
                name={positionField(p.id)}
                id={`f-room-position-${p.id}`}
                label={t("room.positionFor", { party: p.name })}
                options={[{ value: "", label: t("room.notStated") }, ...(["agree", "object", "abstain"] as const).map((v) => ({ value: v, label: t(`decision.position.${v}`) }))]}
                error={errors[positionField(p.id)]}
              />
              <TextArea
                name={reservationField(p.id)}
                id={`f-room-reservation-${p.id}`}
                rows={2}
                label={t("room.reservationFor", { party: p.name })}
                error={errors[reservationField(p.id)]}
              />
            </div>
          ))}
        </fieldset>
        <button type="submit">{t("room.save")}</button>
      </fetcher.Form>
    </section>
  );
}
