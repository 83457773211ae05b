import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/auth/api-token.server";
import { apiPartnerships } from "~/services/api.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireApiUser(context, request);
  return Response.json(await apiPartnerships(context.db, user));
}
