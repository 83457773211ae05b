import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound } from "~/auth/guards.server";
import { parseForm } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { answer, badForm } from "~/http/result.server";
import { requeueMail } from "~/services/outbox.server";

const requeueSchema = z.object({ id: z.coerce.number().int().positive() });

/** An administrator sends a failed or uncertain mail again (the outbox page confirms first). */
export async function action({ request, context }: ActionFunctionArgs) {
  if (!context.user?.isAdmin) throw notFound();
  const parsed = parseForm(requeueSchema, await readForm(request));
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  return answer(await requeueMail(context.db, parsed.data.id, context.user), () => "outbox.requeued");
}
