import { requireApiUser } from "~/auth/api-token.server";
import { isClosed } from "~/domain/cases";
import { requirePartnershipAccess } from "~/services/access.server";
import { apiLoader, methodNotAllowed } from "~/services/api.server";
import { casesWithPlans } from "~/services/cases.server";

/** GET /api/partnerships/:id/cases — shortcomings with their action plans, disputes and reported changes, with stage. */
export const loader = apiLoader(async ({ request, params, context }) => {
  const user = await requireApiUser(context, request);
  await requirePartnershipAccess(context.db, user, params.id!);
  const rows = await casesWithPlans(context.db, params.id!);
  return Response.json(
    rows.map(({ row: c, actions }) => ({
      id: c.id,
      kind: c.kind,
      stage: c.stage,
      closed: isClosed(c.kind, c.stage),
      title: c.title,
      description: c.description,
      raisedBy: c.raisedBy,
      concerns: c.concerns,
      planDueOn: c.planDueOn,
      actionPlan: c.kind === "shortcoming" ? actions.map((a) => ({ what: a.what, owner: a.owner, dueOn: a.dueOn, progress: a.progress, done: a.done })) : null,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    })),
  );
});

export const action = methodNotAllowed;
