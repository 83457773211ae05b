import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Held, RealtimeAccess, Refusal } from "../app/live-minutes";
import { MAX_DOCUMENT_BYTES, MessageRefused, type Connection, type LiveDocument } from "./live-document";
import { TokenBucket } from "./rate-limit";
import type { DocumentRegistry } from "./registry";

/** Close codes in y-websocket's "do not reconnect" range (4400–4499), so a refused client stops. */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_NOT_FOUND = 4404;
export const CLOSE_MALFORMED = 4400;
/** Too many messages: outside 4400–4499, so the client reconnects after its back-off. */
export const CLOSE_TOO_FAST = 4290;
/**
 * A client back from offline sends all it wrote meanwhile as one sync step 2: up to a whole
 * document (5 MB) must fit, or it would be cut off with 1009 and retry forever.
 */
export const MAX_MESSAGE_BYTES = MAX_DOCUMENT_BYTES + 1024 * 1024;
/** What an unauthenticated socket may send before it is admitted (a sync step 1 and a presence state). */
export const MAX_EARLY_BYTES = 64 * 1024;
/** Per socket: a fast typist with a moving caret sends some 20 messages a second. */
const MESSAGES_PER_SECOND = 100;
const MESSAGE_BURST = 400;
const BYTES_PER_SECOND = 1024 * 1024;
/** One largest message may come at once; after that the rate holds. */
const BYTE_BURST = MAX_MESSAGE_BYTES;
/** How often open sockets' rights are checked again: logout or demotion takes effect within this. */
export const RECHECK_MS = 2000;
/** How long a refused socket gets to read its close frame before it is cut off. */
const REFUSED_GRACE_MS = 250;

const ROOM = /^\/realtime\/minutes-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\?.*)?$/i;

const refusalCode = (r: Refusal) => (r === "unauthenticated" ? CLOSE_UNAUTHENTICATED : CLOSE_FORBIDDEN);

export interface RealtimeEndpoint {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

interface Open extends Held {
  conn: Connection;
  doc: LiveDocument;
}

/**
 * `ws(s)://host/realtime/minutes-<meetingId>`: the y-websocket protocol over one socket per
 * participant. The steps, each refusing with its own close code: find the room, admit (origin,
 * session, membership — asked of the app), load the document, then sync; while open, every
 * message is rate-limited and validated, and rights are checked again every RECHECK_MS.
 */
export function createRealtimeEndpoint(options: { registry: DocumentRegistry; access: RealtimeAccess }): RealtimeEndpoint {
  const { registry, access } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const open = new Set<Open>();

  async function admit(req: IncomingMessage, socket: WebSocket) {
    // The client speaks first (sync step 1) while we still authenticate: keep a little of it.
    const early: Uint8Array[] = [];
    let earlyBytes = 0;
    const hold = (data: Buffer) => {
      earlyBytes += data.byteLength;
      if (earlyBytes > MAX_EARLY_BYTES) return refuse(socket, CLOSE_MALFORMED, "too much before admission");
      early.push(new Uint8Array(data));
    };
    socket.on("message", hold);
    const meetingId = ROOM.exec(req.url ?? "")?.[1];
    if (!meetingId) return refuse(socket, CLOSE_NOT_FOUND, "unknown document");
    const admission = await access.admit(req, meetingId);
    if (typeof admission === "string") return refuse(socket, refusalCode(admission), admission);
    if (socket.readyState !== socket.OPEN) return;

    const doc = await registry.open(meetingId);
    const conn: Connection = {
      socket,
      userId: admission.userId,
      identity: admission.identity,
      facts: admission.facts,
      awarenessIds: new Set(),
      toldReadOnly: false,
      wantsAcks: /[?&]acks=1(?:&|$)/.test(req.url ?? ""),
    };
    const entry: Open = { conn, doc, userId: admission.userId, sessionId: admission.sessionId, meetingId };
    const messages = new TokenBucket(MESSAGES_PER_SECOND, MESSAGE_BURST);
    const bytes = new TokenBucket(BYTES_PER_SECOND, BYTE_BURST);
    const receive = (data: Uint8Array) => {
      if (!messages.take() || !bytes.take(data.byteLength)) return refuse(socket, CLOSE_TOO_FAST, "too many messages");
      try {
        doc.receive(conn, data);
      } catch (error) {
        const reason = error instanceof MessageRefused ? error.reason : "malformed message";
        console.warn(`[realtime] minutes ${meetingId}: refused a message from user ${conn.userId} (${reason})`);
        refuse(socket, CLOSE_MALFORMED, reason);
      }
    };
    socket.off("message", hold);
    socket.on("message", (data: Buffer) => receive(new Uint8Array(data)));
    socket.on("close", () => {
      open.delete(entry);
      doc.leave(conn);
      void registry.release(meetingId);
    });
    if (socket.readyState !== socket.OPEN) {
      doc.leave(conn);
      return registry.release(meetingId);
    }
    open.add(entry);
    doc.join(conn);
    early.forEach(receive);
  }

  let checking = false;
  let failing = false;
  async function recheck() {
    if (checking || !open.size) return;
    checking = true;
    const held = [...open];
    try {
      const answers = await access.recheck(held);
      held.forEach((h, i) => {
        const answer = answers[i];
        if (!open.has(h)) return;
        if (typeof answer === "string") return refuse(h.conn.socket, refusalCode(answer), answer);
        const before = h.conn.facts;
        h.conn.identity = answer.identity;
        h.conn.facts = answer.facts;
        if ((Object.keys(before) as (keyof typeof before)[]).some((k) => before[k] !== answer.facts[k])) h.doc.rightsChanged(h.conn);
      });
      if (failing) console.log("[realtime] checking open sockets' rights works again");
      failing = false;
    } catch (error) {
      // E.g. PostgreSQL is down: sockets keep the rights they had until it answers again.
      if (!failing) console.error("[realtime] checking open sockets' rights failed", error);
      failing = true;
    } finally {
      checking = false;
    }
  }
  const rechecking = setInterval(() => void recheck(), RECHECK_MS);
  rechecking.unref();

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on("error", () => ws.terminate());
        admit(req, ws).catch((error) => {
          // E.g. PostgreSQL is down: 1011 is retried by the client, which keeps its edits meanwhile.
          console.error("[realtime]", error);
          refuse(ws, 1011, "error");
        });
      });
    },
    async close() {
      clearInterval(rechecking);
      await registry.shutdown();
      for (const client of wss.clients) client.close(1001, "server shutting down");
      wss.close();
    },
  };
}

/**
 * Closes with `code`; a client that sends more than 64 kB instead of closing is no longer read,
 * and is cut off after a short grace.
 */
function refuse(socket: WebSocket, code: number, reason: string) {
  socket.removeAllListeners("message");
  // A client that answers the close frame completes the handshake at once, also when a message of
  // its was under way; one that streams on is no longer read, so what it sends fills its own TCP
  // window, not our memory.
  let after = 0;
  socket.on("message", (data: Buffer) => {
    after += data.byteLength;
    if (after > MAX_EARLY_BYTES) socket.pause();
  });
  if (socket.readyState === socket.OPEN) socket.close(code, reason);
  setTimeout(() => socket.terminate(), REFUSED_GRACE_MS).unref();
}
