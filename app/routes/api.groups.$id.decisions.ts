import { requireApiUser } from "~/auth/api-token.server";
import { decisionLabel, stageOf } from "~/domain/decision";
import { requireGroupAccess } from "~/services/access.server";
import { apiLoader, methodNotAllowed } from "~/services/api.server";
import { decisionsOfGroup } from "~/services/decisions.server";

/** The group's decision register: GET /api/groups/:id/decisions (session or Bearer token). */
export const loader = apiLoader(async ({ request, params, context }) => {
  const user = await requireApiUser(context, request);
  const access = await requireGroupAccess(context.db, user, params.id!);
  const rows = await decisionsOfGroup(context.db, access.group.id);
  return Response.json({
    group: { id: access.group.id, kind: access.group.kind, name: access.group.name },
    decisions: rows.map((r) => ({
      id: r.id,
      label: decisionLabel(access.group.kind, r.year, r.number),
      year: r.year,
      number: r.number,
      kind: r.kind,
      text: r.text,
      stage: stageOf(r),
      status: r.status,
      missing: r.outcome?.missing ?? [],
      objecting: r.outcome?.objecting ?? [],
      meetingId: r.meetingId,
      reviewOn: r.reviewOn,
      decidedAt: r.decidedAt?.toISOString() ?? null,
    })),
  });
});

export const action = methodNotAllowed;
