import { describe, expect, it } from "vitest";
import { amendmentStage, sign } from "../../../app/domain/amendment";
import { unanimity, type Position } from "../../../app/domain/decision";
import { participatesOn, participatingParties, periodAfterNotices } from "../../../app/domain/participation";
import { periodStatus, type PeriodRule } from "../../../app/domain/period";
import { turnForMeeting, turnOnDate, upcomingTurns, type Rotation } from "../../../app/domain/rotation";
import { agreementEndsOn } from "../../../app/domain/termination";
import { reportingParties } from "../../../app/domain/yearly-report";

// Stockholm (004): Västerort gives notice by 30 September 2025, so it leaves when the first period
// ends, 2025-12-31 (§5.3); the three others go on.
const SF = "socialforvaltningen";
const GOT = "bo-stockholm-gotland";
const SOD = "bo-sodra-stockholm";
const VAST = "bo-vasterort";
const LEFT = "2025-12-31";
const stockholm = [
  { id: SF, sector: "public" as const, participatesUntil: null },
  { id: GOT, sector: "idea" as const, participatesUntil: null },
  { id: SOD, sector: "idea" as const, participatesUntil: null },
  { id: VAST, sector: "idea" as const, participatesUntil: LEFT },
];
const ids = (parties: { id: string }[]) => parties.map((p) => p.id);
const everyone = [SF, GOT, SOD, VAST];
const remaining = [SF, GOT, SOD];

describe("participation", () => {
  it.each([
    ["the day notice takes effect", LEFT, true, everyone],
    ["the next day", "2026-01-01", false, remaining],
    ["a steering meeting in October 2026", "2026-10-31", false, remaining],
    ["before notice was given", "2025-06-01", true, everyone],
  ])("%s (%s)", (_, day, vasterort, parties) => {
    expect(participatesOn(stockholm[3], day)).toBe(vasterort);
    expect(ids(participatingParties(stockholm, day))).toEqual(parties);
  });

  it("keeps a party without notice throughout", () => {
    expect(participatesOn({ participatesUntil: null }, "2200-12-31")).toBe(true);
  });
});

describe("rotations pass a party that has left", () => {
  // 004 §3.1: the chair turns every six months from 2025-04-01 in the order of §2; Västerort's
  // turn would have been 2026-10-01..2027-03-31.
  const chair: Rotation = { order: everyone, startsOn: "2025-04-01", term: { unit: "months", length: 6 }, overrides: [], participants: stockholm };
  it.each([
    ["the day notice takes effect", LEFT, 1, GOT],
    ["the next day", "2026-01-01", 1, GOT],
    ["Västerort's turn goes to the next party", "2026-10-31", 3, SF],
    ["and the order walks on from there", "2027-04-01", 4, GOT],
  ])("chair: %s (%s)", (_, on, index, partyId) => {
    expect(turnOnDate(chair, on)).toMatchObject({ index, partyId });
  });

  it("still shows Västerort's past turns", () => {
    const stays = { ...chair, participants: [{ ...stockholm[3], participatesUntil: "2027-12-31" }] };
    expect(turnOnDate(stays, "2026-10-31")).toMatchObject({ index: 3, partyId: VAST });
  });

  it("hands the rest of a turn on when the holder leaves during it", () => {
    const midTerm = { ...chair, participants: [{ ...stockholm[3], participatesUntil: "2026-12-31" }] };
    expect(turnOnDate(midTerm, "2026-12-31")).toMatchObject({ index: 3, partyId: VAST });
    expect(turnOnDate(midTerm, "2027-01-01")).toMatchObject({ index: 3, partyId: SF, from: "2026-10-01", to: "2027-03-31" });
    expect(turnOnDate(midTerm, "2028-01-01")).toMatchObject({ index: 5, partyId: SOD });
  });

  it("shows upcoming turns without the party that will have left", () => {
    expect(upcomingTurns(chair, { on: "2025-09-01" }, 4).map((t) => t.partyId)).toEqual([GOT, SOD, SF, GOT]);
  });

  // 004 §3.4: the documentation duty turns every two meetings; meetings 7–8 were Västerort's.
  const documentation: Rotation = { order: everyone, startsOn: "2025-04-01", term: { unit: "meetings", length: 2 }, overrides: [], participants: stockholm };
  it.each([
    [LEFT, VAST],
    ["2026-01-01", SF],
    ["2026-10-31", SF],
  ])("documentation for meeting 7 asked on %s: %s", (on, partyId) => {
    expect(turnForMeeting(documentation, 7, on).partyId).toBe(partyId);
  });
});

describe("unanimity counts the parties taking part on the meeting's day", () => {
  const agree = (parties: string[]) => new Map<string, Position>(parties.map((p) => [p, "agree"]));
  it.each([
    ["Västerort still a party and absent", LEFT, { status: "not_adopted", missing: [VAST], objecting: [] }],
    ["the day after it left", "2026-01-01", { status: "adopted", missing: [], objecting: [] }],
    ["October 2026", "2026-10-31", { status: "adopted", missing: [], objecting: [] }],
  ])("three parties present and agreeing: %s (%s)", (_, day, outcome) => {
    expect(unanimity(ids(participatingParties(stockholm, day)), new Set(remaining), agree(remaining))).toEqual(outcome);
  });
});

describe("an amendment needs the signatures of the parties taking part", () => {
  const H = "a".repeat(64);
  const signed = remaining.map((partyId) => ({ partyId, userId: `user-${partyId}`, textSha256: H }));
  it.each([
    [LEFT, "partlySigned"],
    ["2026-01-01", "valid"],
    ["2026-10-31", "valid"],
  ])("three signatures on %s: %s", (day, stage) => {
    expect(amendmentStage({ textSha256: H, parties: ids(participatingParties(stockholm, day)), signatures: signed })).toBe(stage);
  });

  it("refuses the signature of a party that has left", () => {
    const state = { textSha256: H, parties: ids(participatingParties(stockholm, "2026-10-31")), signatures: [] };
    expect(sign(state, { userId: "olof", authorisedFor: [VAST], seenSha256: H })).toEqual({ ok: false, error: "amendment.notAuthorised" });
  });
});

describe("yearly reports are owed by the idea-based parties taking part", () => {
  it.each([
    [LEFT, [GOT, SOD, VAST]],
    ["2026-01-01", [GOT, SOD]],
    ["2026-10-31", [GOT, SOD]],
  ])("on %s", (day, owing) => {
    expect(ids(reportingParties(stockholm, day))).toEqual(owing);
  });
});

describe("the agreement's period after notices", () => {
  const stockholmRule: PeriodRule = { kind: "annualRenewal", start: "2025-04-01", firstEnd: "2025-12-31", cap: "2027-12-31", noticeBy: { month: 9, day: 30 } };
  const linkoping: PeriodRule = { kind: "fixedWithNotice", start: "2025-01-01", end: "2030-12-31", noticeMonths: 6 };
  const kommun = { id: "kommun", sector: "public" as const };
  const jouren = { id: "jouren", sector: "idea" as const };
  const period = (rule: PeriodRule, parties: { id: string; sector: "public" | "idea" }[], notices: { partyId: string; effectiveOn: string }[], on: string) =>
    periodAfterNotices(periodStatus(rule, on), agreementEndsOn(parties, notices), on);

  it("is the rule's own while the others stay (Västerort leaves Stockholm)", () => {
    const notices = [{ partyId: VAST, effectiveOn: LEFT }];
    expect(period(stockholmRule, stockholm, notices, "2026-10-31")).toEqual(periodStatus(stockholmRule, "2026-10-31"));
  });

  // 002: six months' notice; the jour gives notice on 2026-11-30, so the agreement ends 2027-05-30.
  it.each([
    ["the day notice is given", "2026-11-30", { end: "2027-05-30", running: true, currentPeriodEnd: "2027-05-30", noticeDeadline: null, endIfNoticeToday: "2027-05-30" }],
    ["its last day", "2027-05-30", { end: "2027-05-30", running: true, currentPeriodEnd: "2027-05-30", noticeDeadline: null, endIfNoticeToday: "2027-05-30" }],
    ["the next day", "2027-05-31", { end: "2027-05-30", running: false, currentPeriodStart: null, currentPeriodEnd: null, noticeDeadline: null, endIfNoticeToday: null }],
  ])("ends Linköping when its only jour leaves: %s", (_, on, expected) => {
    expect(period(linkoping, [kommun, jouren], [{ partyId: "jouren", effectiveOn: "2027-05-30" }], on)).toMatchObject({ start: "2025-01-01", ...expected });
  });

  // 004 §5.3: the city's notice by 30 September 2026 ends the agreement on 2026-12-31, before the cap.
  it("ends Stockholm when the public party leaves", () => {
    expect(period(stockholmRule, stockholm, [{ partyId: SF, effectiveOn: "2026-12-31" }], "2026-10-31")).toMatchObject({
      end: "2026-12-31",
      running: true,
      currentPeriodEnd: "2026-12-31",
      noticeDeadline: null,
      endIfNoticeToday: "2026-12-31",
    });
  });
});
