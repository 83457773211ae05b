import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { Field, SelectField } from "~/components/Field";
import { useResetOnDone } from "~/components/use-reset-on-done";
import { paragraphHeading } from "~/domain/agenda";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";
import { AgendaDocuments } from "./AgendaDocuments";
import type { MeetingPage } from "./page-data";

type Op = "up" | "down" | "accept" | "remove";
/** One fetcher for the whole agenda, so what any of its forms did is told in one place. */
type AgendaFetcher = ReturnType<typeof useFetcher<ActionData>>;

/** The agenda in its numbered paragraphs, the proposals waiting, and the form to add or propose an item. */
export function Agenda({ meeting: m, agenda, proposals, documents, can, minutes }: Pick<MeetingPage, "meeting" | "agenda" | "proposals" | "documents" | "can" | "minutes">) {
  const t = useT();
  const fetcher = useFetcher<ActionData>();
  const action = `/meetings/${m.id}/agenda`;
  const errors = fetcher.data?.fieldErrors ?? {};
  // After an item is added the form starts blank: the next item must not inherit the last one's links.
  const addForm = useResetOnDone(fetcher.data);
  const buttons = (item: { id: string; title: string }, ops: Op[]) =>
    can.changeAgenda ? <ItemButtons fetcher={fetcher} action={action} id={item.id} ops={ops} title={item.title} /> : null;
  return (
    <section aria-labelledby="agenda-h">
      <h2 id="agenda-h">{t("agenda.title")}</h2>
      <ActionMessages data={fetcher.data} />
      {m.status !== "cancelled" && minutes.status !== "draft" ? <p className="muted">{t("agenda.locked")}</p> : null}
      <ol className="agenda">
        {agenda.map((item) => (
          <li key={item.id}>
            <span className="agenda-title">{paragraphHeading(item)}</span>{" "}
            <span className="muted">
              ({t(`agenda.type.${item.type}` as MessageKey)}
              {item.presenter ? `, ${item.presenter}` : ""}
              {item.estimatedMinutes ? `, ${t("agenda.minutes", { n: item.estimatedMinutes })}` : ""})
            </span>
            {item.links.map((l) => (
              <a key={l} href={l} className="agenda-link">
                {l}
              </a>
            ))}
            {buttons(item, ["up", "down", "remove"])}
            <AgendaDocuments meetingId={m.id} item={{ id: item.id, heading: paragraphHeading(item) }} documents={documents[item.id] ?? []} canEdit={can.changeAgenda} />
          </li>
        ))}
      </ol>
      {proposals.length ? (
        <>
          <h3>{t("agenda.proposals")}</h3>
          <ul>
            {proposals.map((item) => (
              <li key={item.id}>
                {item.title}
                {buttons(item, ["accept", "remove"])}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {can.changeAgenda || can.proposeItem ? (
        <details open={Object.keys(errors).length > 0}>
          <summary>{t(can.changeAgenda ? "agenda.add" : "agenda.propose")}</summary>
          <fetcher.Form method="post" action={action} className="stack" ref={addForm}>
            <input type="hidden" name="intent" value={can.changeAgenda ? "add" : "propose"} />
            <Field name="title" label={t("agenda.itemTitle")} required error={errors.title} />
            <SelectField
              name="type"
              label={t("agenda.itemType")}
              options={(["information", "discussion", "decision"] as const).map((v) => ({ value: v, label: t(`agenda.type.${v}`) }))}
            />
            <Field name="presenter" label={t("agenda.presenter")} error={errors.presenter} />
            <Field name="estimatedMinutes" type="number" min={1} max={600} label={t("agenda.estimatedMinutes")} error={errors.estimatedMinutes} />
            <Field name="links" label={t("agenda.links")} hint={t("agenda.linksHint")} error={errors.links} />
            <button type="submit">{t(can.changeAgenda ? "agenda.addSubmit" : "agenda.proposeSubmit")}</button>
          </fetcher.Form>
        </details>
      ) : null}
    </section>
  );
}

/** Move, accept or remove one item; each button names the item for screen readers, and removing asks first. */
function ItemButtons({ fetcher, action, id, ops, title }: { fetcher: AgendaFetcher; action: string; id: string; ops: Op[]; title: string }) {
  const t = useT();
  return (
    <fetcher.Form method="post" action={action} className="item-buttons">
      <input type="hidden" name="intent" value="item" />
      <input type="hidden" name="itemId" value={id} />
      {ops
        .filter((op) => op !== "remove")
        .map((op) => (
          <button key={op} type="submit" name="op" value={op} className="small secondary" aria-label={t(`agenda.op.${op}Label`, { title })}>
            {t(`agenda.op.${op}`)}
          </button>
        ))}
      {ops.includes("remove") ? (
        <details className="confirm-remove">
          <summary aria-label={t("agenda.op.removeLabel", { title })}>{t("agenda.op.remove")}</summary>
          <p>{t("agenda.op.removeConfirm", { title })}</p>
          <button type="submit" name="op" value="remove" className="small danger">
            {t("agenda.op.removeLabel", { title })}
          </button>
        </details>
      ) : null}
    </fetcher.Form>
  );
}
