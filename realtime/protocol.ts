import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as authProtocol from "y-protocols/auth";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";

// y-websocket's message types, plus one of ours the browser registers a handler for.
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/** "Everything you sent so far is stored": lets the editor say *sparat* truthfully. */
export const MESSAGE_SAVED = 100;

const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

export type Incoming =
  | { kind: "syncStep1"; stateVector: Uint8Array }
  | { kind: "update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "queryAwareness" };

/** Parses one client message; throws on anything malformed, which closes that socket only. */
export function parseMessage(data: Uint8Array): Incoming {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_SYNC) {
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (step === SYNC_STEP1) return { kind: "syncStep1", stateVector: payload };
    if (step === SYNC_STEP2 || step === SYNC_UPDATE) return { kind: "update", update: payload };
  } else if (type === MESSAGE_AWARENESS) {
    return { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
  } else if (type === MESSAGE_QUERY_AWARENESS) {
    return { kind: "queryAwareness" };
  }
  throw new Error(`unexpected message type ${type}`);
}

function message(write: (e: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const syncStep1 = (doc: Y.Doc) =>
  message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });

export const syncStep2 = (doc: Y.Doc, stateVector: Uint8Array) =>
  message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });

export const updateMessage = (update: Uint8Array) =>
  message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_UPDATE);
    encoding.writeVarUint8Array(e, update);
  });

export const awarenessMessage = (awareness: awarenessProtocol.Awareness, clients: number[]) =>
  message((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  });

export const permissionDenied = (reason: string) =>
  message((e) => {
    encoding.writeVarUint(e, MESSAGE_AUTH);
    authProtocol.writePermissionDenied(e, reason);
  });

export const savedMessage = () => message((e) => encoding.writeVarUint(e, MESSAGE_SAVED));
