import { execFileSync } from "node:child_process";
import { get } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { spawnServer, type ChildServer } from "../support/child-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { stockholmSteeringMeetings } from "../support/demo";
import { client } from "../support/server";
import { eventually, minutesClient, typeInto, type MinutesClient } from "../support/yclient";

// WEB_CONCURRENCY worker processes on one port (node's cluster module): the primary prepares the
// database, the workers serve, and live minutes reach members whichever process holds their socket.
let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
});
afterAll(() => t.drop());

const childrenOf = (pid: number): number[] => {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    return []; // ps exits 1 when there are none
  }
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
// A new connection each time, as a visitor's would be: a pooled keep-alive socket may still point
// at the worker just killed (browsers retry those; fetch reports them as failures).
const answers = (url: string) =>
  new Promise<number>((resolve) => {
    get(url + "/healthz", { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on("error", () => resolve(0));
  });

it("serves one port from two processes, replaces one that dies, and relays live minutes between them", { timeout: 90_000 }, async () => {
  const server: ChildServer = await spawnServer(t.url, { WEB_CONCURRENCY: "2" });
  try {
    expect(server.output()).toContain("med 2 processer");
    const primary = server.process.pid!;
    const workers = childrenOf(primary);
    expect(workers).toHaveLength(2);

    // Four editors: the primary hands connections to the two processes in turn.
    const meeting = (await stockholmSteeringMeetings(t.sql))[1];
    const http = client(server.url);
    const emails = ["stockholm.bo-gotland@samrad.test", "stockholm.bo-sodra@samrad.test", "stockholm.bo-vasterort@samrad.test", "stockholm.socialforvaltningen@samrad.test"];
    const editors: MinutesClient[] = [];
    for (const email of emails) editors.push(minutesClient(server.url, meeting, await http.login(email)));
    await Promise.all(editors.map((e) => e.synced));
    editors.forEach((e, i) => typeInto(e, `Rad från redaktör ${i + 1}. `));
    await eventually(() => editors.every((e) => e.text() === editors[0].text() && emails.every((_, i) => e.text().includes(`redaktör ${i + 1}.`))), "all four editors to converge", 10_000);
    // Presence is stamped with the member's name by the process holding the member's socket.
    editors.forEach((e) => e.provider.awareness.setLocalStateField("user", { color: "#aa3300" }));
    const present = (e: MinutesClient) => [...e.provider.awareness.getStates().values()].filter((s) => (s as { user?: { name?: string } }).user?.name).length;
    await eventually(() => editors.every((e) => present(e) === emails.length - 1), "each editor to see the three others, named", 10_000);
    editors.forEach((e) => e.destroy());

    // A worker killed outright: once the primary has noticed, the other one answers everything
    // while the primary starts another in its place.
    process.kill(workers[0], "SIGKILL");
    await eventually(() => /process \d stopped \(SIGKILL\); starting a new one/.test(server.output()), "the primary to notice", 5000);
    for (let i = 0; i < 5; i++) expect(await answers(server.url)).toBe(200);
    await eventually(() => childrenOf(primary).length === 2 && !childrenOf(primary).includes(workers[0]), "a new process to replace the killed one", 15_000);
    for (let i = 0; i < 5; i++) expect(await answers(server.url)).toBe(200);

    // SIGTERM to the primary stops every process and the embedded-or-not database work cleanly.
    const current = childrenOf(primary);
    await server.stop("SIGTERM");
    expect(server.process.exitCode).toBe(0);
    expect(current.filter(alive)).toEqual([]);
    expect(await answers(server.url)).toBe(0);
  } finally {
    await server.stop("SIGKILL");
  }
});

it("workers stop by themselves when their primary is killed, freeing the port", { timeout: 60_000 }, async () => {
  const server = await spawnServer(t.url, { WEB_CONCURRENCY: "2" });
  const workers = childrenOf(server.process.pid!);
  expect(workers).toHaveLength(2);
  await server.stop("SIGKILL");
  await eventually(() => workers.every((pid) => !alive(pid)), "the orphaned workers to exit", 15_000);
  expect(await answers(server.url)).toBe(0);
});
