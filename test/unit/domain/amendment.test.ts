import { describe, expect, it } from "vitest";
import { amendmentStage, edit, sign, type AmendmentState } from "../../../app/domain/amendment";

const H = "a".repeat(64);
const OLD = "b".repeat(64);
const parties = ["kommun", "jouren"];
const state = (signatures: AmendmentState["signatures"] = []): AmendmentState => ({ textSha256: H, parties, signatures });
const by = (partyId: string, textSha256 = H) => ({ partyId, userId: `user-${partyId}`, textSha256 });

describe("amendment stage", () => {
  it.each([
    ["no signatures", [], "draft"],
    ["one party of two", [by("kommun")], "partlySigned"],
    ["every party", [by("kommun"), by("jouren")], "valid"],
    ["every party, one on an older text", [by("kommun"), by("jouren", OLD)], "partlySigned"],
    ["only on an older text", [by("kommun", OLD)], "draft"],
  ] as const)("%s → %s", (_, signatures, stage) => {
    expect(amendmentStage(state([...signatures]))).toBe(stage);
  });
});

describe("signing", () => {
  const signer = (authorisedFor: string[], seenSha256 = H, userId = "u") => ({ userId, authorisedFor, seenSha256 });

  it.each([
    ["draft → partly signed", state(), signer(["kommun"]), { partyId: "kommun", stage: "partlySigned" }],
    ["partly signed → valid", state([by("kommun")]), signer(["jouren"]), { partyId: "jouren", stage: "valid" }],
    ["a signer for two parties signs for the one still missing", state([by("kommun")]), signer(["kommun", "jouren"]), { partyId: "jouren", stage: "valid" }],
  ] as const)("allows %s", (_, s, who, expected) => {
    const result = sign(s, { ...who, authorisedFor: [...who.authorisedFor] });
    expect(result).toMatchObject({ ok: true, signature: { partyId: expected.partyId, textSha256: H }, stage: expected.stage });
  });

  it.each([
    ["signing twice for the same party", state([by("kommun")]), signer(["kommun"]), "amendment.alreadySigned"],
    ["a user who represents no party in the steering group", state(), signer([]), "amendment.notAuthorised"],
    ["a representative of another partnership's party", state(), signer(["other"]), "amendment.notAuthorised"],
    ["a stale text hash", state(), signer(["kommun"], OLD), "amendment.staleText"],
    ["signing a valid amendment", state([by("kommun"), by("jouren")]), signer(["kommun"]), "amendment.alreadyValid"],
  ] as const)("refuses %s", (_, s, who, error) => {
    expect(sign(s, { ...who, authorisedFor: [...who.authorisedFor] })).toEqual({ ok: false, error });
  });
});

describe("editing", () => {
  it.each([
    ["a draft", state(), 0],
    ["a partly signed draft, voiding its signature", state([by("kommun")]), 1],
  ] as const)("allows %s", (_, s, voids) => {
    expect(edit(s)).toEqual({ ok: true, voids });
  });

  it("refuses a valid amendment", () => {
    expect(edit(state([by("kommun"), by("jouren")]))).toEqual({ ok: false, error: "amendment.validLocked" });
  });

  it("after an edit (new hash, signatures voided) the amendment is a draft again and both must sign", () => {
    const edited: AmendmentState = { textSha256: "c".repeat(64), parties, signatures: [] };
    expect(amendmentStage(edited)).toBe("draft");
    expect(sign(edited, { userId: "u", authorisedFor: ["kommun"], seenSha256: H })).toEqual({ ok: false, error: "amendment.staleText" });
  });
});
