import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { Field, FormAlert, SelectField, TextArea } from "./Field";

export interface MeetingFormValues {
  title?: string;
  kind?: string;
  extraReason?: string;
  date?: string;
  startTime?: string;
  endTime?: string;
  location?: string;
  videoUrl?: string;
}

/** Create and edit share one form: the same fields, the same validation messages. */
export function MeetingForm({ values, errors, submitLabel }: { values: MeetingFormValues; errors: Partial<Record<string, MessageKey>>; submitLabel: string }) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const [kind, setKind] = useState(values.kind ?? "ordinary");
  return (
    <Form method="post" noValidate className="stack">
      {Object.keys(errors).length ? <FormAlert message={t("form.errorSummary")} /> : null}
      <Field name="title" label={t("meeting.titleField")} required defaultValue={values.title} error={errors.title} />
      <SelectField
        name="kind"
        label={t("meeting.kind")}
        value={kind}
        onChange={(e) => setKind(e.target.value)}
        options={[
          { value: "ordinary", label: t("meeting.kind.ordinary") },
          { value: "extra", label: t("meeting.kind.extra") },
        ]}
      />
      {kind === "extra" ? (
        <TextArea name="extraReason" label={t("meeting.extraReason")} hint={t("meeting.extraReasonHint")} required defaultValue={values.extraReason} error={errors.extraReason} />
      ) : null}
      <div className="row">
        <Field name="date" type="date" label={t("meeting.date")} required defaultValue={values.date} error={errors.date} />
        <Field name="startTime" type="time" label={t("meeting.startTime")} required defaultValue={values.startTime ?? "13:00"} error={errors.startTime} />
        <Field name="endTime" type="time" label={t("meeting.endTime")} required defaultValue={values.endTime ?? "15:00"} error={errors.endTime} />
      </div>
      <p className="muted">{t("meeting.timeZoneNote")}</p>
      <Field name="location" label={t("meeting.location")} defaultValue={values.location} error={errors.location} />
      <Field name="videoUrl" type="url" label={t("meeting.videoUrl")} defaultValue={values.videoUrl} error={errors.videoUrl} />
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
