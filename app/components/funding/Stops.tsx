import { DisclosedForm } from "~/components/DisclosedForm";
import { SelectField, TextArea } from "~/components/Field";
import { useT } from "~/i18n/use-t";

type Option = { value: string; label: string };
type Stop = { id: string; party: string; decision: string; stoppedOn: string; liftedOn: string | null; reason: string; holds: boolean };

/** Payments stopped by a steering decision without terminating (004 §5.4), and lifted by another. */
export function Stops({ id, stops, parties, decisions, canRecord }: { id: string; stops: Stop[]; parties: Option[]; decisions: Option[]; canRecord: boolean }) {
  const t = useT();
  const action = `/partnerships/${id}/funding/records`;
  return (
    <section aria-labelledby="stops-h">
      <h2 id="stops-h">{t("funds.stops")}</h2>
      {stops.length === 0 ? (
        <p>{t("funds.noStops")}</p>
      ) : (
        <ul>
          {stops.map((s) => (
            <li key={s.id}>
              {s.holds
                ? t("funds.stopHolding", { party: s.party, date: s.stoppedOn, decision: s.decision })
                : t("funds.stopLifted", { party: s.party, date: s.stoppedOn, lifted: s.liftedOn ?? "" })}
              {` ${s.reason}`}
            </li>
          ))}
        </ul>
      )}
      {canRecord && decisions.length === 0 ? <p className="warning">{t("funds.noSteeringDecision")}</p> : null}
      {canRecord && decisions.length > 0 ? (
        <>
          <DisclosedForm summary={t("funds.stop")} action={action}>
            {(errors) => (
              <>
                <input type="hidden" name="intent" value="stop" />
                <SelectField name="partyId" id="stop-party" label={t("funds.party")} options={parties} error={errors.partyId} />
                <SelectField
                  name="decisionId"
                  id="stop-decision"
                  label={t("funds.decision")}
                  options={[{ value: "", label: t("funds.noDecision") }, ...decisions]}
                  required
                  error={errors.decisionId}
                />
                <TextArea name="reason" id="stop-reason" label={t("funds.reason")} required error={errors.reason} />
                <button type="submit" className="danger">
                  {t("funds.saveStop")}
                </button>
              </>
            )}
          </DisclosedForm>
          {stops
            .filter((s) => s.holds)
            .map((s) => (
              <DisclosedForm key={s.id} summary={t("funds.lift", { party: s.party })} action={action}>
                {(errors) => (
                  <>
                    <input type="hidden" name="intent" value="lift" />
                    <input type="hidden" name="stopId" value={s.id} />
                    <SelectField
                      name="decisionId"
                      id={`lift-${s.id}`}
                      label={t("funds.decision")}
                      options={[{ value: "", label: t("funds.noDecision") }, ...decisions]}
                      required
                      error={errors.decisionId}
                    />
                    <button type="submit">{t("funds.saveLift")}</button>
                  </>
                )}
              </DisclosedForm>
            ))}
        </>
      ) : null}
    </section>
  );
}
