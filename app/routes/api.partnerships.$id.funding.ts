import { requireApiUser } from "~/auth/api-token.server";
import { yearParam } from "~/forms/input";
import { queryParam } from "~/http/query.server";
import { apiLoader, methodNotAllowed } from "~/services/api.server";
import { fundsYearView, requireFunds } from "~/services/funding.server";

/** GET /api/partnerships/:id/funding?year=YYYY — the year's grants, payments, the stops and the year's totals. */
export const loader = apiLoader(async ({ request, params, context }) => {
  const user = await requireApiUser(context, request);
  const year = queryParam(request, "year", yearParam) ?? null;
  const { overview, year: shown, partnership } = await requireFunds(context.db, user, params.id!, year);
  return Response.json({ ...fundsYearView(overview, shown), fundingRule: partnership.fundingRule, fundsCondition: partnership.fundsCondition });
});

export const action = methodNotAllowed;
