import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Field } from "~/components/Field";
import { conditionClause, FundsConditionForm, FundsDecisionAnswer, FundsDecisionForm } from "~/components/funding/FundsDecision";
import { FundsTotals } from "~/components/funding/FundsTotals";
import { GrantForm, IndexForm, PaymentForm } from "~/components/funding/GrantForms";
import { kronor } from "~/components/funding/kronor";
import { Payments } from "~/components/funding/Payments";
import { Stops } from "~/components/funding/Stops";
import { DataTable } from "~/components/DataTable";
import { forParty } from "~/domain/partnership-capabilities";
import { yearParam } from "~/forms/input";
import { queryParam } from "~/http/query.server";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { requireFunds, steeringDecisionChoices } from "~/services/funding.server";

export const meta = titled("funds.title");

/** The partnership's funds for its members (404 for others): what the rule proposes, was granted, paid, stopped and must be repaid. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const year = queryParam(request, "year", yearParam) ?? null;
  const { can, overview, partnership, parties, year: shown, today } = await requireFunds(context.db, user, params.id!, year);
  const canRecord = can.recordFunds === true;
  const rule = partnership.fundingRule;
  return {
    id: params.id!,
    year: shown,
    today,
    o: overview,
    rule,
    condition: partnership.fundsCondition,
    canRecord,
    canDecide: can.recordFundsDecision === true,
    canCondition: can.markFundsConditional === true,
    ideaParties: parties.filter((p) => p.sector === "idea").map((p) => ({ value: p.id, label: p.name })),
    invoicesFor: parties.filter((p) => forParty(can.recordInvoice, p.id) === true).map((p) => ({ value: p.id, label: p.name })),
    decisions: canRecord ? await steeringDecisionChoices(context.db, params.id!) : [],
  };
}

export default function Funding() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const o = d.o;
  const repayable = d.rule?.repayment.includes("unused") ?? false;
  const index = d.rule?.kind === "yearly" ? d.rule.indexation : undefined;
  const proposed = o.proposals[0]?.amounts[0]?.amount ?? null;
  return (
    <div className="page">
      <h1>{t("funds.title")}</h1>
      {d.condition?.conditional ? (
        <p className={d.condition.decidedOn ? undefined : "warning"}>
          {d.condition.decidedOn
            ? t("funds.conditionDecided", { date: d.condition.decidedOn, reference: d.condition.reference ?? "" })
            : t("funds.conditional", { clause: conditionClause(d.condition) })}
        </p>
      ) : null}
      <FundsDecisionAnswer />
      {d.canCondition ? <FundsConditionForm id={d.id} /> : null}
      {d.canDecide ? <FundsDecisionForm id={d.id} /> : null}

      <section aria-labelledby="next-h">
        <h2 id="next-h">{t("funds.next")}</h2>
        <p>
          {o.next ? t("funds.nextDue", { date: o.next.dueOn, party: o.next.party, amount: kronor(o.next.amount) }) : t("funds.noneDue")}
          {o.next && o.next.dueOn < d.today ? <strong className="badge badge-warning"> {t("funds.pastDue")}</strong> : null}
        </p>
      </section>

      <FundsTotals totals={o.totals} />
      <p>
        <a href={`/partnerships/${d.id}/funding.csv`} download>
          {t("funds.csv")}
        </a>
      </p>

      <section aria-labelledby="rule-h">
        <h2 id="rule-h">{t("funds.proposals")}</h2>
        <Form method="get" className="row">
          <Field name="year" type="number" min={2000} max={2100} label={t("funds.year")} defaultValue={d.year} />
          <button type="submit">{t("funds.showYear")}</button>
        </Form>
        {o.proposals.length === 0 ? (
          <p>{t("funds.noIdeaParties")}</p>
        ) : (
          <DataTable label={t("funds.proposals")} headers={[t("funds.party"), t("funds.year"), t("funds.proposed"), t("funds.scheduledOn")]}>
            {o.proposals.flatMap((p) =>
              p.amounts.map((a) => (
                <tr key={`${p.partyId}-${a.year}`}>
                  <td>{p.party}</td>
                  <td>{a.year}</td>
                  <td>{a.amount !== null ? kronor(a.amount) : index && a.year >= index.fromYear ? t("funds.awaitsIndex") : t("funds.noProposal")}</td>
                  <td>{a.dueOn ?? t(`funds.schedule.${d.rule?.schedule?.kind ?? "none"}`)}</td>
                </tr>
              )),
            )}
          </DataTable>
        )}
        {index ? <p>{t("funds.indexed", { index: index.index, year: index.fromYear })}</p> : null}
      </section>

      <section aria-labelledby="grants-h">
        <h2 id="grants-h">{t("funds.grants")}</h2>
        {o.grants.length === 0 ? (
          <p>{t("funds.noGrants")}</p>
        ) : (
          <DataTable label={t("funds.grants")} headers={[t("funds.year"), t("funds.party"), t("funds.amount"), t("funds.decisionReference"), t("funds.percent")]}>
            {o.grants.map((g) => (
              <tr key={g.id}>
                <td>{g.year}</td>
                <td>{g.party}</td>
                <td>{kronor(g.amount)}</td>
                <td>{g.decisionReference || "—"}</td>
                <td>{g.indexPercent ?? "—"}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {d.canRecord ? <GrantForm id={d.id} parties={d.ideaParties} year={d.year} proposed={proposed} /> : null}
        {d.invoicesFor.map((party) => {
          const own = o.grants.filter((g) => g.partyId === party.value);
          return own.length ? <PaymentForm key={party.value} id={d.id} party={party} grants={own.map((g) => ({ value: g.id, label: `${g.year}, ${kronor(g.amount)}` }))} /> : null;
        })}
      </section>

      <Payments id={d.id} payments={o.payments} stopped={o.stops.filter((s) => s.holds).map((s) => s.partyId)} canRecord={d.canRecord} decisions={d.decisions} today={d.today} />

      <Stops id={d.id} stops={o.stops} parties={d.ideaParties} decisions={d.decisions} canRecord={d.canRecord} />

      {index ? (
        <section aria-labelledby="index-h">
          <h2 id="index-h">{t("funds.indexes")}</h2>
          {o.indexes.length === 0 ? (
            <p>{t("funds.noIndexes")}</p>
          ) : (
            <ul>
              {o.indexes.map((i) => (
                <li key={i.year}>{t("funds.indexLine", { year: i.year, percent: i.percent, reference: i.reference || "—" })}</li>
              ))}
            </ul>
          )}
          {d.canRecord ? <IndexForm id={d.id} year={d.year + 1} index={index.index} /> : null}
        </section>
      ) : null}

      {repayable ? (
        <section aria-labelledby="repay-h">
          <h2 id="repay-h">{t("funds.repay")}</h2>
          <ul>
            {o.repay.map((r) => (
              <li key={r.partyId}>
                {r.amount === null
                  ? t("funds.repayNoCosts", { party: r.party })
                  : t("funds.repayAmount", { party: r.party, paid: kronor(r.paid), costs: kronor(r.costs), amount: kronor(r.amount) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
