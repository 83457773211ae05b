import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { ActionMessages } from "~/components/ActionMessages";
import { Field } from "~/components/Field";
import { ACCEPTED_EXTENSIONS, formatFileSize, MAX_DOCUMENT_BYTES, typeOfMime } from "~/domain/document-type";
import { formatDateTime, type MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";
import type { MeetingPage } from "./page-data";

type Documents = MeetingPage["documents"][string];
type Version = Documents[number]["latest"];

/**
 * An agenda item's documents: the latest version of each (with its earlier versions), downloadable
 * by every member; whoever may change the agenda attaches, replaces and (after confirming) deletes.
 */
export function AgendaDocuments({ meetingId, item, documents, canEdit }: { meetingId: string; item: { id: string; heading: string }; documents: Documents; canEdit: boolean }) {
  const t = useT();
  const locale = useLocale();
  const deleteKey = `documents-delete-${item.id}`;
  const deleted = useFetcher<ActionData>({ key: deleteKey });
  const action = `/meetings/${meetingId}/documents`;
  const href = (v: Version) => `/meetings/${meetingId}/documents/${v.id}`;
  const describe = (v: Version) => [typeOfMime(v.contentType)?.label ?? v.contentType, formatFileSize(v.size, locale)].join(", ");
  if (!documents.length && !canEdit) return null;
  return (
    <div className="documents">
      <ActionMessages data={deleted.data} />
      {documents.length ? (
        <ul className="document-list" aria-label={t("document.listLabel", { title: item.heading })}>
          {documents.map(({ key, latest, earlier }) => (
            <li key={key}>
              <a href={href(latest)} download>
                {latest.title}
              </a>{" "}
              <span className="muted">
                ({describe(latest)}, {t("document.version", { n: latest.version })}, {formatDateTime(latest.createdAt, locale)})
              </span>
              {earlier.length ? (
                <details className="document-versions">
                  <summary>
                    {t("document.earlier", { n: earlier.length })}
                    <span className="visually-hidden"> – {latest.title}</span>
                  </summary>
                  <ul>
                    {earlier.map((v) => (
                      <li key={v.id}>
                        <a href={href(v)} download>
                          {t("document.earlierVersion", { n: v.version, date: formatDateTime(v.createdAt, locale), size: formatFileSize(v.size, locale) })}
                        </a>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {canEdit ? (
                <div className="document-tools">
                  <Disclosure summary={t("document.replace")} label={t("document.replaceLabel", { title: latest.title })}>
                    <UploadForm action={action} intent="replace" target={["documentKey", key]} idPrefix={`doc-${latest.id}`} submit={t("document.replaceSubmit")} />
                  </Disclosure>
                  <Disclosure summary={t("document.delete")} label={t("document.deleteLabel", { title: latest.title })}>
                    <DeleteForm action={action} documentKey={key} fetcherKey={deleteKey} />
                  </Disclosure>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {canEdit ? (
        <Disclosure summary={t("document.attach")} label={t("document.attachTo", { title: item.heading })}>
          <UploadForm action={action} intent="upload" target={["agendaItemId", item.id]} idPrefix={`doc-${item.id}`} submit={t("document.upload")} />
        </Disclosure>
      ) : null}
    </div>
  );
}

/** A disclosure whose summary names what it acts on for screen readers (the same words repeat on every item). */
function Disclosure({ summary, label, children }: { summary: string; label: string; children: ReactNode }) {
  return (
    <details className="document-form">
      <summary>
        <span aria-hidden="true">{summary}</span>
        <span className="visually-hidden">{label}</span>
      </summary>
      {children}
    </details>
  );
}

/** Deletes a document with its versions, after the warning; the answer is told by the item (the document is gone). */
function DeleteForm({ action, documentKey, fetcherKey }: { action: string; documentKey: string; fetcherKey: string }) {
  const t = useT();
  const fetcher = useFetcher<ActionData>({ key: fetcherKey });
  return (
    <fetcher.Form method="post" action={action} className="stack">
      <input type="hidden" name="intent" value="delete" />
      <input type="hidden" name="documentKey" value={documentKey} />
      <p>{t("document.deleteWarn")}</p>
      <button type="submit" className="danger">
        {t("document.deleteConfirm")}
      </button>
    </fetcher.Form>
  );
}

/**
 * A file (and an optional title) posted as multipart, its answer shown above it. A file over the
 * limit is refused here before it is sent; the server checks again, and judges the type by the content.
 */
function UploadForm({
  action,
  intent,
  target,
  idPrefix,
  submit,
}: {
  action: string;
  intent: "upload" | "replace";
  target: [name: string, value: string];
  idPrefix: string;
  submit: string;
}) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<ActionData>();
  const form = useRef<HTMLFormElement>(null);
  const [tooLarge, setTooLarge] = useState(false);
  // Emptied once its upload is stored, for the next file.
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.done) form.current?.reset();
  }, [fetcher.state, fetcher.data]);
  const errors = fetcher.data?.fieldErrors ?? {};
  const max = formatFileSize(MAX_DOCUMENT_BYTES, locale);
  const fileError: MessageKey | undefined = tooLarge ? "document.tooLarge" : errors.file;
  const fileId = `${idPrefix}-file`;
  return (
    <>
      <ActionMessages data={fetcher.data} />
      <fetcher.Form
        ref={form}
        method="post"
        action={action}
        encType="multipart/form-data"
        className="stack"
        onSubmit={(event) => {
          if (tooLarge) event.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name={target[0]} value={target[1]} />
        <div className="field">
          <label htmlFor={fileId}>{t("document.file")}</label>
          <p className="field-hint" id={`${fileId}-hint`}>
            {t("document.fileHint", { max })}
          </p>
          {fileError ? (
            <p className="field-error" id={`${fileId}-error`}>
              {t(fileError, { max })}
            </p>
          ) : null}
          <input
            id={fileId}
            name="file"
            type="file"
            required
            accept={ACCEPTED_EXTENSIONS}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={[`${fileId}-hint`, fileError ? `${fileId}-error` : ""].filter(Boolean).join(" ")}
            onChange={(event) => setTooLarge((event.currentTarget.files?.[0]?.size ?? 0) > MAX_DOCUMENT_BYTES)}
          />
        </div>
        <Field name="title" id={`${idPrefix}-title`} label={t("document.title")} hint={t("document.titleHint")} maxLength={200} error={errors.title} />
        <button type="submit" disabled={fetcher.state !== "idle"}>
          {submit}
        </button>
      </fetcher.Form>
    </>
  );
}
