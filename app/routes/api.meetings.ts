import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/auth/api-token.server";
import { isUuid, requireGroupAccess } from "~/services/access.server";
import { apiAccess } from "~/services/api.server";
import { meetingsOfGroup } from "~/services/meetings.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireApiUser(context, request);
  const groupId = new URL(request.url).searchParams.get("groupId") ?? undefined;
  if (!isUuid(groupId)) return Response.json({ error: "groupId is required" }, { status: 400 });
  const denied = await apiAccess(requireGroupAccess(context.db, user, groupId));
  if (denied instanceof Response) return denied;
  const rows = await meetingsOfGroup(context.db, groupId, { includeCancelled: true });
  return Response.json(rows.map((m) => ({ id: m.id, groupId: m.groupId, kind: m.kind, title: m.title, startsAt: m.startsAt.toISOString(), status: m.status })));
}
