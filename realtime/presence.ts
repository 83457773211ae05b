import type { Identity } from "../app/live-minutes";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/** A larger presence state than this is no cursor and a name. */
export const MAX_PRESENCE_BYTES = 4096;
/** One browser tab speaks for one client id; a few allow for a reload racing the old socket's close. */
export const MAX_PRESENCE_IDS = 4;


interface Entry {
  clientId: number;
  clock: number;
  state: string;
}

export class PresenceRefused extends Error {}

/**
 * Vets one awareness update from a participant before anyone sees it: each state is at most
 * MAX_PRESENCE_BYTES of JSON, only client ids that are new or already this socket's are taken
 * (another socket's id would let one participant speak as another), and the state keeps only the
 * caret position and the identity the server assigns. Returns the update to apply, or null when
 * nothing in it is left; throws PresenceRefused for what no honest client sends.
 */
export function vetPresence(
  update: Uint8Array,
  identity: Identity,
  owner: (clientId: number) => "this" | "other" | "none",
  ownedByThis: number,
): Uint8Array | null {
  const entries = decode(update);
  const kept: Entry[] = [];
  let fresh = 0;
  for (const entry of entries) {
    if (entry.state.length > MAX_PRESENCE_BYTES) throw new PresenceRefused("presence state too large");
    const who = owner(entry.clientId);
    if (who === "other") continue;
    if (who === "none" && ownedByThis + ++fresh > MAX_PRESENCE_IDS) continue;
    kept.push({ ...entry, state: JSON.stringify(restate(entry.state, identity)) });
  }
  return kept.length ? encode(kept) : null;
}

function restate(json: string, identity: Identity): Record<string, unknown> | null {
  let state: unknown;
  try {
    state = JSON.parse(json);
  } catch {
    throw new PresenceRefused("presence state is not JSON");
  }
  if (state === null) return null; // the participant left
  if (typeof state !== "object" || Array.isArray(state)) throw new PresenceRefused("presence state is not an object");
  const { user, cursor } = state as { user?: { color?: unknown }; cursor?: unknown };
  const color = typeof user?.color === "string" && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : "#1f5fa6";
  return { user: { name: identity.name, party: identity.party, color }, ...(cursor !== undefined ? { cursor } : {}) };
}

function decode(update: Uint8Array): Entry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 64) throw new PresenceRefused("too many presence states");
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), state: decoding.readVarString(decoder) });
  }
  return entries;
}

function encode(entries: Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, e.state);
  }
  return encoding.toUint8Array(encoder);
}
