import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";

interface Labelled {
  name: string;
  label: string;
  hint?: string;
  error?: MessageKey;
  id?: string;
}

/** Label, hint and error around one control; the hint and error are tied to it with aria-describedby. */
function FieldFrame({ name, label, hint, error, id = `f-${name}`, children }: Labelled & { children: (a11y: object) => ReactNode }) {
  const t = useT();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {t(error)}
        </p>
      ) : null}
      {children({ id, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
    </div>
  );
}

export function Field({ name, label, hint, error, id, ...input }: Labelled & InputHTMLAttributes<HTMLInputElement>) {
  return <FieldFrame {...{ name, label, hint, error, id }}>{(a11y) => <input {...a11y} {...input} />}</FieldFrame>;
}

export function TextArea({ name, label, hint, error, id, ...input }: Labelled & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <FieldFrame {...{ name, label, hint, error, id }}>{(a11y) => <textarea rows={3} {...a11y} {...input} />}</FieldFrame>;
}

export function SelectField({
  name,
  label,
  hint,
  error,
  id,
  options,
  ...select
}: Labelled & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  return (
    <FieldFrame {...{ name, label, hint, error, id }}>
      {(a11y) => (
        <select {...a11y} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/**
 * Above a form that came back with errors: each error with the field's label, linked to the field.
 * `labels` gives the form's fields in their order; an error on a field not named there is listed last.
 */
export function ErrorSummary({ errors, labels }: { errors: Partial<Record<string, MessageKey>>; labels: Record<string, string> }) {
  const t = useT();
  const fields = Object.keys(errors).filter((k) => errors[k]);
  if (!fields.length) return null;
  const order = Object.keys(labels);
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{t("form.errorSummary")}</p>
      <ul>
        {[...fields]
          .sort((a, b) => rank(a) - rank(b))
          .map((k) => (
            <li key={k}>
              <a href={`#f-${k}`}>{labels[k] ? `${labels[k]}: ${t(errors[k]!)}` : t(errors[k]!)}</a>
            </li>
          ))}
      </ul>
    </div>
  );
}

/** Shown above a form when it came back with errors; focusable so it can be announced. */
export function FormAlert({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div className="alert alert-error" role="alert">
      {message}
    </div>
  );
}

export function Notice({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div className="alert alert-info" role="status">
      {message}
    </div>
  );
}
