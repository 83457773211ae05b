import type { ActionFunctionArgs } from "@remix-run/node";
import { openMatter } from "~/http/case-action.server";

/** A party raises a disagreement (004 §5.8). */
export const action = (args: ActionFunctionArgs) => openMatter(args, "dispute");
