import { requireApiUser } from "~/auth/api-token.server";
import { isUuid, requireGroupAccess } from "~/services/access.server";
import { apiLoader, methodNotAllowed } from "~/services/api.server";
import { meetingsOfGroup } from "~/services/meetings.server";

export const loader = apiLoader(async ({ request, context }) => {
  const user = await requireApiUser(context, request);
  const groupId = new URL(request.url).searchParams.get("groupId") ?? undefined;
  if (!isUuid(groupId)) return Response.json({ error: "groupId is required" }, { status: 400 });
  await requireGroupAccess(context.db, user, groupId);
  const rows = await meetingsOfGroup(context.db, groupId, { includeCancelled: true });
  return Response.json(rows.map((m) => ({ id: m.id, groupId: m.groupId, kind: m.kind, title: m.title, startsAt: m.startsAt.toISOString(), status: m.status })));
});

export const action = methodNotAllowed;
