/**
 * What one socket can do to the server and to the others: memory it can make the server hold,
 * presence it can fake or flood, and rights it keeps after they end.
 */
import { readFile } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { FRAGMENT } from "../../realtime/content";
import { MAX_PRESENCE_BYTES } from "../../realtime/presence";
import { spawnServer, type ChildServer } from "../support/child-server";
import { stockholmSteeringMeetings } from "../support/demo";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client } from "../support/server";
import { eventually, minutesClient, rawMinutesSocket, type MinutesClient } from "../support/yclient";

const MB = 1024 * 1024;

async function rss(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** y-websocket's awareness message with one state, written by hand so anything can be claimed. */
function awarenessMessage(clientId: number, clock: number, state: unknown) {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

function updateMessage(text: string) {
  const doc = new Y.Doc();
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(FRAGMENT).insert(0, [p]);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(e);
}

/**
 * Opens a WebSocket by hand and streams masked binary frames without ever reading, so close
 * frames go unanswered; reconnects whenever the server cuts it off, `connections` times or
 * until `total` bytes are out. Resolves with bytes sent.
 */
function streamUnauthenticated(url: URL, path: string, total: number, maxConnections: number): Promise<{ sent: number; connections: number }> {
  // A final binary frame of 60 kB, masked with a zero key (which leaves the payload as it is).
  const wire = Buffer.alloc(2 + 8 + 4 + 60 * 1024);
  wire[0] = 0x82;
  wire[1] = 0x80 | 127;
  wire.writeBigUInt64BE(BigInt(60 * 1024), 2);
  let sent = 0;
  let connections = 0;
  return new Promise((resolve) => {
    const open = () => {
      if (sent >= total || connections >= maxConnections) return resolve({ sent, connections });
      connections++;
      const socket: Socket = connect(Number(url.port), url.hostname);
      socket.on("error", () => {});
      socket.on("close", () => open());
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: ${url.origin}\r\n\r\n`,
      );
      const pump = () => {
        while (sent < total && !socket.destroyed) {
          sent += wire.length;
          if (!socket.write(wire)) return void socket.once("drain", pump);
        }
        socket.destroy();
      };
      pump();
    };
    open();
  });
}

describe("what one socket can do", () => {
  let t: TestDatabase;
  let server: ChildServer;
  let meetingId: string;
  let cookies: Record<string, string>;
  const open: MinutesClient[] = [];
  const member = (who: string) => {
    const c = minutesClient(server.url, meetingId, cookies[who]);
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await freshDatabase();
    server = await spawnServer(t.url);
    meetingId = (await stockholmSteeringMeetings(t.sql))[0];
    const http = client(server.url);
    cookies = {
      gotland: await http.login("stockholm.bo-gotland@samrad.test"),
      sodra: await http.login("stockholm.bo-sodra@samrad.test"),
      vasterort: await http.login("stockholm.bo-vasterort@samrad.test"),
      city: await http.login("stockholm.socialforvaltningen@samrad.test"),
    };
  });
  afterAll(async () => {
    open.forEach((c) => c.destroy());
    await server.stop();
    await t.drop();
  });

  it("holds under 50 MB and stops reading an unauthenticated client that ignores close frames and keeps streaming", async () => {
    const pid = server.process.pid!;
    const before = await rss(pid);
    let peak = before;
    const sampling = setInterval(() => void rss(pid).then((r) => (peak = Math.max(peak, r)), () => {}), 20);
    const { sent, connections } = await streamUnauthenticated(new URL(server.url), `/realtime/minutes-${meetingId}`, 400 * MB, 30);
    clearInterval(sampling);
    peak = Math.max(peak, await rss(pid));
    console.log(`streamed ${(sent / MB).toFixed(0)} MB over ${connections} connections; server RSS ${(before / MB).toFixed(0)} → peak ${(peak / MB).toFixed(0)} MB`);
    // Each refused socket takes 64 kB plus what the kernels buffer before the server stops reading.
    expect(connections).toBe(30);
    expect(sent / connections).toBeLessThan(16 * MB);
    expect(peak - before).toBeLessThan(50 * MB);
    expect(server.process.exitCode).toBeNull();
    expect((await fetch(server.url + "/healthz")).status).toBe(200);
  }, 120_000);

  it("shows presence with the name and party the server knows, and refuses faked, oversized and flooding presence", async () => {
    const [a, b] = [member("gotland"), member("sodra")];
    await Promise.all([a.synced, b.synced]);
    // Ahmed claims to be someone else.
    a.provider.awareness.setLocalStateField("user", { name: "Eva Lindqvist", party: "Socialförvaltningen, Stockholms stad", color: "#aa3300" });
    const seen = () => b.provider.awareness.getStates().get(a.doc.clientID)?.user as { name: string; party: string; color: string } | undefined;
    await eventually(() => seen()?.color === "#aa3300", "Ahmed's presence reaching Ingrid");
    expect(seen()).toEqual({ name: "Ahmed Karimi", party: "Brottsofferjouren Stockholm-Gotland", color: "#aa3300" });

    // Another member's socket claims Ahmed's client id: dropped, Ahmed's state stays his.
    const spoofer = await rawMinutesSocket(server.url, meetingId, cookies.vasterort);
    spoofer.send(awarenessMessage(a.doc.clientID, 10_000, { user: { name: "Falsk", color: "#000000" } }));
    expect(await spoofer.roundTrip()).toBe(true);
    // A presence of its own goes through, so the spoofed one had its chance to arrive first.
    spoofer.send(awarenessMessage(424242, 1, { user: { name: "x", color: "#123456" } }));
    await eventually(() => b.provider.awareness.getStates().has(424242), "the spoofer's own presence");
    expect(b.provider.awareness.getStates().get(424242)?.user).toMatchObject({ name: "Olof Persson" });
    expect(seen()?.name).toBe("Ahmed Karimi");
    expect(seen()?.color).toBe("#aa3300");

    // An oversized state closes the socket; nobody sees it.
    const big = await rawMinutesSocket(server.url, meetingId, cookies.city);
    big.send(awarenessMessage(515151, 1, { user: { color: "#111111" }, padding: "x".repeat(MAX_PRESENCE_BYTES) }));
    expect(await big.closed).toBe(4400);
    expect(b.provider.awareness.getStates().has(515151)).toBe(false);

    // A flood is cut off long before it is through.
    let relayed = 0;
    b.provider.awareness.on("update", ({ updated, added }: { updated: number[]; added: number[] }) => {
      if ([...updated, ...added].includes(616161)) relayed++;
    });
    const flood = await rawMinutesSocket(server.url, meetingId, cookies.city);
    expect(await flood.roundTrip()).toBe(true); // admitted: before that, 64 kB is all it may send
    for (let clock = 1; clock <= 3000; clock++) flood.send(awarenessMessage(616161, clock, { user: { color: "#222222" }, cursor: null, n: clock }));
    expect(await flood.closed).toBe(4290);
    await eventually(() => relayed > 0, "some of the flood to arrive before the cut");
    expect(relayed).toBeLessThan(3000); // the burst and what refilled while a busy server read the rest, not all
  });

  it("does not relay an observer's presence", async () => {
    const groupId = await steeringGroupId();
    await t.sql`update group_members set role = 'observer' where group_id = ${groupId} and user_id = (select id from users where email = 'stockholm.bo-sodra@samrad.test')`;
    try {
      const [observer, writer] = [member("sodra"), member("gotland")];
      await Promise.all([observer.synced, writer.synced]);
      observer.provider.awareness.setLocalStateField("user", { name: "Ingrid", color: "#333333" });
      writer.provider.awareness.setLocalStateField("user", { name: "Ahmed", color: "#444444" });
      await eventually(() => observer.provider.awareness.getStates().has(writer.doc.clientID), "the writer's presence reaching the observer");
      // The writer's presence went out after the observer's; had the observer's been relayed, it would be here too.
      const probe = member("vasterort");
      await probe.synced;
      probe.provider.awareness.setLocalStateField("user", { name: "Olof", color: "#555555" });
      await eventually(() => writer.provider.awareness.getStates().has(probe.doc.clientID), "a later presence reaching the writer");
      expect(writer.provider.awareness.getStates().has(observer.doc.clientID)).toBe(false);
    } finally {
      await t.sql`update group_members set role = 'representative' where group_id = ${groupId} and user_id = (select id from users where email = 'stockholm.bo-sodra@samrad.test')`;
    }
  });

  it("closes a socket within seconds of logout", async () => {
    const cookie = await client(server.url).login("stockholm.bo-gotland@samrad.test");
    const c = minutesClient(server.url, meetingId, cookie);
    open.push(c);
    await c.synced;
    const res = await client(server.url).post("/logout", {}, { cookie });
    expect(res.status).toBe(302);
    const started = Date.now();
    expect(await c.closed).toBe(4401);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("stops storing a member's edits within seconds of demotion to observer", async () => {
    const groupId = await steeringGroupId();
    const userId = await idOf("stockholm.bo-gotland@samrad.test");
    const socket = await rawMinutesSocket(server.url, meetingId, cookies.gotland);
    socket.send(updateMessage("före degraderingen"));
    expect(await socket.roundTrip()).toBe(true);
    await eventually(() => socket.received.some((m) => m[0] === 100), "the edit being stored");

    await t.sql`update group_members set role = 'observer' where group_id = ${groupId} and user_id = ${userId}`;
    try {
      const demoted = Date.now();
      const denied = () => socket.received.some((m) => m[0] === 2);
      while (!denied()) {
        if (Date.now() - demoted > 5000) throw new Error("still writing 5 s after demotion");
        socket.send(updateMessage("under degraderingen"));
        await socket.roundTrip();
        await new Promise((r) => setTimeout(r, 100));
      }
      const rows = async () => (await t.sql`select count(*)::int as n from minutes_updates where meeting_id = ${meetingId} and user_id = ${userId}`)[0].n as number;
      const storedBefore = await rows();
      socket.send(updateMessage("efter degraderingen"));
      expect(await socket.roundTrip()).toBe(true);
      // Another member's edit is stored after whatever the demoted one sent before it (one pipeline per document).
      const other = await rawMinutesSocket(server.url, meetingId, cookies.city);
      other.send(updateMessage("kontroll"));
      await eventually(() => other.received.some((m) => m[0] === 100), "the other member's edit being stored");
      expect(await rows()).toBe(storedBefore);
      other.socket.close();
    } finally {
      socket.socket.close();
      await t.sql`update group_members set role = 'representative' where group_id = ${groupId} and user_id = ${userId}`;
    }
  });

  async function steeringGroupId() {
    const [{ id }] = await t.sql<{ id: string }[]>`select group_id as id from meetings where id = ${meetingId}`;
    return id;
  }
  async function idOf(email: string) {
    const [{ id }] = await t.sql<{ id: string }[]>`select id from users where email = ${email}`;
    return id;
  }
});
