import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { RequestContext } from "../app/context";
import { hostOf, sameOrigin } from "../app/http/guards.server";

/** Close codes the y-websocket client treats as final, so it does not retry forever. */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_NOT_FOUND = 4404;

export interface RealtimeEndpoint {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

/**
 * Owns WebSocket upgrades under /realtime/. Authentication happens after the handshake:
 * a refused socket is accepted and closed with a 44xx code, never answered with HTTP 401.
 */
export function createRealtimeEndpoint(
  resolveContext: (req: IncomingMessage) => Promise<RequestContext>,
  trustProxy: boolean,
): RealtimeEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const refuse = (ws: WebSocket, code: number, reason: string) => ws.close(code, reason);

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, async (ws) => {
        if (!sameOrigin(req.headers.origin, hostOf(req, trustProxy))) return refuse(ws, CLOSE_FORBIDDEN, "origin");
        try {
          const context = await resolveContext(req);
          if (!context.user) return refuse(ws, CLOSE_UNAUTHENTICATED, "unauthenticated");
          // No shared documents exist yet: every room is unknown.
          refuse(ws, CLOSE_NOT_FOUND, "unknown document");
        } catch {
          ws.close(1011, "error");
        }
      });
    },
    close() {
      for (const client of wss.clients) client.close(1001, "server shutting down");
      wss.close();
    },
  };
}
