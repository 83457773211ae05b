import type { ActionFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { completeTaskVerdict } from "~/domain/capabilities";
import { taskSchema } from "~/forms/decision";
import { parseForm } from "~/forms/parse";
import { answer, badForm, capabilityAction, done, failed, refusal } from "~/http/result.server";
import { addTask, completeTask, requireDecisionCapabilities, taskOf } from "~/services/decisions.server";

/** Follow-up tasks: the convener adds them; a task's owner (or the convener) marks it done. */
export async function action(args: ActionFunctionArgs) {
  // Completing is judged per task, below.
  const m = await capabilityAction(args, requireDecisionCapabilities, { task: "addTask", taskDone: null });
  if (m.refused) return failed(m.refused);
  const { db } = args.context;
  if (m.intent === "taskDone") {
    const task = await taskOf(db, m.decision, String(m.form.get("taskId")));
    if (!task) throw notFound();
    const refused = refusal(completeTaskVerdict(m.can, m.user.id, task));
    if (refused) return failed(refused);
    await completeTask(db, m.decision, task.id, m.user);
    return done("decision.taskCompleted");
  }
  const parsed = parseForm(taskSchema, m.form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  return answer(await addTask(db, m.decision, parsed.data, m.user), () => "decision.taskAdded");
}
