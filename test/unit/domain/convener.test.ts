import { describe, expect, it } from "vitest";
import { convenerOf, convenerParty } from "../../../app/domain/convener";

describe("who convenes", () => {
  it.each([
    // 004 §3.1: the party holding the chair's turn; before the rotation is set, nobody (coordinators).
    ["Stockholm, Södra holds the chair", null, "bo-sodra", "bo-sodra"],
    ["Stockholm, no rotation yet", null, null, null],
    // 002: the municipality's representative, whoever would hold a chair.
    ["Linköping", "linkoping-kommun", null, "linkoping-kommun"],
    ["Linköping, with a rotation as well", "linkoping-kommun", "ellinor-beata", "linkoping-kommun"],
  ])("%s", (_, convenerPartyId, chairParty, expected) => {
    expect(convenerParty(convenerOf({ convenerPartyId }), chairParty)).toBe(expected);
  });

  it("reads the group's column as the agreement's rule", () => {
    expect(convenerOf({ convenerPartyId: null })).toEqual({ kind: "rotatingChair" });
    expect(convenerOf({ convenerPartyId: "p" })).toEqual({ kind: "party", partyId: "p" });
  });
});
