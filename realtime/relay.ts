import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type postgres from "postgres";
import { z } from "zod";

/**
 * What one instance tells the others about a document it has open: updates it has stored (by
 * their rows in minutes_updates, with the bytes when they fit), presence (never stored), and that
 * the justering's status changed (read back from PostgreSQL). A receiver checks updates as it
 * checks a socket's, and fills any gap from the log, never from the relay.
 */
export type RelayMessage =
  | { kind: "update"; ids: number[]; updates: Uint8Array[] | null }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "state" };

export interface RelayHandlers {
  message(meetingId: string, message: RelayMessage): void;
  /** The connection to the relay was lost and is back: messages may have been missed. */
  resync(): void;
}

/** Between instances: Redis pub/sub when REDIS_URL is set, PostgreSQL LISTEN/NOTIFY otherwise. */
export interface Relay {
  readonly name: "redis" | "postgres";
  start(handlers: RelayHandlers): Promise<void>;
  /** Resolves once handed over; never rejects (a lost message is caught up from the log). */
  publish(meetingId: string, message: RelayMessage): Promise<void>;
  close(): Promise<void>;
}

const CHANNEL = "samrad_minutes";
/** NOTIFY payloads must stay under 8000 bytes: larger updates travel by row id. */
const NOTIFY_LIMIT = 7500;

const base64 = z.string().transform((s) => new Uint8Array(Buffer.from(s, "base64")));
const Entry = z.object({
  meetingId: z.string().uuid(),
  message: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("update"), ids: z.array(z.number().int().positive()), updates: z.array(base64).nullable() }),
    z.object({ kind: z.literal("awareness"), update: base64 }),
    z.object({ kind: z.literal("state") }),
  ]),
});
const Envelope = z.object({ from: z.string(), entries: z.array(Entry) });
type Entry = { meetingId: string; message: RelayMessage };

const encodeBytes = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64");

function encodeEntry({ meetingId, message }: Entry): string {
  const wire =
    message.kind === "update"
      ? { ...message, updates: message.updates?.map(encodeBytes) ?? null }
      : message.kind === "awareness"
        ? { ...message, update: encodeBytes(message.update) }
        : message;
  return JSON.stringify({ meetingId, message: wire });
}

/**
 * The entries as few payloads of at most `limit` characters. An update too large travels by its
 * row ids alone; presence too large is dropped (the next change or the awareness renewal carries it).
 */
export function envelopes(from: string, entries: Entry[], limit: number): string[] {
  const head = `{"from":${JSON.stringify(from)},"entries":[`;
  const empty = head.length + "]}".length;
  const payloads: string[] = [];
  let parts: string[] = [];
  let length = empty;
  const close = () => parts.length && payloads.push(head + parts.join(",") + "]}");
  for (const entry of entries) {
    let part = encodeEntry(entry);
    if (empty + part.length > limit && entry.message.kind === "update")
      part = encodeEntry({ ...entry, message: { ...entry.message, updates: null } });
    if (empty + part.length > limit) continue;
    if (length + part.length + 1 > limit) {
      close();
      [parts, length] = [[], empty];
    }
    parts.push(part);
    length += part.length + 1;
  }
  close();
  return payloads;
}

/** Null for anything malformed: a relay is another process's word, and checked like a socket's. */
function decodeEnvelope(payload: string): { from: string; entries: Entry[] } | null {
  try {
    const parsed = Envelope.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Hands each well-formed message from another instance to the handlers. */
function receiver(self: string, handlers: () => RelayHandlers | undefined) {
  // Every instance hears its own messages back: recognised by their first bytes, not parsed.
  const own = `{"from":${JSON.stringify(self)},`;
  return (payload: string) => {
    if (payload.startsWith(own)) return;
    const envelope = decodeEnvelope(payload);
    if (!envelope) return console.warn("[realtime] ignored a malformed relay message");
    for (const { meetingId, message } of envelope.entries) handlers()?.message(meetingId, message);
  };
}

/**
 * What is published in one turn of the event loop leaves together, in order: an edit and the
 * cursor moves that came with it cost one NOTIFY or PUBLISH, not one each.
 */
function outbox(self: string, limit: number, via: string, send: (payload: string) => Promise<unknown>) {
  let queued: Entry[] = [];
  let sending: Promise<void> | undefined;
  // Never rejects: a lost message is caught up from the log.
  const deliver = (payload: string) =>
    send(payload).then(
      () => {},
      (error) => console.error(`[realtime] relaying through ${via} failed`, error),
    );
  const flush = () => {
    const entries = queued;
    [queued, sending] = [[], undefined];
    return Promise.all(envelopes(self, entries, limit).map(deliver)).then(() => {});
  };
  let closed = false;
  return {
    publish(meetingId: string, message: RelayMessage): Promise<void> {
      // Closed as this instance stops: the presence of its last sockets, leaving, is not told (it
      // times out elsewhere), rather than sent down a connection that is going.
      if (closed) return Promise.resolve();
      queued.push({ meetingId, message });
      return (sending ??= new Promise<void>((resolve) => setImmediate(resolve)).then(flush));
    },
    close: () => void (closed = true),
  };
}

export function postgresRelay(sql: postgres.Sql): Relay {
  const self = randomUUID();
  let handlers: RelayHandlers | undefined;
  let listening: { unlisten: () => Promise<void> } | undefined;
  const out = outbox(self, NOTIFY_LIMIT, "PostgreSQL", (payload) => sql.notify(CHANNEL, payload));
  return {
    name: "postgres",
    async start(h) {
      handlers = h;
      // postgres.js listens on its own connection and calls onlisten after every (re)connect:
      // documents opened before it may have missed messages (none are open at the first).
      listening = await sql.listen(CHANNEL, receiver(self, () => handlers), () => handlers?.resync());
    },
    publish: out.publish,
    async close() {
      handlers = undefined;
      out.close();
      await listening?.unlisten().catch(() => {});
    },
  };
}

export function redisRelay(url: string): Relay {
  const self = randomUUID();
  let handlers: RelayHandlers | undefined;
  // A subscribed connection can do nothing else, so publishing has its own. Both retry for ever;
  // a publish waits at most two attempts, then it is logged and the others catch up later.
  const sub = new Redis(url, { lazyConnect: true });
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  let reported = false;
  const out = outbox(self, Infinity, "Redis", (payload) => pub.publish(CHANNEL, payload));
  for (const client of [sub, pub]) {
    client.on("error", (error) => {
      if (!reported) console.error("[realtime] Redis relay:", error.message);
      reported = true;
    });
    client.on("ready", () => (reported = false));
  }
  return {
    name: "redis",
    async start(h) {
      handlers = h;
      const receive = receiver(self, () => handlers);
      sub.on("message", (_channel: string, payload: string) => receive(payload));
      // ioredis subscribes again after a reconnect; what was published meanwhile is lost.
      sub.on("ready", () => handlers?.resync());
      // Not awaited: an instance starts while Redis is away and subscribes once it answers.
      sub.connect().catch(() => {});
      pub.connect().catch(() => {});
      sub.subscribe(CHANNEL).catch((error) => console.error("[realtime] subscribing to the Redis relay failed", error));
    },
    publish: out.publish,
    async close() {
      handlers = undefined;
      out.close();
      sub.disconnect();
      await pub.quit().catch(() => pub.disconnect());
    },
  };
}
