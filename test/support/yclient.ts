import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { MESSAGE_AUTH, MESSAGE_SAVED } from "../../realtime/protocol";

/** A real y-websocket client in Node, authenticated by the session cookie as a browser would be. */
export function minutesClient(baseUrl: string, meetingId: string, cookie: string | undefined, doc = new Y.Doc()) {
  const origin = new URL(baseUrl).origin;
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: cookie ? { cookie } : {}, origin });
    }
  }
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, "ws") + "/realtime", `minutes-${meetingId}`, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true, // same-process providers would otherwise sync around the server
    params: { acks: "1" },
    maxBackoffTime: 500,
  });
  let saved = 0;
  provider.messageHandlers[MESSAGE_SAVED] = () => void saved++;
  // The server says "permission denied" once when it drops an edit: the sign that it has seen it.
  let denied = 0;
  const onAuth = provider.messageHandlers[MESSAGE_AUTH];
  provider.messageHandlers[MESSAGE_AUTH] = (...args) => {
    denied++;
    onAuth(...args);
  };
  const closed = new Promise<number>((resolve) => provider.on("closed", (e: { code: number }) => resolve(e.code)));
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on("sync", (s: boolean) => s && resolve());
  });
  return {
    doc,
    provider,
    synced,
    closed,
    /** How many "stored" acknowledgements the server has sent this client. */
    saved: () => saved,
    /** How many times the server has refused this client's edits. */
    denied: () => denied,
    text: () => doc.getXmlFragment("default").toString(),
    destroy: () => provider.destroy(),
  };
}

export type MinutesClient = ReturnType<typeof minutesClient>;

/** Polls until `check` holds (default 5 s), for eventual consistency across sockets or with the database. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Types `text` at the end of the first paragraph, as the editor would. */
export function typeInto(client: MinutesClient, text: string) {
  const fragment = client.doc.getXmlFragment("default");
  const paragraph = fragment.toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === "paragraph") as Y.XmlElement | undefined;
  if (!paragraph) throw new Error("no paragraph to type into");
  let target = paragraph.get(0) as Y.XmlText | undefined;
  if (!(target instanceof Y.XmlText)) {
    target = new Y.XmlText();
    paragraph.insert(0, [target]);
  }
  target.insert(target.length, text);
}

/**
 * A bare WebSocket on a meeting's minutes, for sending what no y-websocket client would.
 * `roundTrip` asks the server for presence and waits for its answer, so every message sent
 * before it has been handled; it resolves false when the server closed the socket instead.
 */
export async function rawMinutesSocket(baseUrl: string, meetingId: string, cookie: string | undefined) {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/realtime/minutes-${meetingId}?acks=1`, {
    headers: cookie ? { cookie } : {},
    origin: new URL(baseUrl).origin,
  });
  socket.binaryType = "nodebuffer";
  const received: Uint8Array[] = [];
  let waiting: (() => void) | undefined;
  socket.on("message", (data: Buffer) => {
    received.push(new Uint8Array(data));
    if (data[0] === 1) waiting?.(); // an awareness message: the answer to a query
  });
  socket.on("error", () => {});
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => (waiting?.(), resolve(code))));
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("close", (code) => reject(new Error(`closed with ${code} before opening`)));
  });
  return {
    socket,
    closed,
    received,
    send: (message: Uint8Array) => socket.readyState === WebSocket.OPEN && socket.send(message),
    roundTrip: () =>
      new Promise<boolean>((resolve) => {
        if (socket.readyState !== WebSocket.OPEN) return resolve(false);
        waiting = () => {
          waiting = undefined;
          resolve(socket.readyState === WebSocket.OPEN);
        };
        socket.send(new Uint8Array([3])); // query awareness
      }),
  };
}
