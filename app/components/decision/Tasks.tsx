import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { DataTable } from "~/components/DataTable";
import { Field, SelectField } from "~/components/Field";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";
import type { DecisionPage } from "./page-data";

/** Follow-up tasks with their owners and due days, and the day the decision is to be reviewed. */
export function Tasks({ decision, tasks, members, today, can }: Pick<DecisionPage, "decision" | "tasks" | "members" | "today" | "can">) {
  const t = useT();
  const fetcher = useFetcher<ActionData>();
  const review = useFetcher<ActionData>();
  const action = `/decisions/${decision.id}/tasks`;
  const errors = fetcher.data?.fieldErrors ?? {};
  return (
    <section aria-labelledby="tasks-h">
      <h2 id="tasks-h">{t("decision.tasks")}</h2>
      <ActionMessages data={fetcher.data} />
      {tasks.length ? (
        <DataTable label={t("decision.tasks")} headers={[t("decision.taskTitle"), t("decision.taskOwner"), t("decision.taskDue"), t("decision.taskStatus")]}>
          {tasks.map((task) => (
            <tr key={task.id}>
              <td>{task.title}</td>
              <td>{task.owner}</td>
              <td>{task.dueOn}</td>
              <td>
                {t(task.status === "done" ? "decision.task.done" : task.dueOn < today ? "decision.task.overdue" : "decision.task.open")}
                {task.completable ? (
                  <fetcher.Form method="post" action={action} className="item-buttons">
                    <input type="hidden" name="intent" value="taskDone" />
                    <input type="hidden" name="taskId" value={task.id} />
                    <button type="submit" className="small secondary" aria-label={t("decision.taskDoneLabel", { title: task.title })}>
                      {t("decision.taskDone")}
                    </button>
                  </fetcher.Form>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="empty">{t("decision.noTasks")}</p>
      )}
      {can.addTask ? (
        <details open={Boolean(errors.title ?? errors.ownerId ?? errors.dueOn)}>
          <summary>{t("decision.taskAdd")}</summary>
          <fetcher.Form method="post" action={action} className="stack">
            <input type="hidden" name="intent" value="task" />
            <Field name="title" label={t("decision.taskTitle")} required error={errors.title} />
            <SelectField name="ownerId" label={t("decision.taskOwner")} options={members.map((m) => ({ value: m.id, label: m.name }))} error={errors.ownerId} />
            <Field name="dueOn" type="date" label={t("decision.taskDue")} required error={errors.dueOn} />
            <button type="submit">{t("decision.taskAdd")}</button>
          </fetcher.Form>
        </details>
      ) : null}
      {can.setReview ? (
        <review.Form method="post" action={`/decisions/${decision.id}/review`} className="stack">
          <ActionMessages data={review.data} />
          <Field name="reviewOn" type="date" label={t("decision.reviewOn")} defaultValue={decision.reviewOn ?? ""} error={review.data?.fieldErrors.reviewOn} />
          <button type="submit" className="secondary">
            {t("decision.reviewSave")}
          </button>
        </review.Form>
      ) : null}
    </section>
  );
}
