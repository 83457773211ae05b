import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect } from "vitest";
import type { ChildServer } from "./child-server";

/** Temporary folders for a test file's own PostgreSQL data, removed after the file. */
export function tempDirs(prefix: string) {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  return async () => {
    const dir = await mkdtemp(path.join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}

/** Polls /healthz until it answers `status`; every answer must come within 3 s. */
export async function healthBecomes(app: ChildServer, status: number, withinMs: number) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const started = Date.now();
    const res = await fetch(app.url + "/healthz", { signal: AbortSignal.timeout(5000) });
    expect(Date.now() - started, "/healthz answered within 3 s").toBeLessThan(3000);
    if (res.status === status) return;
    if (Date.now() > deadline) throw new Error(`/healthz still ${res.status} after ${withinMs} ms:\n${app.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
