import { afterAll, beforeAll, expect, it } from "vitest";
import * as Y from "yjs";
import { spawnServer } from "../support/child-server";
import { stockholmSteeringMeetings } from "../support/demo";
import { freshDatabase, type TestDatabase } from "../support/db";
import { client } from "../support/server";
import { minutesClient, typeInto } from "../support/yclient";

// Durability: whatever one participant has seen from another survives the server dying mid-edit.
let t: TestDatabase;
let meetingId: string;
beforeAll(async () => {
  t = await freshDatabase();
});
afterAll(() => t.drop());

const clockOf = (doc: Y.Doc, clientId: number) => Y.decodeStateVector(Y.encodeStateVector(doc)).get(clientId) ?? 0;

it.each([1, 2, 3])("kill -9 during typing, run %i: every edit B had received from A is reloaded", { timeout: 60_000 }, async () => {
  const server = await spawnServer(t.url); // seeds the demo data on the first run
  meetingId = (await stockholmSteeringMeetings(t.sql))[0];
  const http = client(server.url);
  const [ca, cb] = [await http.login("stockholm.bo-gotland@samrad.test"), await http.login("stockholm.bo-sodra@samrad.test")];
  const a = minutesClient(server.url, meetingId, ca);
  const b = minutesClient(server.url, meetingId, cb);
  await Promise.all([a.synced, b.synced]);

  let typing = true;
  const typist = (c: typeof a, letter: string) =>
    (async () => {
      while (typing) {
        typeInto(c, letter);
        await new Promise((r) => setTimeout(r, 2 + Math.random() * 8));
      }
    })();
  const loops = [typist(a, "a"), typist(b, "b")];
  await new Promise((r) => setTimeout(r, 300 + Math.random() * 700));
  await server.stop("SIGKILL");
  typing = false;
  await Promise.all(loops);
  const seenFromA = clockOf(b.doc, a.doc.clientID);
  a.destroy();
  b.destroy();
  expect(seenFromA).toBeGreaterThan(0);

  const restarted = await spawnServer(t.url);
  try {
    const reader = minutesClient(restarted.url, meetingId, await client(restarted.url).login("stockholm.bo-gotland@samrad.test"));
    await reader.synced;
    expect(clockOf(reader.doc, a.doc.clientID)).toBeGreaterThanOrEqual(seenFromA);
    reader.destroy();
  } finally {
    await restarted.stop();
  }
});
