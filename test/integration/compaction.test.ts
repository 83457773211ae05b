import * as prng from "lib0/prng";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as Y from "yjs";
import { meetings, users } from "../../db/schema";
import { mergeOffThread } from "../../realtime/merge-off-thread";
import { appendUpdates, compactStored, createStored, loadStored, type JusteringState } from "../../realtime/store";
import { freshDatabase, type TestDatabase } from "../support/db";

// Property: however appends and compactions interleave, the stored document is the union of every update.
let t: TestDatabase;
let meetingId: string;
let userId: string;
/** Fresh minutes are a draft without adjusters: the state the writers' edits are judged under. */
const DRAFT: JusteringState = { status: "draft", adjusters: [] };
beforeAll(async () => {
  t = await freshDatabase();
  // The merging thread starts with the first compaction; started here, the first seed's compactions run while writers write.
  await mergeOffThread([Y.encodeStateAsUpdate(new Y.Doc())]);
  [{ id: userId }] = await t.db.insert(users).values({ email: "a@b.se", name: "A", passwordHash: "x" }).returning({ id: users.id });
  const [{ id: groupId }] = await t.sql`
    with p as (insert into partnerships (name) values ('P') returning id)
    insert into groups (partnership_id, kind, name) select id, 'steering', 'G' from p returning id`;
  [{ id: meetingId }] = await t.db
    .insert(meetings)
    .values({ groupId, title: "M", startsAt: new Date(), endsAt: new Date(), createdBy: userId })
    .returning({ id: meetings.id });
});
afterAll(() => t.drop());

/** Random edits by `writers` clients, as the updates each would send. */
function randomStreams(gen: prng.PRNG, writers: number, edits: number): Uint8Array[][] {
  const docs = Array.from({ length: writers }, () => new Y.Doc());
  const streams: Uint8Array[][] = docs.map(() => []);
  docs.forEach((d, i) => d.on("update", (u: Uint8Array) => streams[i].push(u)));
  for (let n = 0; n < edits; n++) {
    const i = prng.uint32(gen, 0, writers - 1);
    const text = docs[i].getText("t");
    if (text.length > 0 && prng.bool(gen) && prng.bool(gen)) text.delete(prng.uint32(gen, 0, text.length - 1), 1);
    else text.insert(prng.uint32(gen, 0, text.length), prng.word(gen, 1, 4));
    // Now and then a writer learns what another wrote, so updates depend on each other.
    if (prng.bool(gen)) Y.applyUpdate(docs[i], Y.encodeStateAsUpdate(docs[prng.uint32(gen, 0, writers - 1)]));
  }
  return streams;
}

it.each([11, 22, 33, 44, 55])("seed %i: nothing is lost while compaction runs alongside writers", async (seed) => {
  const gen = prng.create(seed);
  await t.sql`delete from minutes where meeting_id = ${meetingId}`;
  await createStored(t.db, meetingId, Y.encodeStateAsUpdate(new Y.Doc()));
  const streams = randomStreams(gen, 4, 300);

  let writing = true;
  const writers = streams.map(async (stream) => {
    for (let i = 0; i < stream.length; ) {
      const n = prng.uint32(gen, 1, 8);
      const batch = stream.slice(i, i + n).map((update) => ({ update, userId }));
      await appendUpdates(t.db, meetingId, batch, DRAFT);
      i += n;
    }
  });
  const compactor = (async () => {
    // Rows merged by compactions that ran while writers were still appending: the interleaving under test.
    let mergedWhileWriting = 0;
    while (writing) {
      const { merged } = await compactStored(t.db, meetingId);
      if (writing) mergedWhileWriting += merged;
    }
    return mergedWhileWriting;
  })();
  await Promise.all(writers);
  writing = false;
  expect(await compactor).toBeGreaterThan(0);

  const expected = new Y.Doc();
  streams.flat().forEach((u) => Y.applyUpdate(expected, u));
  const stored = (await loadStored(t.db, meetingId))!;
  const reloaded = new Y.Doc();
  stored.updates.forEach((u) => Y.applyUpdate(reloaded, u.update));
  expect(reloaded.getText("t").toString()).toBe(expected.getText("t").toString());
  expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(expected));

  // A final compaction leaves exactly one snapshot with the same content.
  await compactStored(t.db, meetingId);
  const [{ n }] = await t.sql`select count(*)::int as n from minutes_updates where meeting_id = ${meetingId}`;
  expect(n).toBe(0);
  const again = new Y.Doc();
  (await loadStored(t.db, meetingId))!.updates.forEach((u) => Y.applyUpdate(again, u.update));
  expect(again.getText("t").toString()).toBe(expected.getText("t").toString());
});
