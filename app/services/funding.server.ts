import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { decisions, fundingIndexes, grants, groups, partnerships, paymentStops, payments, yearlyReports } from "../../db/schema";
import { accessDenied } from "../auth/guards.server";
import type { SessionUser } from "../auth/session.server";
import { decisionLabel } from "../domain/decision";
import { fundsTotals, proposedAmount, scheduledDueOn, unusedToRepay, type FundingRule, type FundsCondition, type PaymentStatus } from "../domain/funding";
import type { IsoDate } from "../domain/iso-date";
import type {
  FundsConditionInput,
  FundsDecisionInput,
  GrantInput,
  IndexInput,
  LiftInput,
  PaymentInput,
  SettleInput,
  StopInput,
} from "../forms/funding";
import { audit } from "./audit.server";
import { requireFundsCapabilities } from "./partnership-access.server";
import type { PartyTakingPart } from "./partnerships.server";
import { conflict, invalid, ok, type Result } from "./result";
import { decisionsAt, heldMeetingsOf, steeringGroupOf } from "./steering.server";

const subject = (partnershipId: string) => `partnership:${partnershipId}`;

/** A stop holds from the day it is recorded until another decision lifts it. */
const holds = (stop: { liftedDecisionId: string | null }) => stop.liftedDecisionId === null;

/**
 * The partnership's grants, payments, stops and index figures, with the totals by year, what falls
 * due next, the rule's proposal for `year` and the year after per idea-based party, and what each
 * must repay of unused funds where the rule asks it (000 §7). A due payment of a party whose
 * payments are stopped shows as stopped.
 */
export async function fundsOverview(db: Db, partnershipId: string, rule: FundingRule | null, parties: readonly PartyTakingPart[], year: number, today: IsoDate) {
  const [grantRows, paymentRows, stopRows, indexRows, reportRows] = await Promise.all([
    db.select().from(grants).where(eq(grants.partnershipId, partnershipId)).orderBy(asc(grants.year)),
    db
      .select({ payment: payments, partyId: grants.partyId, year: grants.year })
      .from(payments)
      .innerJoin(grants, eq(grants.id, payments.grantId))
      .where(eq(grants.partnershipId, partnershipId))
      .orderBy(asc(payments.dueOn)),
    db
      .select({ stop: paymentStops, year: decisions.year, number: decisions.number })
      .from(paymentStops)
      .innerJoin(decisions, eq(decisions.id, paymentStops.decisionId))
      .where(eq(paymentStops.partnershipId, partnershipId))
      .orderBy(asc(paymentStops.createdAt)),
    db.select().from(fundingIndexes).where(eq(fundingIndexes.partnershipId, partnershipId)).orderBy(asc(fundingIndexes.year)),
    db
      .select({ partyId: yearlyReports.partyId, financial: yearlyReports.financial })
      .from(yearlyReports)
      .where(and(eq(yearlyReports.partnershipId, partnershipId), isNotNull(yearlyReports.submittedAt))),
  ]);
  const partyName = new Map(parties.map((p) => [p.id, p.name]));
  const stopped = new Set(stopRows.filter((s) => holds(s.stop)).map((s) => s.stop.partyId));
  const shown = (status: PaymentStatus, partyId: string): PaymentStatus => (status === "due" && stopped.has(partyId) ? "stopped" : status);
  const paymentList = paymentRows.map((r) => ({
    id: r.payment.id,
    grantId: r.payment.grantId,
    partyId: r.partyId,
    party: partyName.get(r.partyId) ?? "",
    year: r.year,
    dueOn: r.payment.dueOn,
    amount: r.payment.amount,
    status: shown(r.payment.status, r.partyId),
    reference: r.payment.reference,
    settledOn: r.payment.settledOn,
    note: r.payment.note,
  }));
  const indexes = new Map(indexRows.map((i) => [i.year, i.percent]));
  const idea = parties.filter((p) => p.sector === "idea");
  const sumOf = (list: typeof paymentList, status: PaymentStatus) => list.filter((p) => p.status === status).reduce((s, p) => s + p.amount, 0);
  return {
    grants: grantRows.map((g) => ({
      id: g.id,
      partyId: g.partyId,
      party: partyName.get(g.partyId) ?? "",
      year: g.year,
      amount: g.amount,
      decisionReference: g.decisionReference,
      indexPercent: g.indexPercent,
    })),
    payments: paymentList,
    stops: stopRows.map(({ stop, year: y, number }) => ({
      id: stop.id,
      partyId: stop.partyId,
      party: partyName.get(stop.partyId) ?? "",
      decision: decisionLabel("steering", y, number),
      stoppedOn: stop.stoppedOn,
      liftedOn: stop.liftedOn,
      reason: stop.reason,
      holds: holds(stop),
    })),
    indexes: indexRows.map((i) => ({ year: i.year, percent: i.percent, reference: i.reference })),
    totals: fundsTotals(grantRows, paymentList),
    next: paymentList.find((p) => p.status === "due") ?? null,
    proposals: idea.map((p) => ({
      partyId: p.id,
      party: p.name,
      amounts: [year, year + 1].map((y) => ({ year: y, amount: proposedAmount(rule, y, indexes), dueOn: scheduledDueOn(rule?.schedule ?? null, y) })),
    })),
    repay: idea.map((p) => {
      const own = paymentList.filter((x) => x.partyId === p.id);
      const costs = reportRows.filter((r) => r.partyId === p.id && typeof r.financial.costs === "number").map((r) => r.financial.costs);
      const reclaimed = sumOf(own, "reclaimed");
      return {
        partyId: p.id,
        party: p.name,
        paid: sumOf(own, "paid") + reclaimed,
        reclaimed,
        costs: costs.reduce((s, c) => s + c, 0),
        amount: unusedToRepay(rule, sumOf(own, "paid") + reclaimed, reclaimed, costs),
      };
    }),
    today,
  };
}

export type FundsOverview = Awaited<ReturnType<typeof fundsOverview>>;

/** The view of one year (the API's): that year's grants, their payments, the stops and that year's totals. */
export function fundsYearView(o: FundsOverview, year: number) {
  return {
    year,
    grants: o.grants.filter((g) => g.year === year),
    payments: o.payments.filter((p) => p.year === year),
    stops: o.stops,
    totals: o.totals.find((t) => t.year === year) ?? { year, granted: 0, paid: 0, stopped: 0, reclaimed: 0, outstanding: 0 },
    next: o.next,
  };
}

/** The steering group's adopted decisions a stop, its lifting or a payment's stop may cite. */
export async function steeringDecisionChoices(db: Db, partnershipId: string, now = new Date()) {
  const steering = await steeringGroupOf(db, partnershipId);
  if (!steering) return [];
  const held = await heldMeetingsOf(db, steering.id, new Date(0), now);
  return (
    await decisionsAt(
      db,
      held.map((m) => m.id),
    )
  ).map((d) => ({ value: d.id, label: `${decisionLabel("steering", d.year, d.number)} ${d.text.slice(0, 60)}` }));
}

/** Whether `decisionId` is an adopted decision of one of the partnership's steering groups. */
async function isSteeringDecision(db: Pick<Db, "select">, partnershipId: string, decisionId: string) {
  const [row] = await db
    .select({ id: decisions.id })
    .from(decisions)
    .innerJoin(groups, eq(groups.id, decisions.groupId))
    .where(and(eq(decisions.id, decisionId), eq(groups.partnershipId, partnershipId), eq(groups.kind, "steering"), eq(decisions.status, "adopted")));
  return Boolean(row);
}

/**
 * Records an idea-based party's grant for a year. Where the rule indexes, the year's index figure is
 * kept with it; where it pays in a set month (002: January), the year's payment is scheduled as due.
 */
export async function recordGrant(
  db: Db,
  partnershipId: string,
  rule: FundingRule | null,
  parties: readonly PartyTakingPart[],
  input: GrantInput,
  actor: SessionUser,
): Promise<Result<string>> {
  if (!parties.some((p) => p.id === input.partyId && p.sector === "idea")) return invalid("funds.partyInvalid", "partyId");
  return db.transaction(async (tx) => {
    const [index] =
      rule?.kind === "yearly" && rule.indexation && input.year >= rule.indexation.fromYear
        ? await tx
            .select()
            .from(fundingIndexes)
            .where(and(eq(fundingIndexes.partnershipId, partnershipId), eq(fundingIndexes.year, input.year)))
        : [];
    const [grant] = await tx
      .insert(grants)
      .values({ partnershipId, ...input, indexPercent: index?.percent ?? null, createdBy: actor.id })
      .onConflictDoNothing()
      .returning({ id: grants.id });
    if (!grant) return conflict("funds.grantExists", "year");
    const dueOn = scheduledDueOn(rule?.schedule ?? null, input.year);
    if (dueOn) await tx.insert(payments).values({ grantId: grant.id, dueOn, amount: input.amount, updatedBy: actor.id });
    await audit(tx, { actorId: actor.id, action: "funds.grant", subject: subject(partnershipId), details: { grantId: grant.id, ...input, scheduledOn: dueOn } });
    return ok(grant.id);
  });
}

/** Records (or corrects) the index figure of a year (002: the nämnd's index). */
export async function recordIndex(db: Db, partnershipId: string, input: IndexInput, actor: SessionUser): Promise<Result> {
  await db.transaction(async (tx) => {
    await tx
      .insert(fundingIndexes)
      .values({ partnershipId, ...input, createdBy: actor.id })
      .onConflictDoUpdate({ target: [fundingIndexes.partnershipId, fundingIndexes.year], set: { percent: input.percent, reference: input.reference, createdBy: actor.id } });
    await audit(tx, { actorId: actor.id, action: "funds.index", subject: subject(partnershipId), details: { ...input } });
  });
  return ok();
}

/** Schedules a payment of the party's grant (the one-off payment, or an invoice). */
export async function addPayment(db: Db, partnershipId: string, input: PaymentInput, actor: SessionUser): Promise<Result> {
  return db.transaction(async (tx) => {
    const [grant] = await tx
      .select({ id: grants.id })
      .from(grants)
      .where(and(eq(grants.id, input.grantId), eq(grants.partnershipId, partnershipId)));
    if (!grant) return invalid("funds.grantInvalid", "grantId");
    const [row] = await tx
      .insert(payments)
      .values({ grantId: grant.id, dueOn: input.dueOn, amount: input.amount, reference: input.reference, updatedBy: actor.id })
      .returning({ id: payments.id });
    await audit(tx, { actorId: actor.id, action: "funds.payment.add", subject: subject(partnershipId), details: { paymentId: row.id, ...input } });
    return ok();
  });
}

/**
 * Records a payment as paid, stopped or reclaimed. It is paid only while no stop holds for its party
 * (004 §5.4); it is stopped only from an adopted steering decision; only what was paid is reclaimed.
 */
export async function settlePayment(db: Db, partnershipId: string, input: SettleInput, actor: SessionUser): Promise<Result> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ payment: payments, partyId: grants.partyId })
      .from(payments)
      .innerJoin(grants, eq(grants.id, payments.grantId))
      .where(and(eq(payments.id, input.paymentId), eq(grants.partnershipId, partnershipId)))
      .for("update");
    if (!row) return invalid("funds.paymentInvalid", "paymentId");
    const from = row.payment.status;
    if (input.status === "paid") {
      if (from === "paid" || from === "reclaimed") return conflict("funds.alreadyPaid");
      const [stop] = await tx
        .select({ id: paymentStops.id })
        .from(paymentStops)
        .where(and(eq(paymentStops.partnershipId, partnershipId), eq(paymentStops.partyId, row.partyId), isNull(paymentStops.liftedDecisionId)));
      if (stop) return conflict("funds.stopHolds");
    }
    if (input.status === "stopped" && from !== "due") return conflict("funds.notDue");
    if (input.status === "reclaimed" && from !== "paid") return conflict("funds.notPaid");
    if (input.status === "stopped" && !input.decisionId) return invalid("funds.decisionRequired", "decisionId");
    if (input.decisionId && !(await isSteeringDecision(tx, partnershipId, input.decisionId))) return invalid("funds.decisionInvalid", "decisionId");
    await tx
      .update(payments)
      .set({
        status: input.status,
        settledOn: input.settledOn,
        decisionId: input.decisionId,
        reference: input.reference || row.payment.reference,
        note: input.note,
        updatedBy: actor.id,
        updatedAt: new Date(),
      })
      .where(eq(payments.id, row.payment.id));
    await audit(tx, { actorId: actor.id, action: `funds.payment.${input.status}`, subject: subject(partnershipId), details: { ...input, from, partyId: row.partyId } });
    return ok();
  });
}

/** Stops a party's payments from an adopted steering decision, without terminating (004 §5.4). */
export async function stopPayments(db: Db, partnershipId: string, parties: readonly PartyTakingPart[], input: StopInput, today: IsoDate, actor: SessionUser): Promise<Result> {
  if (!parties.some((p) => p.id === input.partyId && p.sector === "idea")) return invalid("funds.partyInvalid", "partyId");
  return db.transaction(async (tx) => {
    if (!(await isSteeringDecision(tx, partnershipId, input.decisionId))) return invalid("funds.decisionInvalid", "decisionId");
    const [holding] = await tx
      .select({ id: paymentStops.id })
      .from(paymentStops)
      .where(and(eq(paymentStops.partnershipId, partnershipId), eq(paymentStops.partyId, input.partyId), isNull(paymentStops.liftedDecisionId)))
      .for("update");
    if (holding) return conflict("funds.alreadyStopped", "partyId");
    const [stop] = await tx
      .insert(paymentStops)
      .values({ partnershipId, ...input, stoppedOn: today, createdBy: actor.id })
      .returning({ id: paymentStops.id });
    await audit(tx, { actorId: actor.id, action: "funds.stop", subject: subject(partnershipId), details: { stopId: stop.id, ...input } });
    return ok();
  });
}

/** Lifts a stop: another adopted steering decision than the one that stopped the payments. */
export async function liftStop(db: Db, partnershipId: string, input: LiftInput, today: IsoDate, actor: SessionUser): Promise<Result> {
  return db.transaction(async (tx) => {
    const [stop] = await tx
      .select()
      .from(paymentStops)
      .where(and(eq(paymentStops.id, input.stopId), eq(paymentStops.partnershipId, partnershipId)))
      .for("update");
    if (!stop) return invalid("funds.stopInvalid", "stopId");
    if (!holds(stop)) return conflict("funds.alreadyLifted");
    if (stop.decisionId === input.decisionId) return invalid("funds.liftSameDecision", "decisionId");
    if (!(await isSteeringDecision(tx, partnershipId, input.decisionId))) return invalid("funds.decisionInvalid", "decisionId");
    await tx.update(paymentStops).set({ liftedOn: today, liftedDecisionId: input.decisionId }).where(eq(paymentStops.id, stop.id));
    await audit(tx, { actorId: actor.id, action: "funds.lift", subject: subject(partnershipId), details: { ...input, partyId: stop.partyId } });
    return ok();
  });
}

/** Marks the agreement's period as conditional on funds, citing the clause that makes it so (004 §5.1); once. */
export async function markFundsConditional(db: Db, partnershipId: string, input: FundsConditionInput, actor: SessionUser): Promise<Result> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ condition: partnerships.fundsCondition })
      .from(partnerships)
      .where(eq(partnerships.id, partnershipId))
      .for("update");
    if (row?.condition?.conditional) return conflict("funds.alreadyConditional");
    await tx
      .update(partnerships)
      .set({ fundsCondition: { conditional: true, clause: input.clause } })
      .where(eq(partnerships.id, partnershipId));
    await audit(tx, { actorId: actor.id, action: "funds.condition", subject: subject(partnershipId), details: { ...input } });
    return ok();
  });
}

/** Records the funds decision a period conditional on funds awaits (004 §5.1). */
export async function recordFundsDecision(db: Db, partnershipId: string, condition: FundsCondition, input: FundsDecisionInput, actor: SessionUser): Promise<Result> {
  await db.transaction(async (tx) => {
    await tx
      .update(partnerships)
      .set({ fundsCondition: { ...condition, decidedOn: input.decidedOn, reference: input.reference } })
      .where(eq(partnerships.id, partnershipId));
    await audit(tx, { actorId: actor.id, action: "funds.decision", subject: subject(partnershipId), details: { ...input } });
  });
  return ok();
}

/**
 * The funds of a partnership for a member (404 for who may not see it): the capability record and
 * the overview with `year`'s proposals, as the page, its CSV and the API read them.
 */
export async function requireFunds(db: Db, user: SessionUser, partnershipId: string, year: number | null, now = new Date()) {
  const found = await requireFundsCapabilities(db, user, partnershipId, now);
  if (found.can.viewFunds !== true) throw accessDenied();
  const shownYear = year ?? Number(found.today.slice(0, 4));
  return { ...found, year: shownYear, overview: await fundsOverview(db, partnershipId, found.partnership.fundingRule, found.parties, shownYear, found.today) };
}
