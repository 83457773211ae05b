import type { IsoDate } from "./iso-date";
import { participatesOn } from "./participation";
import type { MemberRole } from "./representation";

// What a user may do for the partnership's parties on a day: give notice and file yearly reports
// for a party, record the steering group's decisions on the reports' statistics and accounts,
// draft, edit, sign and apply amendments, register a party's appendices. The one rule the notice,
// report, amendment and appendix pages show and their actions assert (decision 017, extended to a
// partnership's procedures).

export interface PartnershipFacts {
  isAdmin: boolean;
  /** The user's seats in the partnership's groups. */
  seats: readonly { partyId: string; groupId: string; groupKind: "steering" | "cooperation"; role: MemberRole }[];
  /** The partnership's parties, with the last day each takes part (null while no notice is given). */
  parties: readonly { id: string; sector: "public" | "idea"; participatesUntil: IsoDate | null }[];
  /** The party that chairs each steering group on the day (the agreement's, or the rotation's turn), by group. */
  steeringChairs: ReadonlyMap<string, string | null>;
}

/** Why an action is refused: `forbidden` for who the user is (403), the others for the state of the party or the amendment (409). */
export type PartnershipRefusal =
  | "forbidden"
  | "termination.alreadyGiven"
  | "report.partyHasLeft"
  | "appendix.partyHasLeft"
  | "amendment.partyHasLeft"
  | "amendment.validLocked"
  | "amendment.alreadyValid"
  | "amendment.alreadySigned"
  | "amendment.notValid"
  | "amendment.noPeriodRule"
  | "amendment.alreadyApplied"
  | "funds.alreadyDecided"
  | "funds.notConditional"
  | "funds.alreadyConditional";
export type PartnershipVerdict = true | PartnershipRefusal;

export interface PartnershipCapabilities {
  view: PartnershipVerdict;
  /** Per party of the partnership: may the user give its notice of termination. */
  giveNotice: Readonly<Record<string, PartnershipVerdict>>;
  /** Per idea-based party: may the user file (or correct) its yearly report. */
  fileReport: Readonly<Record<string, PartnershipVerdict>>;
  /** Record the steering group's adopted decision on the statistics every yearly report gives. */
  recordStatisticsDecision: PartnershipVerdict;
  /** Record the steering group's review of a report's accounts (000 §9), from its adopted decision. */
  reviewAccounts: PartnershipVerdict;
  /** Write a new amendment. */
  draftAmendment: PartnershipVerdict;
  /** Per party: may the user register a new appendix of its commitments. */
  createAppendix: Readonly<Record<string, PartnershipVerdict>>;
  /** Per party: may the user register a new version of one of its appendices. */
  reviseAppendix: Readonly<Record<string, PartnershipVerdict>>;
  /** Plan follow-ups and evaluations, and record their outcome. */
  planFollowUps: PartnershipVerdict;
  /** Record a final court ruling that ends the partnership (000 §10). */
  recordCourtRuling: PartnershipVerdict;
  /** See the grants, payments, stops and totals (the funds page and its API). */
  viewFunds: PartnershipVerdict;
  /** Record grants, index figures and payments, and stop or lift a party's payments from a steering decision. */
  recordFunds: PartnershipVerdict;
  /** Record the decision on funds that a period conditional on funds awaits (004 §5.1). */
  recordFundsDecision: PartnershipVerdict;
  /** Mark the agreement's period as conditional on funds, as its agreement says (004 §5.1). */
  markFundsConditional: PartnershipVerdict;
  /** Per idea-based party: may the user add a payment (an invoice) to its grants. */
  recordInvoice: Readonly<Record<string, PartnershipVerdict>>;
}

/** The state of the partnership's funding the funds verdicts depend on. */
export interface FundsState {
  /** 004 §5.1: the period is conditional on funds; decided once the decision is recorded. */
  condition: { conditional: boolean; decided: boolean } | null;
  /** 003: the idea-based party invoices its grant ("faktureras av"). */
  invoiced?: boolean;
}

export interface AmendmentState {
  valid: boolean;
  hasPeriodRule: boolean;
  applied: boolean;
  /** The parties whose signatures stand (not voided). */
  signedBy: readonly string[];
}

export type AmendmentCapabilities = {
  view: PartnershipVerdict;
  edit: PartnershipVerdict;
  sign: PartnershipVerdict;
  applyPeriodRule: PartnershipVerdict;
};

/** The action for `partyId`, or `forbidden` for a party that is not one of the partnership's (or not one the action concerns). */
export function forParty(verdicts: Readonly<Record<string, PartnershipVerdict>>, partyId: string): PartnershipVerdict {
  return Object.hasOwn(verdicts, partyId) ? verdicts[partyId] : "forbidden";
}

const speaksFor = (facts: PartnershipFacts, partyId: string, roles: readonly MemberRole[]) => facts.seats.some((s) => s.partyId === partyId && roles.includes(s.role));
const takesPart = (facts: PartnershipFacts, partyId: string, today: IsoDate) => facts.parties.some((p) => p.id === partyId && participatesOn(p, today));

/** The parties a user is authorised to sign for: those they represent in the steering group (004 §5.6). */
export function signatoryParties(facts: PartnershipFacts): string[] {
  return [...new Set(facts.seats.filter((s) => s.groupKind === "steering" && s.role === "representative").map((s) => s.partyId))];
}

/** The party the user would sign an amendment for on `today`: one they are authorised for, still taking part, that has not signed. */
export function partyToSign(facts: PartnershipFacts, amendment: Pick<AmendmentState, "signedBy">, today: IsoDate): string | undefined {
  return signatoryParties(facts).find((id) => takesPart(facts, id, today) && !amendment.signedBy.includes(id));
}

/**
 * A party gives notice through its representatives in any group, or the coordinator for it, once.
 * An idea-based party files its report through its representatives and deputies, while it takes
 * part (a party that has left owes and files nothing; what it filed stays). The steering group's
 * decisions on the statistics asked for and on a report's accounts are recorded by whoever records
 * its decisions' consequences for case steps: the steering chair's party (not an observer), or the
 * coordinator. Amendments are drafted by
 * the coordinator or a member speaking for a party that takes part. The coordinator registers a
 * party's appendices and their new versions (004 §2.1) while the party takes part; what a party
 * that has left committed to stays as it was. Follow-ups and evaluations are planned and recorded
 * by the coordinator or a steering group member speaking for a party that takes part (their lead
 * records the outcome too: `mayCompleteFollowUp`); a court's final ruling only by the coordinator.
 */
export function partnershipCapabilities(facts: PartnershipFacts, today: IsoDate, funds: FundsState = { condition: null }): PartnershipCapabilities {
  const byParty = (parties: PartnershipFacts["parties"], verdict: (p: PartnershipFacts["parties"][number]) => PartnershipVerdict) =>
    Object.fromEntries(parties.map((p) => [p.id, verdict(p)]));
  const steering =
    facts.isAdmin || facts.seats.some((s) => s.groupKind === "steering" && s.role !== "observer" && facts.steeringChairs.get(s.groupId) === s.partyId) ? true : "forbidden";
  const appendices = byParty(facts.parties, (p) => (!facts.isAdmin ? "forbidden" : !participatesOn(p, today) ? "appendix.partyHasLeft" : true));
  return {
    view: facts.isAdmin || facts.seats.length > 0 ? true : "forbidden",
    giveNotice: byParty(facts.parties, (p) =>
      !facts.isAdmin && !speaksFor(facts, p.id, ["representative"]) ? "forbidden" : p.participatesUntil !== null ? "termination.alreadyGiven" : true,
    ),
    fileReport: byParty(
      facts.parties.filter((p) => p.sector === "idea"),
      (p) => (!speaksFor(facts, p.id, ["representative", "deputy"]) ? "forbidden" : !participatesOn(p, today) ? "report.partyHasLeft" : true),
    ),
    recordStatisticsDecision: steering,
    reviewAccounts: steering,
    draftAmendment: facts.isAdmin || facts.seats.some((s) => s.role !== "observer" && takesPart(facts, s.partyId, today)) ? true : "forbidden",
    createAppendix: appendices,
    reviseAppendix: appendices,
    planFollowUps: facts.isAdmin || facts.seats.some((s) => s.groupKind === "steering" && s.role !== "observer" && takesPart(facts, s.partyId, today)) ? true : "forbidden",
    recordCourtRuling: facts.isAdmin ? true : "forbidden",
    ...fundsCapabilities(facts, funds),
  };
}

/**
 * Every member sees the funds. The coordinator and the public party's representatives, who grant and
 * pay, record grants, index figures and payments, and the stops a steering decision makes (004 §5.4;
 * the service asks for the adopted decision). Only the coordinator marks the period as conditional on
 * funds where the agreement makes it so (004 §5.1), once, and records the funds decision it then
 * awaits, once. Where the idea-based party invoices its grant (003), its representatives and deputies
 * add their own invoices as payments due; whether they are paid is still the public party's to record.
 */
function fundsCapabilities(
  facts: PartnershipFacts,
  funds: FundsState,
): Pick<PartnershipCapabilities, "viewFunds" | "recordFunds" | "recordFundsDecision" | "markFundsConditional" | "recordInvoice"> {
  const publicParties = new Set(facts.parties.filter((p) => p.sector === "public").map((p) => p.id));
  const grants = facts.isAdmin || facts.seats.some((s) => publicParties.has(s.partyId) && s.role === "representative");
  return {
    viewFunds: facts.isAdmin || facts.seats.length > 0 ? true : "forbidden",
    recordFunds: grants ? true : "forbidden",
    recordFundsDecision: !facts.isAdmin
      ? "forbidden"
      : !funds.condition?.conditional
        ? "funds.notConditional"
        : funds.condition.decided
          ? "funds.alreadyDecided"
          : true,
    markFundsConditional: !facts.isAdmin ? "forbidden" : funds.condition?.conditional ? "funds.alreadyConditional" : true,
    recordInvoice: Object.fromEntries(
      facts.parties
        .filter((p) => p.sector === "idea")
        .map((p) => [p.id, grants || (funds.invoiced && speaksFor(facts, p.id, ["representative", "deputy"])) ? true : "forbidden"]),
    ),
  };
}

/** Whoever plans follow-ups, and the follow-up's lead, records its outcome. */
export function mayCompleteFollowUp(can: Pick<PartnershipCapabilities, "planFollowUps">, userId: string, followUp: { leadUserId: string | null }): PartnershipVerdict {
  return can.planFollowUps === true || followUp.leadUserId === userId ? true : "forbidden";
}

/**
 * What the user may do with an amendment on `today`: those who draft edit it until it is valid;
 * each party's representative in the steering group signs for it while it takes part, once per
 * text; the coordinator or a signatory brings a valid amendment's period rule into force, once.
 */
export function amendmentCapabilities(facts: PartnershipFacts, amendment: AmendmentState, today: IsoDate): AmendmentCapabilities {
  const { view, draftAmendment } = partnershipCapabilities(facts, today);
  const signatories = signatoryParties(facts);
  const first = (...states: [holds: boolean, refusal: PartnershipRefusal][]): PartnershipVerdict => states.find(([holds]) => !holds)?.[1] ?? true;
  return {
    view,
    edit: draftAmendment === true ? first([!amendment.valid, "amendment.validLocked"]) : draftAmendment,
    sign:
      signatories.length === 0
        ? "forbidden"
        : first(
            [!amendment.valid, "amendment.alreadyValid"],
            [signatories.some((id) => takesPart(facts, id, today)), "amendment.partyHasLeft"],
            [partyToSign(facts, amendment, today) !== undefined, "amendment.alreadySigned"],
          ),
    applyPeriodRule:
      facts.isAdmin || signatories.length > 0
        ? first([amendment.valid, "amendment.notValid"], [amendment.hasPeriodRule, "amendment.noPeriodRule"], [!amendment.applied, "amendment.alreadyApplied"])
        : "forbidden",
  };
}
