import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningServer } from "../../app/http/server.server";
import { dropDatabase, freshDatabase, type TestDatabase } from "../support/db";
import { startTestServer } from "../support/server";

let t: TestDatabase;
let app: RunningServer;
beforeAll(async () => {
  t = await freshDatabase();
  app = await startTestServer(t.url);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

it("answers /healthz with 503 when the database is gone", async () => {
  expect((await fetch(app.url + "/healthz")).status).toBe(200);
  await dropDatabase(t.name);
  const res = await fetch(app.url + "/healthz");
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({ status: "error", db: "unreachable" });
});
