/**
 * Not a benchmark of its own: the bare relay baseline that realtime-fanout.ts starts in a
 * separate Node process (startBareRelay in realtime-lib.ts), so it runs on its own event loop
 * like the real server does.
 *
 * It speaks the same y-websocket protocol (with the same codec, realtime/protocol.ts) as
 * Samråd, but without authentication, authorization or persistence: one in-memory Y.Doc per
 * room (the URL path), sync step 1 answered from it, every update applied to it and relayed
 * at once to the room's other sockets. Awareness goes through an in-memory Awareness per room,
 * as in y-websocket's own server and in Samråd: the y-websocket client sends every awareness
 * change it receives back to the server, so relaying awareness messages blindly would turn each
 * client's 15-second renewal into n² messages (with 50 clients, stalls of over a second); the
 * Awareness drops those echoes (same clock) and relays only real changes. What Samråd adds on
 * top of this (session and access checks at connect, the INSERT before every relay) is what
 * the fan-out comparison shows.
 *
 * With STORE_FIRST_DATABASE_URL it is instead the least a server storing first could do: each
 * room's updates wait for one INSERT of the batch (one in flight, what arrives meanwhile goes in
 * the next), committed durably in that PostgreSQL, and only then are applied and relayed. No
 * checks, no scratch copy: the floor the peer bench measures Samråd's p50 and p99 against.
 *
 * Prints "listening on <port>" once it accepts connections on 127.0.0.1 (port 0 = any free one,
 * or argv[2]). Stops on SIGTERM/SIGINT, or when its stdin closes (the parent went away).
 */
import * as awarenessProtocol from "y-protocols/awareness";
import { WebSocketServer, type WebSocket } from "ws";
import * as Y from "yjs";
import { connect } from "../../db/client";
import * as protocol from "../../realtime/protocol";
import { BYTEA_ARRAY } from "../../realtime/store";

const storeUrl = process.env.STORE_FIRST_DATABASE_URL;
const sql = storeUrl ? connect(storeUrl, { max: 1, onnotice: () => {} }) : undefined;
const table = `bench_store_first_${process.pid}`;
if (sql) await sql`create table ${sql(table)} (id bigserial primary key, update bytea not null)`;

interface Room {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  sockets: Set<WebSocket>;
  /** Awareness client ids each socket speaks for, removed when it closes. */
  ids: Map<WebSocket, Set<number>>;
  /** Storing first: updates waiting for the next INSERT, and whether one is in flight. */
  waiting: [Uint8Array, WebSocket][];
  storing: boolean;
}

/** One INSERT of every waiting update at a time; once committed, they are applied and relayed in order. */
async function store(room: Room) {
  if (room.storing || !sql) return;
  room.storing = true;
  try {
    while (room.waiting.length) {
      const batch = room.waiting.splice(0);
      const bytes = batch.map(([u]) => Buffer.from(u));
      const updates = sql.array(bytes, BYTEA_ARRAY);
      await sql`insert into ${sql(table)} (update) select * from unnest(${updates}::bytea[])`;
      for (const [update, from] of batch) Y.applyUpdate(room.doc, update, from);
    }
  } finally {
    room.storing = false;
  }
}

const rooms = new Map<string, Room>();

function send(socket: WebSocket, message: Uint8Array) {
  if (socket.readyState === socket.OPEN) socket.send(message, { binary: true });
}

function roomFor(name: string): Room {
  let room = rooms.get(name);
  if (!room) {
    const doc = new Y.Doc({ gc: true });
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null);
    const created: Room = { doc, awareness, sockets: new Set(), ids: new Map(), waiting: [], storing: false };
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      const message = protocol.updateMessage(update);
      for (const s of created.sockets) if (s !== origin) send(s, message);
    });
    awareness.on("update", ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const own = created.ids.get(origin as WebSocket);
      if (own) {
        for (const id of added) own.add(id);
        for (const id of removed) own.delete(id);
      }
      const message = protocol.awarenessMessage(awareness, [...added, ...updated, ...removed]);
      for (const s of created.sockets) send(s, message);
    });
    rooms.set(name, created);
    room = created;
  }
  return room;
}

const wss = new WebSocketServer({ host: "127.0.0.1", port: Number(process.argv[2] ?? 0), maxPayload: 1024 * 1024 });

wss.on("connection", (socket, req) => {
  const name = (req.url ?? "/").split("?")[0];
  const room = roomFor(name);
  room.sockets.add(socket);
  room.ids.set(socket, new Set());
  send(socket, protocol.syncStep1(room.doc));
  const present = [...room.awareness.getStates().keys()];
  if (present.length) send(socket, protocol.awarenessMessage(room.awareness, present));
  socket.on("message", (data: Buffer) => {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    try {
      const message = protocol.parseMessage(bytes);
      switch (message.kind) {
        case "syncStep1":
          return send(socket, protocol.syncStep2(room.doc, message.stateVector));
        case "update":
          if (!sql) return Y.applyUpdate(room.doc, message.update, socket);
          room.waiting.push([message.update, socket]);
          return void store(room).catch((error) => console.error("storing failed", error));
        case "awareness":
          return awarenessProtocol.applyAwarenessUpdate(room.awareness, message.update, socket);
        case "queryAwareness":
          return send(socket, protocol.awarenessMessage(room.awareness, [...room.awareness.getStates().keys()]));
      }
    } catch {
      socket.close(4400, "malformed message");
    }
  });
  socket.on("close", () => {
    room.sockets.delete(socket);
    awarenessProtocol.removeAwarenessStates(room.awareness, [...(room.ids.get(socket) ?? [])], null);
    room.ids.delete(socket);
    if (room.sockets.size === 0) {
      room.awareness.destroy();
      room.doc.destroy();
      rooms.delete(name);
    }
  });
  socket.on("error", () => socket.terminate());
});

wss.on("listening", () => {
  const address = wss.address();
  console.log(`listening on ${typeof address === "object" && address ? address.port : address}`);
});

const stop = () => {
  for (const socket of wss.clients) socket.terminate();
  const dropped = sql ? sql`drop table if exists ${sql(table)}`.then(() => sql.end()) : Promise.resolve();
  wss.close(() => void dropped.finally(() => process.exit(0)));
  setTimeout(() => process.exit(0), 1_000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
