import type { Browser } from "playwright-core";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { launchBrowser } from "./browser";
import { spawnServer, type ChildServer } from "./child-server";
import { freshDatabase, type TestDatabase } from "./db";

/** Per test file: its own database, the real server on it, and one Chromium. */
export function e2eEnvironment() {
  const env = {} as { db: TestDatabase; server: ChildServer; browser: Browser };
  beforeAll(async () => {
    env.db = await freshDatabase();
    env.server = await spawnServer(env.db.url);
    env.browser = await launchBrowser();
  });
  // A failed step often only says what it waited for; the server's log says why it never came.
  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => console.error(`[e2e] server output before the failure:\n${env.server?.output().slice(-4000)}`));
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
    await env.db?.drop();
  });
  return env;
}
