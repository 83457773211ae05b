import { RELAYS } from "../support/redis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import type { RunningServer } from "../../app/http/server.server";
import { spawnServer } from "../support/child-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { stockholmSteeringMeetings } from "../support/demo";
import { postMeetingForm } from "../support/resource-forms";
import { client, startTestServer } from "../support/server";
import { eventually, minutesClient, typeInto, type MinutesClient } from "../support/yclient";

// Several instances on one PostgreSQL: each holds its own copy of an open document, and the relay
// (Redis pub/sub, or LISTEN/NOTIFY without Redis) keeps them in step. CI has Redis at 127.0.0.1:6379.


const clockOf = (doc: Y.Doc, clientId: number) => Y.decodeStateVector(Y.encodeStateVector(doc)).get(clientId) ?? 0;
const typist = (c: MinutesClient, letter: string, going: () => boolean) =>
  (async () => {
    while (going()) {
      typeInto(c, letter);
      await new Promise((r) => setTimeout(r, 2 + Math.random() * 8));
    }
  })();

for (const { relay, env, skip } of RELAYS) {
  describe.skipIf(skip)(`live minutes across two instances, relayed by ${relay}`, () => {
    let t: TestDatabase;
    let meetingId: string;
    beforeAll(async () => {
      t = await freshDatabase();
    });
    afterAll(() => t.drop());

    describe("in step", () => {
      let one: RunningServer;
      let two: RunningServer;
      const clients: MinutesClient[] = [];
      let cookies: Record<string, string>;
      beforeAll(async () => {
        // The demo rotation gives Brottsofferjouren Västerort the steering group's chair on this day.
        vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-30T09:00:00Z"), shouldAdvanceTime: true });
        one = await startTestServer(t.url, {}, env);
        two = await startTestServer(t.url, {}, env);
        meetingId = (await stockholmSteeringMeetings(t.sql))[0];
        const http = client(one.url);
        cookies = {
          chair: await http.login("stockholm.bo-vasterort@samrad.test"),
          adjuster: await http.login("stockholm.bo-gotland@samrad.test"),
          member: await http.login("stockholm.bo-sodra@samrad.test"),
        };
      });
      afterAll(async () => {
        clients.forEach((c) => c.destroy());
        await Promise.all([one.close(), two.close()]);
        vi.useRealTimers();
      });
      const connect = (server: RunningServer, who: string) => {
        const c = minutesClient(server.url, meetingId, cookies[who]);
        clients.push(c);
        return c;
      };

      it("members on different instances converge and see each other's presence", async () => {
        const [chair, member] = [connect(one, "chair"), connect(two, "member")];
        await Promise.all([chair.synced, member.synced]);
        typeInto(chair, "Från instans ett. ");
        typeInto(member, "Från instans två. ");
        await eventually(() => [chair, member].every((c) => c.text().includes("Från instans ett.") && c.text().includes("Från instans två.")), "both edits on both instances");
        await eventually(() => chair.text() === member.text(), "the same text");

        chair.provider.awareness.setLocalStateField("user", { color: "#aa3300" });
        const names = (c: MinutesClient) => [...c.provider.awareness.getStates().values()].map((s) => (s as { user?: { name?: string } }).user?.name);
        await eventually(() => names(member).includes("Olof Persson"), "the chair's presence on the other instance");
        chair.destroy();
        await eventually(() => !names(member).includes("Olof Persson"), "the chair's presence to go when the chair leaves");
      });

      it("sending for approval on one instance makes the minutes read-only at once on the other", async () => {
        const [adjuster, member] = [connect(two, "adjuster"), connect(two, "member")];
        await Promise.all([adjuster.synced, member.synced]);
        const [adjusterId] = await t.sql`select id from users where email = 'stockholm.bo-gotland@samrad.test'`;
        expect((await postMeetingForm(client(one.url), meetingId, { intent: "forApproval", adjuster: adjusterId.id }, cookies.chair)).status).toBe(200);
        typeInto(member, "Sent tillägg.");
        typeInto(adjuster, "Justerarens rättelse. ");
        await eventually(() => member.denied() > 0, "the other instance to refuse the member's edit");
        const reader = connect(one, "chair");
        await eventually(() => reader.text().includes("Justerarens rättelse."), "the adjuster's edit on the first instance");
        expect(reader.text()).not.toContain("Sent tillägg.");
      });
    });

    it("an instance that lost the relay for a while catches up from the log", { timeout: 60_000 }, async () => {
      const [one, two] = [await startTestServer(t.url, {}, env), await startTestServer(t.url, {}, env)];
      const meeting = (await stockholmSteeringMeetings(t.sql))[1];
      const http = client(one.url);
      const a = minutesClient(one.url, meeting, await http.login("stockholm.bo-gotland@samrad.test"));
      const b = minutesClient(two.url, meeting, await http.login("stockholm.bo-sodra@samrad.test"));
      try {
        await Promise.all([a.synced, b.synced]);
        let typing = true;
        const loop = typist(a, "a", () => typing);
        await new Promise((r) => setTimeout(r, 200));
        // Cut every instance's subscription while A types: what is published meanwhile is lost.
        if (env.REDIS_URL) {
          const admin = new Redis(env.REDIS_URL);
          await admin.client("KILL", "TYPE", "pubsub");
          admin.disconnect();
        } else {
          await t.sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${t.name} and query ilike 'listen%'`;
        }
        await new Promise((r) => setTimeout(r, 500));
        typing = false;
        await loop;
        await eventually(() => clockOf(b.doc, a.doc.clientID) === clockOf(a.doc, a.doc.clientID), "B to have every edit A made", 10_000);
        expect(b.text()).toBe(a.text());
      } finally {
        a.destroy();
        b.destroy();
        await Promise.all([one.close(), two.close()]);
      }
    });

    it("kill -9 of one instance while editing: its members reconnect to the other and nothing anyone saw is lost", { timeout: 90_000 }, async () => {
      const [one, two] = [await spawnServer(t.url, env), await spawnServer(t.url, env)];
      try {
        const meeting = (await stockholmSteeringMeetings(t.sql))[1];
        const http = client(one.url);
        const [ca, cb] = [await http.login("stockholm.bo-gotland@samrad.test"), await http.login("stockholm.bo-sodra@samrad.test")];
        let a = minutesClient(one.url, meeting, ca);
        const b = minutesClient(two.url, meeting, cb);
        await Promise.all([a.synced, b.synced]);
        let typing = true;
        const loops = [typist(a, "a", () => typing), typist(b, "b", () => typing)];
        await new Promise((r) => setTimeout(r, 300 + Math.random() * 700));
        await one.stop("SIGKILL");
        typing = false;
        await Promise.all(loops);
        const seenFromA = clockOf(b.doc, a.doc.clientID);
        expect(seenFromA).toBeGreaterThan(0);

        // As a load balancer would: A's browser reconnects, now to the instance still running, with its edits.
        a.destroy();
        a = minutesClient(two.url, meeting, ca, a.doc);
        await a.synced;
        await eventually(() => clockOf(b.doc, a.doc.clientID) === clockOf(a.doc, a.doc.clientID), "everything A typed to reach B", 10_000);
        await eventually(() => a.text() === b.text(), "A and B to converge");

        const reader = minutesClient(two.url, meeting, cb);
        await reader.synced;
        expect(clockOf(reader.doc, a.doc.clientID)).toBeGreaterThanOrEqual(seenFromA);
        expect(reader.text()).toBe(b.text());
        [a, b, reader].forEach((c) => c.destroy());
      } finally {
        await Promise.all([one.stop(), two.stop()]);
      }
    });
  });
}
