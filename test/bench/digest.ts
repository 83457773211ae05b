/**
 * Daily digest benchmark: 1,000 users, each owed five notifications they chose to get as a summary,
 * and one run of `sendDigests` that mails each of them once (queued in the outbox in one transaction).
 * Budget: under 10 s for the run. The floor beside it: the same run's reading of the owed rows alone.
 *
 * Run: npx tsx test/bench/digest.ts   (DATABASE_URL: a server to create a scratch database on;
 *      without it an embedded PostgreSQL in a temporary directory)
 */
import { performance } from "node:perf_hooks";
import { isNull, sql } from "drizzle-orm";
import { createDb } from "../../db/client";
import { createDatabaseIfMissing, locateDatabase } from "../../db/database";
import { runMigrations } from "../../db/migrate";
import { notifications, outbox, users } from "../../db/schema";
import { sendDigests } from "../../app/services/notify.server";
import { budget, exitCode, fmtS, freePort, installWatchdog, makeDataDir, removeDataDir } from "./lib";

const USERS = 1000;
const EACH = 5;
installWatchdog(5 * 60_000);

const dataDir = await makeDataDir();
const location = await locateDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir, embeddedPgPort: await freePort() });
const name = `samrad_bench_digest_${Date.now()}`;
const adminUrl = location.url;
await createDatabaseIfMissing(adminUrl, name);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const { db, sql: raw } = createDb(url.toString());
let failed = false;
try {
  await runMigrations(db);
  const created = await db
    .insert(users)
    .values(Array.from({ length: USERS }, (_, i) => ({ email: `member${i}@bench.test`, name: `Ledamot ${i}`, passwordHash: "x" })))
    .returning({ id: users.id });
  await db.insert(notifications).values(
    created.flatMap((u, i) =>
      Array.from({ length: EACH }, (_, k) => ({ userId: u.id, kind: "minutes.final", params: { meeting: `Möte ${i}-${k}` }, link: `/meetings/${i}-${k}`, eventKey: `bench:${i}:${k}` })),
    ),
  );
  const floorStart = performance.now();
  await db.select({ id: notifications.id }).from(notifications).where(isNull(notifications.mailedAt));
  const floor = performance.now() - floorStart;
  const start = performance.now();
  const sent = await sendDigests(db, "https://samrad.example");
  const took = performance.now() - start;
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(outbox);
  console.log(`digest: ${sent} users, ${n} mails queued, ${USERS * EACH} notifications, in ${fmtS(took)} (floor: reading the owed rows ${fmtS(floor)})`);
  failed = sent !== USERS || n !== USERS;
  budget("digest run for 1,000 users", took, 10_000, fmtS);
} finally {
  await raw.end();
  const admin = createDb(adminUrl);
  await admin.sql.unsafe(`drop database if exists "${name}"`);
  await admin.sql.end();
  await location.stop();
  await removeDataDir(dataDir);
}
process.exit(exitCode(failed));
