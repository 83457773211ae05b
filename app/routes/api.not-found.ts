import { notFoundJson } from "~/services/api.server";

/** Any other path under /api/ is a JSON 404, not the site's HTML page. */
export const loader = notFoundJson;
export const action = notFoundJson;
