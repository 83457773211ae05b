import { describe, expect, it } from "vitest";
import { seedPartnerships } from "../../../db/seed/agreements";
import type { IsoDate } from "../../../app/domain/iso-date";
import {
  accountsState,
  DEFAULT_REPORTING_RULE,
  dueOn,
  normaliseRule,
  reportProblems,
  reportStatus,
  statisticFields,
  type ReportContent,
  type ReportingRule,
} from "../../../app/domain/reporting-rule";

const rule = (key: string): ReportingRule => normaliseRule(seedPartnerships.find((p) => p.key === key)!.reportingRule);
const KEYS = seedPartnerships.map((p) => p.key);

describe("each agreement's reporting rule", () => {
  it("covers the four agreements read into rules", () => {
    expect(KEYS).toEqual(expect.arrayContaining(["osteraker", "linkoping", "boras", "stockholm"]));
  });

  // 000 §9: "senast en månad efter varje verksamhetsår"; 002, 003 and 004 §4 set no date.
  it.each<[string, IsoDate | null]>([
    ["osteraker", "2026-01-31"],
    ["linkoping", null],
    ["boras", null],
    ["stockholm", null],
  ])("%s: the report for 2025 is due %s", (key, expected) => {
    expect(dueOn(rule(key), 2025)).toBe(expected);
  });

  it.each<[string, IsoDate, boolean, ReturnType<typeof reportStatus>]>([
    // Österåker: reminders from 1 December, due 31 January, overdue the day after.
    ["osteraker", "2025-11-30", false, { status: "notYetDue", dueOn: "2026-01-31" }],
    ["osteraker", "2025-12-01", false, { status: "reminder", dueOn: "2026-01-31", daysLeft: 61 }],
    ["osteraker", "2026-01-31", false, { status: "reminder", dueOn: "2026-01-31", daysLeft: 0 }],
    ["osteraker", "2026-02-01", false, { status: "overdue", dueOn: "2026-01-31", daysLate: 1 }],
    ["osteraker", "2026-02-01", true, { status: "filed", dueOn: "2026-01-31" }],
    // The others set no date: never overdue, only not yet filed, whenever asked.
    ...(["linkoping", "boras", "stockholm"] as const).flatMap((key) =>
      (["2025-12-01", "2026-02-01", "2026-12-31"] as const).map((day): [string, IsoDate, boolean, ReturnType<typeof reportStatus>] => [
        key,
        day,
        false,
        { status: "notYetFiled", dueOn: null },
      ]),
    ),
    ["boras", "2026-03-01", true, { status: "filed", dueOn: null }],
  ])("%s on %s (filed: %s) → %j", (key, today, filed, expected) => {
    expect(reportStatus(rule(key), 2025, filed, today)).toEqual(expected);
  });

  it.each<[string, string[]]>([
    // 004 §4: people reached split by gender.
    ["stockholm", ["reachedWomen", "reachedMen", "reachedOther"]],
    // 003: the number of individuals helped, not split.
    ["boras", ["reached"]],
    // 000 §9: contacts by channel, support conversations by gender, volunteers, their hours, employees.
    [
      "osteraker",
      [
        "contactsInPerson",
        "contactsPhone",
        "contactsChat",
        "contactsEmail",
        "supportConversationsWomen",
        "supportConversationsMen",
        "supportConversationsOther",
        "volunteers",
        "volunteerHours",
        "employees",
      ],
    ],
    ["linkoping", []],
  ])("%s asks for the figures %j", (key, fields) => {
    expect(statisticFields(rule(key))).toEqual(fields);
  });
});

describe("a rule stored before statistics had a gender split", () => {
  it("reads flat gendered keys as the statistic by gender and drops unknown keys", () => {
    const stored = { ...DEFAULT_REPORTING_RULE, statistics: ["reachedWomen", "reachedMen", "reachedOther", "shelterNights", "nonsense"] } as unknown as ReportingRule;
    const read = normaliseRule(stored);
    expect(read.statistics).toEqual(["reached", "shelterNights"]);
    expect(read.byGender).toEqual(["reached"]);
    expect(statisticFields(read)).toEqual(["reachedWomen", "reachedMen", "reachedOther", "shelterNights"]);
  });

  it("gives the default rule when none is stored: a narrative, no date", () => {
    expect(normaliseRule(null)).toEqual(DEFAULT_REPORTING_RULE);
    expect(reportStatus(normaliseRule(null), 2025, false, "2026-06-01").status).toBe("notYetFiled");
  });
});

describe("what a filed report must hold", () => {
  const complete: Record<string, ReportContent> = {
    osteraker: {
      narrative: "Året i korthet.",
      statistics: {
        contactsInPerson: 120,
        contactsPhone: 800,
        contactsChat: 90,
        contactsEmail: 40,
        supportConversationsWomen: 300,
        supportConversationsMen: 12,
        supportConversationsOther: 3,
        volunteers: 25,
        volunteerHours: 2100,
        employees: 3,
      },
      financial: { grantReceived: 2_400_000, costs: 2_350_000, remaining: 50_000 },
      attachments: { activityReport: "https://example.org/vb.pdf", accounts: "https://example.org/bokslut.pdf" },
    },
    boras: {
      narrative: "",
      statistics: { reached: 212 },
      financial: {},
      attachments: { activityReport: "https://example.org/vb.pdf", activityPlan: "https://example.org/plan.pdf", qualityAppendix: "https://example.org/kvalitet.pdf" },
    },
    stockholm: {
      narrative: "Verksamheten under året.",
      statistics: { reachedWomen: 412, reachedMen: 9, reachedOther: 4 },
      financial: { grantReceived: 1_850_000, costs: 1_900_000, remaining: -50_000 },
      attachments: {},
    },
    linkoping: { narrative: "", statistics: {}, financial: {}, attachments: { activityReport: "https://example.org/vb.pdf" } },
  };
  const without = (key: string, change: (r: ReportContent) => ReportContent) => change(structuredClone(complete[key]));

  it.each(Object.keys(complete))("%s: a complete report has no problems (Stockholm's deficit included)", (key) => {
    expect(reportProblems(rule(key), complete[key])).toEqual({});
  });

  it.each<[string, string, ReportContent, Record<string, string>]>([
    ["osteraker", "no narrative", without("osteraker", (r) => ({ ...r, narrative: "  " })), { narrative: "report.narrativeRequired" }],
    ["stockholm", "no narrative", without("stockholm", (r) => ({ ...r, narrative: "" })), { narrative: "report.narrativeRequired" }],
    [
      "stockholm",
      "a gender of people reached missing",
      without("stockholm", (r) => ({ ...r, statistics: { reachedWomen: 412, reachedMen: 9 } })),
      { reachedOther: "report.statisticRequired" },
    ],
    [
      "osteraker",
      "support conversations not by gender",
      without("osteraker", (r) => ({ ...r, statistics: { ...r.statistics, supportConversationsWomen: undefined, supportConversations: 315 } })),
      { supportConversationsWomen: "report.statisticRequired" },
    ],
    [
      "boras",
      "no quality appendix",
      without("boras", (r) => ({ ...r, attachments: { ...r.attachments, qualityAppendix: undefined } })),
      { qualityAppendix: "report.attachmentRequired" },
    ],
    ["osteraker", "no accounts", without("osteraker", (r) => ({ ...r, attachments: { activityReport: r.attachments.activityReport } })), { accounts: "report.attachmentRequired" }],
    ["linkoping", "no activity report", without("linkoping", (r) => ({ ...r, attachments: {} })), { activityReport: "report.attachmentRequired" }],
    [
      "osteraker",
      "Kvar not grant minus costs",
      without("osteraker", (r) => ({ ...r, financial: { ...r.financial, remaining: 60_000 } })),
      { remaining: "report.remainingMismatch" },
    ],
    [
      "stockholm",
      "a deficit written as a surplus",
      without("stockholm", (r) => ({ ...r, financial: { ...r.financial, remaining: 50_000 } })),
      { remaining: "report.remainingMismatch" },
    ],
    ["stockholm", "no costs", without("stockholm", (r) => ({ ...r, financial: { grantReceived: 1_850_000, remaining: -50_000 } })), { costs: "report.amountRequired" }],
  ])("%s: %s", (key, _what, report, problems) => {
    expect(reportProblems(rule(key), report)).toEqual(problems);
  });

  it("asks nothing of what the rule does not require: Borås gives no narrative and no amounts", () => {
    expect(reportProblems(rule("boras"), { ...complete.boras, narrative: "", financial: {} })).toEqual({});
  });
});

describe("the accounts with the steering group (000 §9)", () => {
  const at = (iso: string) => new Date(iso);
  it.each<[string, { outcome: "approved" | "sent_back"; at: Date }[], Date, ReturnType<typeof accountsState>]>([
    ["filed, not reviewed", [], at("2026-01-20T10:00Z"), "submitted"],
    ["approved", [{ outcome: "approved", at: at("2026-02-10T18:00Z") }], at("2026-01-20T10:00Z"), "approved"],
    ["sent back", [{ outcome: "sent_back", at: at("2026-02-10T18:00Z") }], at("2026-01-20T10:00Z"), "sentBack"],
    ["sent back, then corrected", [{ outcome: "sent_back", at: at("2026-02-10T18:00Z") }], at("2026-02-12T09:00Z"), "submitted"],
    [
      "sent back, corrected, then approved",
      [
        { outcome: "sent_back", at: at("2026-02-10T18:00Z") },
        { outcome: "approved", at: at("2026-03-10T18:00Z") },
      ],
      at("2026-02-12T09:00Z"),
      "approved",
    ],
  ])("%s → %s", (_what, reviews, updatedAt, state) => {
    expect(accountsState(reviews, updatedAt)).toBe(state);
  });
});
