import type { InputHTMLAttributes } from "react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  error?: MessageKey;
}

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export function Field({ name, label, error, id = `f-${name}`, ...input }: FieldProps) {
  const t = useT();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p className="field-error" id={errorId}>
          {t(error)}
        </p>
      ) : null}
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} {...input} />
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
