import { requireApiUser } from "~/auth/api-token.server";
import { stockholmDate } from "~/domain/stockholm-date";
import { dateParam } from "~/forms/input";
import { queryParam } from "~/http/query.server";
import { requirePartnershipAccess } from "~/services/access.server";
import { apiLoader, apiPartnership, methodNotAllowed, notFoundJson } from "~/services/api.server";

export const loader = apiLoader(async ({ request, params, context }) => {
  const user = await requireApiUser(context, request);
  const on = queryParam(request, "on", dateParam) ?? stockholmDate(new Date());
  await requirePartnershipAccess(context.db, user, params.id!);
  const body = await apiPartnership(context.db, params.id!, on);
  return body ? Response.json(body) : notFoundJson();
});

export const action = methodNotAllowed;
