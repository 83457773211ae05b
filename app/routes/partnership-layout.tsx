import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { PartnershipTabs, tabOf } from "~/components/PartnershipTabs";
import { requirePartnership } from "~/services/access.server";

/**
 * The frame of a partnership's pages: its name and tabs above the page. Remix runs this loader
 * beside the page's, not before it, so every page below still guards its own loader and action.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { id, name } = await requirePartnership(context, user, params.id);
  return { id, name };
}

export default function PartnershipLayout() {
  const { id, name } = useLoaderData<typeof loader>();
  const rest = useLocation().pathname.slice(`/partnerships/${id}`.length).replace(/\/$/, "");
  return (
    <>
      <div className="partnership-header">
        {/* The overview's own heading is the name. */}
        {rest ? (
          <p className="partnership-name">
            <Link to={`/partnerships/${id}`}>{name}</Link>
          </p>
        ) : null}
        <PartnershipTabs id={id} current={tabOf(rest)} />
      </div>
      <Outlet />
    </>
  );
}
