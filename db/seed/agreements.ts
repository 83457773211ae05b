/**
 * The four partnerships of the real agreements (shared/seeds), as demo data.
 * Organisation numbers are the ones the agreements state; where an agreement
 * states none, it stays empty rather than invented.
 */
import type { FundingRule, FundsCondition } from "../../app/domain/funding";
import type { PeriodRule } from "../../app/domain/period";
import type { ReportingRule } from "../../app/domain/reporting-rule";

export interface SeedParty {
  key: string;
  name: string;
  orgNumber: string | null;
  sector: "public" | "idea";
  /** The demo user who represents this party. */
  representative: { name: string; email: string };
}

export interface SeedGroup {
  kind: "steering" | "cooperation";
  name: string;
  cadence: { per: "year" | "half-year"; atLeast: number };
  /** Rotation of chair / documentation duty, in the order of `parties`. */
  rotation?: { startsOn: string; unit: "months" | "meetings"; length: number };
  /** The key of the party the agreement names to convene; without it the rotating chair does. */
  convener?: string;
}

export interface SeedFollowUp {
  kind: "follow_up" | "evaluation";
  title: string;
  covers: string;
  presentedTo: string;
  recurrence: "yearly" | "once";
  /** A date, or "yearEnd" for 31 December of the seeding year ("minst en gång per år"). */
  dueOn: string | "yearEnd";
  /** The key of the party whose representative leads it. */
  lead: string;
}

export interface SeedPartnership {
  key: string;
  name: string;
  referenceNumber: string | null;
  purpose: string;
  targetGroup: string;
  periodRule: PeriodRule;
  groups: SeedGroup[];
  parties: SeedParty[];
  reportingRule: ReportingRule;
  fundingRule: FundingRule;
  fundsCondition?: FundsCondition;
  followUps: SeedFollowUp[];
}

export const DEMO_PASSWORD = "samrad-demo";
export const DEMO_ADMIN = { name: "Samordnare Admin", email: "admin@samrad.test" };

export const seedPartnerships: SeedPartnership[] = [
  {
    key: "osteraker",
    name: "IOP Österåkers kommun – Kvinnojouren i Österåker",
    referenceNumber: "SN 2023/0050",
    purpose: "Ett hållbart och stärkande samarbete mellan den offentliga och den idéburna sektorn för att våldsutsatta får det stöd och skydd de har rätt till.",
    targetGroup: "Våldsutsatta kvinnor, men även män och transpersoner, utsatta i en nära relation.",
    // 000 §8: valid to 2026-12-31. No start date is stated (the signature lines are blank), so none is set.
    periodRule: { kind: "fixed", start: null, end: "2026-12-31" },
    // 000 §6: "en styrgrupp, operativ samverkansgrupp, uppföljningsansvarig …"; the agreement is checked
    // once per term (avstämning) and followed up at least yearly. The follow-up lead is a follow-up's lead.
    groups: [
      { kind: "steering", name: "Styrgrupp", cadence: { per: "half-year", atLeast: 1 } },
      { kind: "cooperation", name: "Operativ samverkansgrupp", cadence: { per: "half-year", atLeast: 1 } },
    ],
    parties: [
      {
        key: "osteraker-kommun",
        name: "Österåkers kommun, Socialnämnden",
        orgNumber: null,
        sector: "public",
        representative: { name: "Karin Holm", email: "osteraker.kommun@samrad.test" },
      },
      {
        key: "kvinnojouren-osteraker",
        name: "Kvinnojouren i Österåker",
        orgNumber: null,
        sector: "idea",
        representative: { name: "Maria Ek", email: "osteraker.kvinnojouren@samrad.test" },
      },
    ],
    followUps: [
      {
        // 000 §9: "En verksamhetsuppföljning görs av Österåkers kommun en gång per år … Resultatet presenteras till styrgruppen och socialnämnden."
        kind: "follow_up",
        title: "Verksamhetsuppföljning",
        covers: "Överenskommelsen följs upp: verksamhetsberättelsen, helårsbokslutet och statistiken enligt § 9.",
        presentedTo: "Styrgruppen och socialnämnden",
        recurrence: "yearly",
        dueOn: "yearEnd",
        lead: "osteraker-kommun",
      },
      {
        // 001: the agreement is to be evaluated before it ends in 2026.
        kind: "evaluation",
        title: "Utvärdering innan överenskommelsen upphör",
        covers: "Om partnerskapet ska fortsätta efter 2026-12-31.",
        presentedTo: "Socialnämnden",
        recurrence: "once",
        dueOn: "2026-12-31",
        lead: "osteraker-kommun",
      },
    ],
    // 000 §9: activity report and full-year accounts "senast en månad efter varje verksamhetsår", the
    // accounts "för granskning och godkännande"; contacts by channel, support conversations by gender,
    // volunteers, their hours and employees.
    reportingRule: {
      due: { kind: "afterYearEnd", months: 1 },
      narrative: true,
      statistics: ["contactsInPerson", "contactsPhone", "contactsChat", "contactsEmail", "supportConversations", "volunteers", "volunteerHours", "employees"],
      byGender: ["supportConversations"],
      attachments: ["activityReport", "accounts"],
      financial: true,
      accountsApproval: true,
    },
    // 000 §7: 2 400 000 kr once, after the nämnd's decision in 2023; unused funds repaid on breach or dissolution.
    fundingRule: { kind: "oneOff", amount: 2_400_000, schedule: { kind: "oneOff" }, repayment: ["unused"] },
  },
  {
    key: "linkoping",
    name: "IOP Linköpings kommun – Kvinnojouren Ellinor och Tjejjouren Beata",
    referenceNumber: null,
    purpose: "En långsiktig samverkan kring våldsutsatta kvinnor i alla åldrar och deras barn, från akut stöd till långsiktigt våldsförebyggande arbete.",
    targetGroup: "Våldsutsatta kvinnor i alla åldrar och deras barn.",
    // 002: 2025-01-01..2030-12-31, six months' notice; the parties meet at least twice a year.
    periodRule: { kind: "fixedWithNotice", start: "2025-01-01", end: "2030-12-31", noticeMonths: 6 },
    // 002: "Socialförvaltningens representant ansvarar för att kalla till möten".
    groups: [{ kind: "steering", name: "Samverkansmöte", cadence: { per: "year", atLeast: 2 }, convener: "linkoping-kommun" }],
    parties: [
      {
        key: "linkoping-kommun",
        name: "Linköpings kommun, Social- och omsorgsnämnden",
        orgNumber: null,
        sector: "public",
        representative: { name: "Johan Berg", email: "linkoping.kommun@samrad.test" },
      },
      {
        key: "ellinor-beata",
        name: "Kvinnojouren Ellinor och Tjejjouren Beata",
        orgNumber: null,
        sector: "idea",
        representative: { name: "Sara Lind", email: "linkoping.jouren@samrad.test" },
      },
    ],
    followUps: [
      {
        // 002: "Partnerskapet ska även utvärderas 1 gång per år"; the administration's representative convenes and documents.
        kind: "evaluation",
        title: "Årlig utvärdering av partnerskapet",
        covers: "Om innehållet i överenskommelsen fortfarande är aktuellt eller behöver omarbetas.",
        presentedTo: "Social- och omsorgsnämnden",
        recurrence: "yearly",
        dueOn: "yearEnd",
        lead: "linkoping-kommun",
      },
    ],
    // 002: the yearly activity reports (verksamhetsberättelser); no date and no statistics are set.
    reportingRule: { due: { kind: "none" }, narrative: false, statistics: [], byGender: [], attachments: ["activityReport"], financial: false, accountsApproval: false },
    // 002: 1 571 605 kr (2025 price level), paid in January, indexed yearly by the nämnd's index from 2026-01-01;
    // repayable if not used "för avsett ändamål".
    fundingRule: {
      kind: "yearly",
      amounts: [{ fromYear: 2025, amount: 1_571_605 }],
      indexation: { fromYear: 2026, index: "Social- och omsorgsnämndens index" },
      schedule: { kind: "yearly", month: 1 },
      repayment: ["misused"],
    },
  },
  {
    key: "boras",
    name: "IOP Borås Stad – Kvinno- och tjejjouren Borås",
    referenceNumber: null,
    purpose: "Stöd och skydd till våldsutsatta genom samverkan mellan Arbetslivsförvaltningen och jouren, bland annat akutplaceringar.",
    targetGroup: "Våldsutsatta kvinnor, tjejer och deras barn.",
    // 003: 2022..2024, renewed for another period unless terminated nine months before expiry.
    periodRule: { kind: "renewingTerm", start: "2022-01-01", end: "2024-12-31", noticeMonths: 9 },
    groups: [{ kind: "steering", name: "Uppföljningsgrupp", cadence: { per: "year", atLeast: 2 } }],
    parties: [
      {
        key: "boras-stad",
        name: "Borås Stad, Arbetslivsförvaltningen",
        orgNumber: null,
        sector: "public",
        representative: { name: "Per Nyström", email: "boras.stad@samrad.test" },
      },
      {
        key: "kvinnojouren-boras",
        name: "Kvinno- och tjejjouren Borås",
        orgNumber: "864501-5200",
        sector: "idea",
        representative: { name: "Lena Svensson", email: "boras.jouren@samrad.test" },
      },
    ],
    followUps: [],
    // 003: a yearly activity report with the number of individuals helped, and a plan; the quality
    // appendix (Bilaga Kvalitet) is part of the agreement. No date is set ("kan rapporteras årligen").
    reportingRule: {
      due: { kind: "none" },
      narrative: false,
      statistics: ["reached"],
      byGender: [],
      attachments: ["activityReport", "activityPlan", "qualityAppendix"],
      financial: false,
      accountsApproval: false,
    },
    // 003: a fixed service fee of 550 000 kr a year, invoiced; the council's decision of 2021-11-17/18 makes it
    // 700 000 kr a year for three years (the period 2022–2024).
    fundingRule: {
      kind: "yearly",
      amounts: [
        { fromYear: 2022, amount: 550_000 },
        { fromYear: 2022, toYear: 2024, amount: 700_000, reference: "KF 2021-11-17/18" },
      ],
      schedule: { kind: "invoice" },
      repayment: [],
    },
  },
  {
    key: "stockholm",
    name: "IOP Socialförvaltningen Stockholm – Brottsofferjourerna",
    referenceNumber: "2021/630",
    purpose: "Likvärdigt stöd till alla brottsoffer, vittnen och anhöriga i hela staden genom samverkan med tre brottsofferjourer.",
    targetGroup: "Brottsutsatta, vittnen och anhöriga, utan åtskillnad.",
    // 004 §5.1/§5.3: 2025-04-01..2025-12-31, then by calendar year to 2027-12-31 unless notice by 30 September.
    periodRule: { kind: "annualRenewal", start: "2025-04-01", firstEnd: "2025-12-31", cap: "2027-12-31", noticeBy: { month: 9, day: 30 } },
    groups: [
      {
        kind: "steering",
        name: "Styrgruppen",
        cadence: { per: "year", atLeast: 2 },
        rotation: { startsOn: "2025-04-01", unit: "months", length: 6 },
      },
      {
        kind: "cooperation",
        name: "Samverkansgruppen",
        cadence: { per: "year", atLeast: 4 },
        rotation: { startsOn: "2025-04-01", unit: "meetings", length: 2 },
      },
    ],
    parties: [
      {
        key: "stockholm-socialforvaltningen",
        name: "Socialförvaltningen, Stockholms stad",
        orgNumber: "212000-0142",
        sector: "public",
        representative: { name: "Eva Lindqvist", email: "stockholm.socialforvaltningen@samrad.test" },
      },
      {
        key: "bo-stockholm-gotland",
        name: "Brottsofferjouren Stockholm-Gotland",
        orgNumber: "802490-7720",
        sector: "idea",
        representative: { name: "Ahmed Karimi", email: "stockholm.bo-gotland@samrad.test" },
      },
      {
        key: "bo-sodra-stockholm",
        name: "Brottsofferjouren Södra Stockholm",
        orgNumber: "802476-1044",
        sector: "idea",
        representative: { name: "Ingrid Sjöberg", email: "stockholm.bo-sodra@samrad.test" },
      },
      {
        key: "bo-vasterort",
        name: "Brottsofferjouren Västerort",
        orgNumber: "802015-4822",
        sector: "idea",
        representative: { name: "Olof Persson", email: "stockholm.bo-vasterort@samrad.test" },
      },
    ],
    followUps: [],
    // 004 §4: a narrative, people reached split by gender and a financial report; no date is set.
    reportingRule: {
      due: { kind: "none" },
      narrative: true,
      statistics: ["reached"],
      byGender: ["reached"],
      attachments: [],
      financial: true,
      accountsApproval: false,
    },
    // 004 §5.2: each party's grant is in its appendix; §5.4 Återkrav after a breach.
    fundingRule: { kind: "perAppendix", schedule: null, repayment: ["breach"] },
    // 004 §5.1: "Perioden för partnerskapet villkoras förutsatt att det finns medel".
    fundsCondition: { conditional: true, clause: "004 §5.1" },
  },
];
