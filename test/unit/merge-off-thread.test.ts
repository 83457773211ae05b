import { expect, it } from "vitest";
import * as Y from "yjs";
import { mergeOffThread } from "../../realtime/merge-off-thread";

/** A few hundred edits by three writers, as the updates a minutes log holds. */
function logOfEdits(): Uint8Array[] {
  const writers = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const log: Uint8Array[] = [];
  writers.forEach((d) => d.on("update", (u: Uint8Array) => log.push(u)));
  for (let n = 0; n < 300; n++) {
    const doc = writers[n % 3];
    doc.getText("minutes").insert(doc.getText("minutes").length, `§${n} `);
    if (n % 7 === 0) doc.getMap("meta").set(`k${n}`, n);
    if (n % 10 === 0) Y.applyUpdate(doc, Y.encodeStateAsUpdate(writers[(n + 1) % 3]));
  }
  return log;
}

it("merges a log into one update with the same content as merging it here", async () => {
  const log = logOfEdits();
  const merged = await mergeOffThread(log);
  expect(merged).toEqual(Y.mergeUpdates(log));
  const doc = new Y.Doc();
  Y.applyUpdate(doc, merged);
  const expected = new Y.Doc();
  log.forEach((u) => Y.applyUpdate(expected, u));
  expect(doc.getText("minutes").toString()).toBe(expected.getText("minutes").toString());
  expect(doc.getMap("meta").toJSON()).toEqual(expected.getMap("meta").toJSON());
});

it("leaves this thread free while it merges", async () => {
  let turns = 0;
  const tick = () => {
    turns++;
    if (!done) setImmediate(tick);
  };
  let done = false;
  setImmediate(tick);
  await mergeOffThread(logOfEdits()).finally(() => (done = true));
  // Merged here, the promise would settle before the event loop turned once.
  expect(turns).toBeGreaterThan(0);
});

it("refuses a damaged update with an error, and merges the next log as before", async () => {
  const log = logOfEdits();
  await expect(mergeOffThread([log[0], new Uint8Array([255, 255, 255, 255])])).rejects.toThrow(/merging the minutes' updates failed/);
  expect(await mergeOffThread(log)).toEqual(Y.mergeUpdates(log));
});
