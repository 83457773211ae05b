import type { ActionFunctionArgs } from "@remix-run/node";
import { openMatter } from "~/http/case-action.server";

/** A party tells the steering group of changed circumstances (004 §5.7). */
export const action = (args: ActionFunctionArgs) => openMatter(args, "information");
