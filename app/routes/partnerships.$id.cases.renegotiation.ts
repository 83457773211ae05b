import type { ActionFunctionArgs } from "@remix-run/node";
import { openMatter } from "~/http/case-action.server";

/** Either party asks to renegotiate the agreement, at any time (003, 000 §10). */
export const action = (args: ActionFunctionArgs) => openMatter(args, "renegotiation");
