import type { ActionFunctionArgs } from "@remix-run/node";
import { baseUrl } from "~/http/base-url.server";
import { readNotice } from "~/http/notice.server";
import { done, failed } from "~/http/result.server";
import { giveWrittenNotice } from "~/services/terminations.server";

/** The notice confirmed with the giver's password: recorded, mailed and put on the steering agenda. */
export async function action(args: ActionFunctionArgs) {
  const read = await readNotice(args);
  if (read.refusal) return read.refusal;
  const { p, notice, summary, password } = read;
  const { context } = args;
  const given = await giveWrittenNotice({ ...context, baseUrl: baseUrl(context) }, p.id, { ...notice, partyName: summary.partyName }, { user: p.user, password, ip: context.clientIp });
  return given.ok ? done("termination.given", undefined, { date: given.value.effectiveOn }) : failed(given);
}
