import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import type { RunningServer } from "../../app/http/server.server";
import { stockholmSteeringMeetings } from "../support/demo";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client, startTestServer } from "../support/server";
import { eventually, minutesClient, typeInto, type MinutesClient } from "../support/yclient";
import { postMeetingForm } from "../support/resource-forms";
import { MAX_MESSAGE_BYTES } from "../../realtime/upgrade";

describe("live minutes over y-websocket", () => {
  let t: TestDatabase;
  let app: RunningServer;
  let meetingId: string;
  let cookies: Record<string, string>;
  const open: MinutesClient[] = [];
  const connect = (who: string | undefined, id = meetingId) => {
    const c = minutesClient(app.url, id, who ? cookies[who] : undefined);
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    // The demo rotation gives Brottsofferjouren Västerort the chair from 2026-10-01 to 2027-03-31.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-30T09:00:00Z"), shouldAdvanceTime: true });
    t = await freshDatabase();
    app = await startTestServer(t.url);
    const http = client(app.url);
    meetingId = (await stockholmSteeringMeetings(t.sql))[0];
    cookies = {
      gotland: await http.login("stockholm.bo-gotland@samrad.test"),
      sodra: await http.login("stockholm.bo-sodra@samrad.test"),
      outsider: await http.login("boras.jouren@samrad.test"),
    };
  });
  afterAll(async () => {
    open.forEach((c) => c.destroy());
    await app.close();
    await t.drop();
    vi.useRealTimers();
  });

  it("prefills the minutes from the agenda on the server, once", async () => {
    const [a, b] = [connect("gotland"), connect("sodra")];
    await Promise.all([a.synced, b.synced]);
    for (const c of [a, b]) {
      expect(c.text()).toContain("§ 1 Mötets öppnande");
      expect(c.text()).toContain("§ 7 Mötets avslutande");
      expect(c.text().match(/§ 1 /g)).toHaveLength(1);
    }
    const [row] = await t.sql`select count(*)::int as n from minutes where meeting_id = ${meetingId}`;
    expect(row.n).toBe(1);
  });

  it("adds a section when the chair adds an agenda item to minutes already begun", async () => {
    const a = connect("gotland");
    await a.synced;
    const chair = await client(app.url).login("stockholm.bo-vasterort@samrad.test"); // holds the chair in the demo rotation
    const res = await postMeetingForm(client(app.url), meetingId, { intent: "add", title: "Lokalfrågan", type: "decision" }, chair);
    expect(res.status).toBe(200);
    // A new item lands before "Mötets avslutande", which moves down one number.
    await eventually(() => /§ \d+ Lokalfrågan/.test(a.text()), "the new section");
    const number = /§ (\d+) Lokalfrågan/.exec(a.text())![1];
    expect(a.text().match(new RegExp(`§ ${number} `, "g"))).toHaveLength(1);
    expect(a.text()).toContain(`§ ${Number(number) + 1} Mötets avslutande`);
  });

  it("lets two members converge on concurrent edits, and stores them", async () => {
    const [a, b] = [connect("gotland"), connect("sodra")];
    await Promise.all([a.synced, b.synced]);
    typeInto(a, "Ahmed skriver. ");
    typeInto(b, "Ingrid skriver. ");
    await eventually(() => a.text() === b.text() && a.text().includes("Ahmed skriver") && a.text().includes("Ingrid skriver"), "convergence");
    const [{ n }] = await t.sql`select count(*)::int as n from minutes_updates where meeting_id = ${meetingId}`;
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it("closes a non-member with 4403 and an anonymous visitor with 4401, sending no content", async () => {
    const outsider = connect("outsider");
    expect(await outsider.closed).toBe(4403);
    expect(outsider.text()).toBe("");
    const anonymous = connect(undefined);
    expect(await anonymous.closed).toBe(4401);
    const unknown = connect("gotland", "00000000-0000-0000-0000-000000000000");
    expect(await unknown.closed).toBe(4403);
  });

  it("refuses a socket from another site, and closes only the socket that sends garbage or too much", async () => {
    const evil = new WebSocket(app.url.replace("http", "ws") + `/realtime/minutes-${meetingId}`, { headers: { cookie: cookies.gotland }, origin: "https://evil.example" });
    expect(await new Promise((r) => evil.on("close", (code) => r(code)))).toBe(4403);

    const healthy = connect("sodra");
    await healthy.synced;
    const raw = new WebSocket(app.url.replace("http", "ws") + `/realtime/minutes-${meetingId}`, { headers: { cookie: cookies.gotland }, origin: app.url });
    await new Promise((r) => raw.on("open", r));
    raw.send(new Uint8Array([0, 7, 1, 2, 3])); // a sync message of an unknown kind
    expect(await new Promise((r) => raw.on("close", (code) => r(code)))).toBe(4400);

    const big = new WebSocket(app.url.replace("http", "ws") + `/realtime/minutes-${meetingId}`, { headers: { cookie: cookies.gotland }, origin: app.url });
    await new Promise((r) => big.on("open", r));
    big.send(new Uint8Array(MAX_MESSAGE_BYTES + 1));
    expect(await new Promise((r) => big.on("close", (code) => r(code)))).toBe(1009); // message too big

    typeInto(healthy, "Fortfarande här.");
    const other = connect("gotland");
    await other.synced;
    await eventually(() => other.text().includes("Fortfarande här."), "the healthy socket's edit");
  });

  it("sends edits made offline when the connection comes back", async () => {
    const a = connect("gotland");
    const b = connect("sodra");
    await Promise.all([a.synced, b.synced]);
    a.provider.disconnect();
    typeInto(a, "Skrivet utan nät. ");
    expect(b.text()).not.toContain("Skrivet utan nät.");
    a.provider.connect();
    await eventually(() => b.text().includes("Skrivet utan nät."), "the offline edit to arrive");
  });

  it("drops an observer's updates on the server", async () => {
    await t.sql`update group_members set role = 'observer'
      where user_id = (select id from users where email = 'stockholm.bo-sodra@samrad.test')`;
    const observer = connect("sodra");
    const member = connect("gotland");
    await Promise.all([observer.synced, member.synced]);
    const before = (await t.sql`select count(*)::int as n from minutes_updates`)[0].n;
    typeInto(observer, "Observatören försöker skriva.");
    typeInto(member, "Ledamoten skriver.");
    await eventually(() => observer.text().includes("Ledamoten skriver."), "the observer to read the member's edit");
    await eventually(() => observer.denied() > 0, "the server to refuse the observer's edit");
    expect(member.text()).not.toContain("Observatören försöker skriva.");
    expect((await t.sql`select count(*)::int as n from minutes_updates`)[0].n).toBe(before + 1);
    await t.sql`update group_members set role = 'representative'
      where user_id = (select id from users where email = 'stockholm.bo-sodra@samrad.test')`;
  });

  it("reloads everything from PostgreSQL after the last client leaves and the document is unloaded", async () => {
    const a = connect("gotland");
    await a.synced;
    const stored = (await t.sql`select count(*)::int as n from minutes_updates`)[0].n;
    typeInto(a, "Sparas till nästa gång.");
    const text = a.text();
    for (let i = 0; i < 100 && (await t.sql`select count(*)::int as n from minutes_updates`)[0].n === stored; i++) await new Promise((r) => setTimeout(r, 20));
    for (const c of open.splice(0)) c.destroy();
    await eventually(() => app.minutesLoaded() === 0, "the document to unload");
    const b = connect("sodra");
    await b.synced;
    expect(b.text()).toBe(text);
    // Unloading compacted the log into one snapshot.
    expect((await t.sql`select count(*)::int as n from minutes_updates where meeting_id = ${meetingId}`)[0].n).toBe(0);
  });
  it("takes everything a member wrote offline when they reconnect, though it comes as one message over 1 MB", async () => {
    const meeting = (await stockholmSteeringMeetings(t.sql)).at(-2)!;
    const [writer, reader] = [connect("gotland", meeting), connect("sodra", meeting)];
    await Promise.all([writer.synced, reader.synced]);
    writer.provider.disconnect();
    typeInto(writer, "[offline 1]" + "y".repeat(900 * 1024));
    typeInto(writer, "[offline 2]" + "y".repeat(900 * 1024));
    writer.provider.connect();
    await eventually(() => reader.text().includes("[offline 2]") && reader.text().includes("[offline 1]"), "the offline edits to arrive", 15_000);
    expect(writer.denied()).toBe(0);
  }, 30_000);

  it("stops accepting edits once the minutes reach 5 MB, keeping what was written before", async () => {
    const other = (await stockholmSteeringMeetings(t.sql)).at(-1)!;
    const writer = connect("gotland", other);
    const reader = connect("sodra", other);
    await Promise.all([writer.synced, reader.synced]);
    // Seven edits of 900 kB: the first five fit under 5 MB, the sixth would not.
    const chunk = (i: number) => `[del ${i}]` + "x".repeat(900 * 1024);
    for (let i = 1; i <= 5; i++) {
      typeInto(writer, chunk(i));
      await eventually(() => reader.text().includes(`[del ${i}]`), `part ${i} to arrive`, 15_000);
    }
    typeInto(writer, chunk(6));
    typeInto(writer, chunk(7));
    await eventually(() => writer.denied() > 0, "the server to refuse the edit past 5 MB", 15_000);
    expect(reader.text()).not.toContain("[del 6]");
    const [{ bytes }] = await t.sql`
      select coalesce(sum(length(update)), 0)::int + (select snapshot_bytes from minutes where meeting_id = ${other}) as bytes
      from minutes_updates where meeting_id = ${other}`;
    expect(bytes).toBeGreaterThan(5 * 900 * 1024);
    expect(bytes).toBeLessThanOrEqual(5 * 1024 * 1024);
  }, 60_000);
});
