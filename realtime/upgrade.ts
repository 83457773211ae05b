import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { RequestContext } from "../app/context";
import { hostOf, sameOrigin } from "../app/http/guards.server";
import { requireMeetingAccess } from "../app/services/meeting-access.server";
import type { Connection } from "./live-document";
import type { DocumentRegistry } from "./registry";

/** Close codes in y-websocket's "do not reconnect" range (4400–4499), so a refused client stops. */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_NOT_FOUND = 4404;
export const CLOSE_MALFORMED = 4400;
export const MAX_MESSAGE_BYTES = 1024 * 1024;

const ROOM = /^\/realtime\/minutes-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\?.*)?$/i;

export interface RealtimeEndpoint {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/**
 * `ws(s)://host/realtime/minutes-<meetingId>`: the y-websocket protocol over one socket per
 * participant. The steps, each refusing with its own close code: check the origin, authenticate
 * the session cookie, authorize membership, load the document, then sync.
 */
export function createRealtimeEndpoint(options: {
  registry: DocumentRegistry;
  resolveContext: (req: IncomingMessage) => Promise<RequestContext>;
  trustProxy: boolean;
}): RealtimeEndpoint {
  const { registry } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  async function admit(req: IncomingMessage, socket: WebSocket) {
    // The client speaks first (sync step 1) while we still authenticate: keep its messages.
    const early: Uint8Array[] = [];
    const hold = (data: Buffer) => early.push(new Uint8Array(data));
    socket.on("message", hold);
    if (!sameOrigin(req.headers.origin, hostOf(req, options.trustProxy))) return socket.close(CLOSE_FORBIDDEN, "origin");
    const meetingId = ROOM.exec(req.url ?? "")?.[1];
    if (!meetingId) return socket.close(CLOSE_NOT_FOUND, "unknown document");
    const context = await options.resolveContext(req);
    if (!context.user) return socket.close(CLOSE_UNAUTHENTICATED, "unauthenticated");
    const found = await requireMeetingAccess(context.db, context.user, meetingId).catch(() => null);
    if (!found) return socket.close(CLOSE_FORBIDDEN, "forbidden");

    const doc = await registry.open(meetingId);
    const conn: Connection = {
      socket,
      userId: context.user.id,
      facts: { isAdmin: found.access.isAdmin, role: found.access.membership?.role ?? null, isChair: found.isChair },
      awarenessIds: new Set(),
      toldReadOnly: false,
    };
    const receive = (data: Uint8Array) => {
      try {
        doc.receive(conn, data);
      } catch {
        socket.close(CLOSE_MALFORMED, "malformed message");
      }
    };
    socket.off("message", hold);
    socket.on("message", (data: Buffer) => receive(new Uint8Array(data)));
    socket.on("close", () => {
      doc.leave(conn);
      void registry.release(meetingId);
    });
    if (socket.readyState !== socket.OPEN) {
      doc.leave(conn);
      return registry.release(meetingId);
    }
    doc.join(conn);
    early.forEach(receive);
  }

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on("error", () => ws.terminate());
        admit(req, ws).catch((error) => {
          console.error("[realtime]", error);
          ws.close(1011, "error");
        });
      });
    },
    async close() {
      await registry.shutdown();
      for (const client of wss.clients) client.close(1001, "server shutting down");
      wss.close();
    },
  };
}
