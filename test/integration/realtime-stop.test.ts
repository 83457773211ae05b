import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { stockholmSteeringMeetings } from "../support/demo";
import { RELAYS } from "../support/redis";
import { client, startTestServer } from "../support/server";
import { eventually, minutesClient, type MinutesClient } from "../support/yclient";

// Stopping with members in the minutes: their sockets are closed, not waited for (the HTTP
// server counts them as its connections), and their leaving, after the relay has closed, is
// not sent down a connection that is going.
for (const { relay, env, skip } of RELAYS) {
  describe.skipIf(skip)(`stopping while members edit, relayed by ${relay}`, () => {
    let t: TestDatabase;
    let app: RunningServer;
    const open: MinutesClient[] = [];

    beforeAll(async () => {
      vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-30T09:00:00Z"), shouldAdvanceTime: true });
      t = await freshDatabase();
      app = await startTestServer(t.url, {}, env);
    });
    afterAll(async () => {
      open.forEach((c) => c.destroy());
      await app?.close();
      await t?.drop();
      vi.useRealTimers();
    });

    it("stops within seconds and without an error while two members are present", async () => {
      const http = client(app.url);
      const [meetingId] = await stockholmSteeringMeetings(t.sql);
      for (const email of ["stockholm.bo-gotland@samrad.test", "stockholm.bo-sodra@samrad.test"]) {
        open.push(minutesClient(app.url, meetingId, await http.login(email)));
      }
      const [a, b] = open;
      await Promise.all([a.synced, b.synced]);
      a.provider.awareness.setLocalStateField("user", { color: "#aa3300" });
      await eventually(() => b.provider.awareness.getStates().has(a.doc.clientID), "the presence to reach the other member");
      const errors = vi.spyOn(console, "error");
      try {
        const started = Date.now();
        await app.close();
        expect(Date.now() - started).toBeLessThan(5000);
        await new Promise((resolve) => setTimeout(resolve, 500)); // for anything logged late
        expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([]);
      } finally {
        errors.mockRestore();
      }
    });
  });
}
