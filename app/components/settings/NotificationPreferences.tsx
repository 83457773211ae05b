import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { SelectField } from "~/components/Field";
import { isDuty, NOTIFICATION_KINDS, type NotificationMode } from "~/domain/notifications";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";

const MODES: NotificationMode[] = ["immediately", "digest", "off"];

/** Per kind of notification: e-mail at once, in the 07:00 summary, or none; duties with a deadline are always sent. */
export function NotificationPreferences({ modes }: { modes: Partial<Record<string, NotificationMode>> }) {
  const t = useT();
  const fetcher = useFetcher<ActionData>();
  const errors = fetcher.data?.fieldErrors ?? {};
  return (
    <section aria-labelledby="notifications" id="notifications-section">
      <h2 id="notifications">{t("notify.preferences")}</h2>
      <p>{t("notify.preferencesIntro")}</p>
      <ActionMessages data={fetcher.data} />
      <fetcher.Form method="post" action="/settings/notifications" className="stack">
        {NOTIFICATION_KINDS.map((kind) =>
          isDuty(kind) ? (
            <p key={kind}>
              <strong>{t(`notify.kind.${kind}` as MessageKey)}</strong>: {t("notify.dutyAlways")}
            </p>
          ) : (
            <SelectField
              key={kind}
              name={kind}
              id={`pref-${kind.replace(".", "-")}`}
              label={t(`notify.kind.${kind}` as MessageKey)}
              defaultValue={modes[kind] ?? "immediately"}
              options={MODES.map((m) => ({ value: m, label: t(`notify.mode.${m}`) }))}
              error={errors[kind]}
            />
          )
        )}
        <button type="submit">{t("notify.savePreferences")}</button>
      </fetcher.Form>
    </section>
  );
}
