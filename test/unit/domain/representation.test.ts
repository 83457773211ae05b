import { describe, expect, it } from "vitest";
import {
  checkRepresentation,
  DEFAULT_LIMITS,
  partiesWithMandate,
  speaksWithMandate,
  type GroupMember,
  type MemberRole,
} from "../../../app/domain/representation";

// Stockholm's steering group (004 §3): Socialförvaltningen and three Brottsofferjourer.
const sf = (userId: string, role: MemberRole): GroupMember => ({ userId, partyId: "sf", sector: "public", role });
const got = (userId: string, role: MemberRole): GroupMember => ({ userId, partyId: "bo-got", sector: "idea", role });
const sod = (userId: string, role: MemberRole): GroupMember => ({ userId, partyId: "bo-sod", sector: "idea", role });

const group: GroupMember[] = [
  sf("eva", "representative"),
  sf("nils", "deputy"),
  got("ahmed", "representative"),
  got("lisa", "deputy"),
  sod("ingrid", "observer"),
];

describe("checkRepresentation", () => {
  it("defaults to §3's limits", () => {
    expect(DEFAULT_LIMITS).toEqual({ publicMandates: 2, ideaMandates: 1 });
  });

  it.each<[string, GroupMember[], GroupMember, ReturnType<typeof checkRepresentation>]>([
    ["the public party's second representative", group, sf("karin", "representative"), null],
    ["the public party's third representative", [...group, sf("karin", "representative")], sf("olle", "representative"), "representation.publicLimit"],
    ["a public deputy beyond the limit", [...group, sf("karin", "representative")], sf("olle", "deputy"), null],
    ["a second representative for an idea-based party", group, got("maja", "representative"), "representation.ideaLimit"],
    ["another deputy for an idea-based party", group, got("maja", "deputy"), null],
    ["another observer", group, got("maja", "observer"), null],
    ["the first representative for a party", group, sod("vera", "representative"), null],
    ["an observer becoming the party's representative", group, sod("ingrid", "representative"), null],
    ["a deputy promoted while the representative remains", group, got("lisa", "representative"), "representation.ideaLimit"],
    ["the representative saved again unchanged", group, got("ahmed", "representative"), null],
    ["the representative stepping down to deputy", group, got("ahmed", "deputy"), null],
    ["a public deputy promoted to second representative", group, sf("nils", "representative"), null],
    ["a member added again for another party", group, sod("ahmed", "representative"), "representation.alreadyMember"],
    ["a member added again for another party, as observer", group, sf("lisa", "observer"), "representation.alreadyMember"],
    ["the first member of an empty group", [], got("ahmed", "representative"), null],
  ])("%s", (_, members, candidate, expected) => {
    expect(checkRepresentation(members, candidate)).toBe(expected);
  });

  it.each<[GroupMember, ReturnType<typeof checkRepresentation>]>([
    [sf("karin", "representative"), "representation.publicLimit"],
    [got("maja", "representative"), null],
    [sod("vera", "representative"), null],
  ])("applies custom limits (one public, two per idea-based party): %o", (candidate, expected) => {
    expect(checkRepresentation(group, candidate, { publicMandates: 1, ideaMandates: 2 })).toBe(expected);
  });
});

describe("partiesWithMandate", () => {
  const rep = (partyId: string, present: boolean) => ({ partyId, role: "representative" as MemberRole, present });
  const deputy = (partyId: string, present: boolean) => ({ partyId, role: "deputy" as MemberRole, present });
  it.each<[string, { partyId: string; role: MemberRole; present: boolean }[], string[]]>([
    ["representatives", [rep("sf", true), rep("bo-got", true)], ["sf", "bo-got"]],
    ["a deputy stands in for an absent representative", [rep("bo-got", false), deputy("bo-got", true)], ["bo-got"]],
    ["representative and deputy both present", [rep("bo-got", true), deputy("bo-got", true)], ["bo-got"]],
    ["a deputy alone, with no representative to stand in for, carries no mandate", [deputy("bo-got", true)], []],
    ["one of the public party's two representatives away: its deputy stands in", [rep("sf", true), rep("sf", false), deputy("sf", true)], ["sf"]],
    ["a deputy of another party stands in for nobody here", [rep("sf", false), deputy("bo-got", true)], []],
    ["observers carry no mandate", [{ partyId: "bo-sod", role: "observer", present: true }, rep("sf", true)], ["sf"]],
    ["nobody present", [rep("sf", false), deputy("sf", false)], []],
  ])("%s", (_, members, parties) => {
    expect(partiesWithMandate(members)).toEqual(new Set(parties));
  });
});

describe("speaksWithMandate: who, present, may state the party's position", () => {
  const rep = (partyId: string, present: boolean) => ({ partyId, role: "representative" as MemberRole, present });
  it.each<[string, MemberRole, { partyId: string; role: MemberRole; present: boolean }[], boolean]>([
    ["a representative", "representative", [rep("bo-got", true)], true],
    ["a deputy beside the party's representative, who is present", "deputy", [rep("bo-got", true)], false],
    ["a deputy standing in for the absent representative", "deputy", [rep("bo-got", false)], true],
    ["a deputy with no representative to stand in for", "deputy", [], false],
    ["a deputy, another party's representative absent", "deputy", [rep("sf", false), rep("bo-got", true)], false],
    ["an observer, the representative absent", "observer", [rep("bo-got", false)], false],
  ])("%s", (_, role, members, speaks) => {
    expect(speaksWithMandate({ partyId: "bo-got", role }, members)).toBe(speaks);
  });
});
