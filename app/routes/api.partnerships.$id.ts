import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/auth/api-token.server";
import { isIsoDate } from "~/domain/iso-date";
import { stockholmDate } from "~/domain/stockholm-date";
import { requirePartnershipAccess } from "~/services/access.server";
import { apiAccess, apiPartnership, notFoundJson } from "~/services/api.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireApiUser(context, request);
  const on = new URL(request.url).searchParams.get("on") ?? stockholmDate(new Date());
  if (!isIsoDate(on)) return Response.json({ error: "on must be a date YYYY-MM-DD" }, { status: 400 });
  const denied = await apiAccess(requirePartnershipAccess(context.db, user, params.id!));
  if (denied instanceof Response) return denied;
  const body = await apiPartnership(context.db, params.id!, on);
  return body ? Response.json(body) : notFoundJson();
}
