import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { listPartnershipsFor } from "~/services/partnerships.server";

export const meta = titled("home.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const partnerships = await listPartnershipsFor(context.db, user);
  return { name: user.name, isAdmin: user.isAdmin, partnerships };
}

export default function Home() {
  const t = useT();
  const { name, isAdmin, partnerships } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("home.title")}</h1>
      <p>{t("home.welcome", { name })}</p>
      <section aria-labelledby="partnerships-heading">
        <h2 id="partnerships-heading">{t("home.partnerships")}</h2>
        {isAdmin ? (
          <p>
            <Link to="/partnerships/new">{t("partnership.newTitle")}</Link>
          </p>
        ) : null}
        {partnerships.length === 0 ? (
          <p className="empty">{t("home.noPartnerships")}</p>
        ) : (
          <ul className="card-list">
            {partnerships.map((p) => (
              <li key={p.id} className="card">
                <h3>
                  <Link to={`/partnerships/${p.id}`}>{p.name}</Link>
                </h3>
                {p.referenceNumber ? <p className="muted">Dnr {p.referenceNumber}</p> : null}
                <h4>{t("home.parties")}</h4>
                <ul>
                  {p.parties.map((party) => (
                    <li key={party.id}>
                      {party.name} ({t(party.sector === "public" ? "sector.public" : "sector.idea")},{" "}
                      {party.orgNumber ?? t("home.orgNumberMissing")})
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
