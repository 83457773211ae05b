import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/auth/api-token.server";
import { isUuid, requireGroupAccess } from "~/services/access.server";
import { meetingsOfGroup } from "~/services/meetings.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireApiUser(context, request);
  const groupId = new URL(request.url).searchParams.get("groupId") ?? undefined;
  if (!isUuid(groupId)) return Response.json({ error: "groupId is required" }, { status: 400 });
  try {
    await requireGroupAccess(context.db, user, groupId);
  } catch {
    return Response.json({ error: "not found" }, { status: 404 });
  }
  const rows = await meetingsOfGroup(context.db, groupId, { includeCancelled: true });
  return Response.json(rows.map((m) => ({ id: m.id, groupId: m.groupId, kind: m.kind, title: m.title, startsAt: m.startsAt.toISOString(), status: m.status })));
}
