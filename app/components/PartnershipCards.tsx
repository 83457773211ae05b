import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

interface Card {
  id: string;
  name: string;
  referenceNumber: string | null;
  parties: { id: string; name: string; orgNumber: string | null; sector: "public" | "idea" }[];
}

/** Partnerships as cards (h3 under the list's h2): the name as a link, the reference number and the parties. */
export function PartnershipCards({ partnerships }: { partnerships: Card[] }) {
  const t = useT();
  return (
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
  );
}
