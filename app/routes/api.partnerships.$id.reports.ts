import { requireApiUser } from "~/auth/api-token.server";
import { stockholmDate } from "~/domain/stockholm-date";
import { currentReportYear } from "~/domain/yearly-report";
import { yearParam } from "~/forms/input";
import { queryParam } from "~/http/query.server";
import { requirePartnershipAccess } from "~/services/access.server";
import { apiLoader, methodNotAllowed } from "~/services/api.server";
import { overviewView, reportsOverview } from "~/services/reports.server";

/** GET /api/partnerships/:id/reports?year=YYYY — every idea-based party's report, status and the totals. */
export const loader = apiLoader(async ({ request, params, context }) => {
  const user = await requireApiUser(context, request);
  const today = stockholmDate(new Date());
  const year = queryParam(request, "year", yearParam) ?? currentReportYear(today);
  await requirePartnershipAccess(context.db, user, params.id!);
  return Response.json(overviewView(await reportsOverview(context.db, params.id!, year, today)));
});

export const action = methodNotAllowed;
