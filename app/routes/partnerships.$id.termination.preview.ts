import type { ActionFunctionArgs } from "@remix-run/node";
import { readNotice } from "~/http/notice.server";
import { shown } from "~/http/result.server";

/** The first step of a notice: when it would take effect, for the form to confirm; nothing is recorded. */
export async function action(args: ActionFunctionArgs) {
  const read = await readNotice(args);
  return read.refusal ?? shown({ preview: read.summary });
}
