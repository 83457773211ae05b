import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/auth/api-token.server";
import { stockholmDate } from "~/domain/stockholm-date";
import { dateParam } from "~/forms/input";
import { queryParam } from "~/http/query.server";
import { requirePartnershipAccess } from "~/services/access.server";
import { apiAccess, apiPartnership, notFoundJson } from "~/services/api.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireApiUser(context, request);
  const on = queryParam(request, "on", dateParam) ?? stockholmDate(new Date());
  const denied = await apiAccess(requirePartnershipAccess(context.db, user, params.id!));
  if (denied instanceof Response) return denied;
  const body = await apiPartnership(context.db, params.id!, on);
  return body ? Response.json(body) : notFoundJson();
}
