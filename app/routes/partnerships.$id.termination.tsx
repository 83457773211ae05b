import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { CourtRuling } from "~/components/termination/CourtRuling";
import { GiveNotice } from "~/components/termination/GiveNotice";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { requirePartnershipCapabilities } from "~/services/partnership-access.server";
import { courtRulingOf } from "~/services/court-rulings.server";
import { terminationsOf } from "~/services/terminations.server";

export const meta = titled("termination.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { parties, can } = await requirePartnershipCapabilities(context.db, user, params.id!);
  const [given, ruling] = await Promise.all([terminationsOf(context.db, params.id!), courtRulingOf(context.db, params.id!)]);
  return {
    id: params.id!,
    isAdmin: user.isAdmin,
    ruling: ruling && { authority: ruling.authority, caseNumber: ruling.caseNumber, finalOn: ruling.finalOn, endsOn: ruling.endsOn, note: ruling.note },
    canRecordRuling: can.recordCourtRuling === true,
    parties: parties.filter((p) => can.giveNotice[p.id] === true).map((p) => ({ id: p.id, name: p.name, sector: p.sector })),
    given: given.map((g) => ({
      id: g.id,
      partyName: g.partyName,
      givenOn: g.givenOn,
      effectiveOn: g.effectiveOn,
      byCase: g.caseId !== null,
      committee: g.committeeReference ? { reference: g.committeeReference, date: g.committeeDecidedOn ?? "" } : null,
    })),
  };
}

export default function Termination() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("termination.title")}</h1>
      <p>{t("termination.intro")}</p>

      {d.given.length ? (
        <section aria-labelledby="given-h">
          <h2 id="given-h">{t("termination.list")}</h2>
          <ul>
            {d.given.map((g) => (
              <li key={g.id}>
                {t(g.byCase ? "termination.entryTerminated" : "termination.entry", { party: g.partyName, givenOn: g.givenOn, effectiveOn: g.effectiveOn })}
                {g.committee ? ` ${t("termination.entryCommittee", g.committee)}` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <GiveNotice id={d.id} parties={d.parties} isAdmin={d.isAdmin} />
      <CourtRuling id={d.id} ruling={d.ruling} canRecord={d.canRecordRuling} />
    </div>
  );
}
