import { translator } from "../../app/i18n";

const sv = translator("sv");

/**
 * The Swedish message an answer to a form shows at `field` ("refused": above the form): from a
 * page's HTML, or from a resource route's JSON as its section renders it.
 */
export async function shownAt(res: Response, field: string): Promise<string | undefined> {
  const body = await res.text();
  if (res.headers.get("content-type")?.includes("application/json")) {
    const key = (JSON.parse(body) as { fieldErrors?: Record<string, string> }).fieldErrors?.[field];
    return key && sv(key as Parameters<typeof sv>[0]);
  }
  if (field === "refused") return /role="alert">([^<]*)</.exec(body)?.[1];
  return new RegExp(`id="[\\w-]*${field}-error">([^<]*)<`).exec(body)?.[1];
}
