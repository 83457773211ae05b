/**
 * The four partnerships of the real agreements (shared/seeds), as demo data.
 * Organisation numbers are the ones the agreements state; where an agreement
 * states none, it stays empty rather than invented.
 */
import type { PeriodRule } from "../../app/domain/period";

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

export interface SeedPartnership {
  key: string;
  name: string;
  referenceNumber: string | null;
  purpose: string;
  targetGroup: string;
  periodRule: PeriodRule;
  groups: SeedGroup[];
  parties: SeedParty[];
}

export const DEMO_PASSWORD = "samrad-demo";
export const DEMO_ADMIN = { name: "Samordnare Admin", email: "admin@samrad.test" };

export const seedPartnerships: SeedPartnership[] = [
  {
    key: "osteraker",
    name: "IOP Österåkers kommun – Kvinnojouren i Österåker",
    referenceNumber: "SN 2023/0050",
    purpose:
      "Ett hållbart och stärkande samarbete mellan den offentliga och den idéburna sektorn för att våldsutsatta får det stöd och skydd de har rätt till.",
    targetGroup: "Våldsutsatta kvinnor, men även män och transpersoner, utsatta i en nära relation.",
    // 000 §8: valid to 2026-12-31; the committee paper (001) is dated 2023-10-11. Check-in once per term.
    periodRule: { kind: "fixed", start: "2023-10-11", end: "2026-12-31" },
    groups: [{ kind: "steering", name: "Uppföljningsgrupp", cadence: { per: "half-year", atLeast: 1 } }],
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
  },
  {
    key: "linkoping",
    name: "IOP Linköpings kommun – Kvinnojouren Ellinor och Tjejjouren Beata",
    referenceNumber: null,
    purpose:
      "En långsiktig samverkan kring våldsutsatta kvinnor i alla åldrar och deras barn, från akut stöd till långsiktigt våldsförebyggande arbete.",
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
  },
];
