import { requireApiUser } from "~/auth/api-token.server";
import { apiLoader, apiPartnerships, methodNotAllowed } from "~/services/api.server";

export const loader = apiLoader(async ({ request, context }) => {
  const user = await requireApiUser(context, request);
  return Response.json(await apiPartnerships(context.db, user));
});

export const action = methodNotAllowed;
