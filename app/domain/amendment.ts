/**
 * Signatures on an amendment (004 §5.6): it is valid only when every party's authorised
 * representative has signed the same text. Editing after a signature voids them all; a
 * valid amendment is never edited (a new amendment replaces it).
 */

export type AmendmentStage = "draft" | "partlySigned" | "valid";

export interface Signature {
  partyId: string;
  userId: string;
  textSha256: string;
}

export interface AmendmentState {
  textSha256: string;
  /** Every party of the partnership: each must sign. */
  parties: readonly string[];
  /** The signatures not voided. */
  signatures: readonly Signature[];
}

export type SignRefusal = "amendment.alreadyValid" | "amendment.notAuthorised" | "amendment.alreadySigned" | "amendment.staleText";

export type SignResult = { ok: true; signature: Signature; stage: AmendmentStage } | { ok: false; error: SignRefusal };

export type EditResult = { ok: true; voids: number } | { ok: false; error: "amendment.validLocked" };

export function amendmentStage(state: AmendmentState): AmendmentStage {
  const signed = new Set(state.signatures.filter((s) => s.textSha256 === state.textSha256).map((s) => s.partyId));
  if (state.parties.length > 0 && state.parties.every((p) => signed.has(p))) return "valid";
  return signed.size > 0 ? "partlySigned" : "draft";
}

/**
 * A signature by `userId`, who is the authorised representative of `authorisedFor` (the
 * parties they represent in the steering group), on the text they saw (`seenSha256`).
 */
export function sign(state: AmendmentState, signer: { userId: string; authorisedFor: readonly string[]; seenSha256: string }): SignResult {
  if (amendmentStage(state) === "valid") return { ok: false, error: "amendment.alreadyValid" };
  const parties = signer.authorisedFor.filter((p) => state.parties.includes(p));
  if (parties.length === 0) return { ok: false, error: "amendment.notAuthorised" };
  // The text may have changed since the signer loaded it: they must sign what they read.
  if (signer.seenSha256 !== state.textSha256) return { ok: false, error: "amendment.staleText" };
  const partyId = parties.find((p) => !state.signatures.some((s) => s.partyId === p));
  if (!partyId) return { ok: false, error: "amendment.alreadySigned" };
  const signature = { partyId, userId: signer.userId, textSha256: state.textSha256 };
  return { ok: true, signature, stage: amendmentStage({ ...state, signatures: [...state.signatures, signature] }) };
}

/** Whether the text may change, and how many signatures the change voids. */
export function edit(state: AmendmentState): EditResult {
  if (amendmentStage(state) === "valid") return { ok: false, error: "amendment.validLocked" };
  return { ok: true, voids: state.signatures.length };
}
