import type { Locale } from "../../db/schema";
import type { MessageKey, Translate } from "../i18n";

/** The few kinds the history is filtered by; each is the audit actions starting with one of its prefixes. */
export const HISTORY_KINDS = ["meetings", "minutes", "decisions", "cases", "agreement", "members", "money"] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export const KIND_PREFIXES: Record<HistoryKind, readonly string[]> = {
  meetings: ["meeting.", "agenda.", "document.", "meetingDocument."],
  minutes: ["minutes."],
  decisions: ["decision."],
  cases: ["case."],
  agreement: ["partnership.", "group.create", "group.convener.", "amendment.", "appendix.", "termination.", "courtRuling."],
  members: ["group.member.", "group.rotation.", "invitation."],
  money: ["funds.", "report.", "followUp."],
};

/** The kind of an audit action, "other" for one no kind claims (an action added later still shows, under Alla). */
export function kindOf(action: string): HistoryKind | "other" {
  return HISTORY_KINDS.find((k) => KIND_PREFIXES[k].some((p) => action.startsWith(p))) ?? "other";
}

export interface HistoryEntry {
  action: string;
  /** "meeting:<id>", "group:<id>", "partnership:<id>" … */
  subject: string | null;
  details: Record<string, unknown>;
  /** The actor's name; null when nobody was logged in (or the system acted). */
  actor: string | null;
}

/** Names for the ids an entry's subject and details hold, looked up once for a page of entries. */
export interface HistoryNames {
  users: Record<string, string>;
  meetings: Record<string, string>;
  groups: Record<string, string>;
  parties: Record<string, string>;
  /** A decision's label, e.g. "SG 2026 § 7". */
  decisions: Record<string, string>;
  cases: Record<string, string>;
}

export const NO_NAMES: HistoryNames = { users: {}, meetings: {}, groups: {}, parties: {}, decisions: {}, cases: {} };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined);

/** The id of a subject of the given type ("meeting:abc" → "abc"). */
export function subjectId(subject: string | null, type: string): string | undefined {
  return subject?.startsWith(`${type}:`) ? subject.slice(type.length + 1) : undefined;
}

/** The ids of each table an entry refers to, for looking their names up in one query per table. */
export function referencedIds(entries: readonly Pick<HistoryEntry, "subject" | "details">[]) {
  const ids = {
    users: new Set<string>(),
    meetings: new Set<string>(),
    groups: new Set<string>(),
    parties: new Set<string>(),
    decisions: new Set<string>(),
    cases: new Set<string>(),
  };
  // Only ids: a detail holding something else must not reach a uuid column's comparison.
  const add = (set: Set<string>, v: unknown) => {
    if (typeof v === "string" && UUID.test(v)) set.add(v);
  };
  for (const e of entries) {
    const d = e.details;
    add(ids.meetings, subjectId(e.subject, "meeting") ?? d.meetingId);
    add(ids.groups, subjectId(e.subject, "group") ?? d.groupId);
    add(ids.users, d.userId);
    add(ids.users, d.ownerId);
    add(ids.parties, d.partyId);
    add(ids.parties, d.convenerPartyId);
    add(ids.decisions, d.decisionId);
    add(ids.cases, d.caseId);
  }
  return Object.fromEntries(Object.entries(ids).map(([k, v]) => [k, [...v]])) as Record<keyof HistoryNames, string[]>;
}

const amountFormats: Record<Locale, Intl.NumberFormat> = { sv: new Intl.NumberFormat("sv-SE"), en: new Intl.NumberFormat("en-GB") };

/** What a sentence's placeholders are filled with: names for ids, the entry's own words otherwise. */
function sentenceParams(t: Translate, locale: Locale, e: HistoryEntry, names: HistoryNames): Record<string, string> {
  const d = e.details;
  const name = (table: Record<string, string>, id: unknown, otherwise: MessageKey) => (typeof id === "string" && table[id]) || t(otherwise);
  const amount = typeof d.amount === "number" ? amountFormats[locale].format(d.amount) : str(d.amount) ?? "";
  const present = Array.isArray(d.present) ? d.present.length : 0;
  return {
    actor: e.actor ?? t("history.someone"),
    meeting: name(names.meetings, subjectId(e.subject, "meeting") ?? d.meetingId, "history.aMeeting"),
    group: name(names.groups, subjectId(e.subject, "group") ?? d.groupId, "history.aGroup"),
    person: name(names.users, d.userId ?? d.ownerId, "history.aPerson"),
    party: name(names.parties, d.partyId ?? d.convenerPartyId, "history.aParty"),
    decision: name(names.decisions, d.decisionId, "history.aDecision"),
    case: (typeof d.caseId === "string" && names.cases[d.caseId]) || str(d.title) || t("history.aCase"),
    title: str(d.title) ?? str(d.name) ?? "",
    name: str(d.name) ?? "",
    email: str(d.email) ?? "",
    reason: str(d.reason) ?? "",
    role: typeof d.role === "string" ? t(`history.role.${d.role}` as MessageKey) : "",
    rsvp: typeof d.rsvp === "string" ? t(`history.rsvp.${d.rsvp}` as MessageKey) : "",
    status: typeof d.status === "string" ? t(`history.status.${d.status}` as MessageKey) : "",
    count: String(present),
    amount,
    year: str(d.year) ?? "",
    version: str(d.version) ?? "",
    reviewOn: str(d.reviewOn) ?? "–",
    dueOn: str(d.dueOn) ?? "",
    effectiveOn: str(d.effectiveOn) ?? "",
  };
}

/**
 * An audit entry as a sentence in the user's language: "Eva Lindqvist skickade kallelse till
 * Styrgruppen – januarimöte". An action without a sentence of its own reads "<actor>: <its label>",
 * the label being the action itself when even that is missing.
 */
export function historySentence(t: Translate, locale: Locale, e: HistoryEntry, names: HistoryNames = NO_NAMES): string {
  const params = sentenceParams(t, locale, e, names);
  const key = `history.s.${e.action}` as MessageKey;
  const sentence = t(key, params);
  // The translator answers a key it lacks with the key itself.
  if (sentence !== key) return sentence;
  const labelKey = `audit.${e.action}` as MessageKey;
  const label = t(labelKey);
  return t("history.s.fallback", { actor: params.actor, what: label === labelKey ? e.action : label });
}
