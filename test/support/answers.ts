import { translator, withRetryIn } from "../../app/i18n";
import type { ActionData } from "../../app/services/result";

const sv = translator("sv");

/**
 * The Swedish message an answer to a form shows at `field` ("refused": above the form): from a
 * page's HTML, or from a resource route's JSON as its section renders it (with the wait a throttled
 * answer asks for).
 */
export async function shownAt(res: Response, field: string): Promise<string | undefined> {
  const body = await res.text();
  if (res.headers.get("content-type")?.includes("application/json")) {
    const data = JSON.parse(body) as ActionData;
    const key = data.fieldErrors?.[field];
    return key && withRetryIn(sv(key), Number(data.details?.retryAfter ?? 0), "sv");
  }
  if (field === "refused") return /role="alert">([^<]*)</.exec(body)?.[1];
  return new RegExp(`id="[\\w-]*${field}-error">([^<]*)<`).exec(body)?.[1];
}

/** The Swedish notice a resource route's answer shows for what was done, filled in with its params. */
export async function doneShown(res: Response): Promise<string | undefined> {
  const data = (await res.json()) as ActionData;
  return data.done ? sv(data.done, data.params) : undefined;
}
