import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { uploadDocument } from "../../app/services/meeting-documents.server";
import { countContents, manifestPathOf } from "../../db/backup-manifest";
import { createDatabaseIfMissing } from "../../db/database";
import { startEmbeddedPostgres } from "../../db/embedded";
import { assertClientNotOlder, pgClient, serverVersion } from "../../db/pg-tools";
import { DEMO_ADMIN } from "../../db/seed/agreements";
import { seedDemoIfEmpty } from "../../db/seed/demo";
import { PDF } from "../support/document-files";
import { freshDatabase, type TestDatabase } from "../support/db";
import { stockholmSteeringMeetings } from "../support/demo";
import { freePort } from "../support/ports";

/** Why this machine cannot make backups of the test server, if it cannot: then, and only then, the tests are skipped. */
async function unusablePgDump(): Promise<string | undefined> {
  const sql = postgres(inject("pgAdminUrl"), { max: 1, onnotice: () => {} });
  try {
    assertClientNotOlder(await pgClient("pg_dump"), await serverVersion(sql));
  } catch (error) {
    return (error as Error).message;
  } finally {
    await sql.end();
  }
}
const skipped = await unusablePgDump();
if (skipped) console.warn(`backup.test.ts hoppas över: ${skipped}`);
const pgDump = await pgClient("pg_dump").catch(() => undefined);

/** Runs db/backup.ts or db/restore.ts as an operator would, in its own process. */
function tool(script: "backup" | "restore", args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", `db/${script}.ts`, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code, output }));
  });
}

// What members rely on a restore to bring back, row for row.
const KEPT = {
  decisions: "select * from decisions order by id",
  minutes: "select * from minutes order by meeting_id",
  minutesUpdates: "select * from minutes_updates order by id",
  auditLog: "select * from audit_log order by id",
  documents: "select * from meeting_documents order by id",
};
async function kept(sql: postgres.Sql) {
  const rows = await Promise.all(Object.values(KEPT).map((q) => sql.unsafe(q)));
  return Object.fromEntries(Object.keys(KEPT).map((k, i) => [k, [...rows[i]]]));
}
const documentBytes = async (sql: postgres.Sql, id: string) =>
  (await sql<{ content: Buffer }[]>`select lo_get(content_oid) as content from meeting_documents where id = ${id}`)[0].content;

describe.skipIf(skipped)("backups", () => {
  let source: TestDatabase;
  const targets: TestDatabase[] = [];
  let dir: string;
  let documentId: string;
  // A 3 MB PDF: its large object spans many pages and the upload's 1 MB pieces.
  const content = Buffer.concat([PDF, randomBytes(3 * 1024 * 1024)]);
  const backups = async () => (await readdir(dir)).filter((f) => f.endsWith(".dump")).sort();
  const backup = (keep = "14") => tool("backup", [dir], { DATABASE_URL: source.url, BACKUP_KEEP: keep });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "samrad-backups-"));
    source = await freshDatabase();
    await seedDemoIfEmpty(source.db);
    const [admin] = await source.sql<{ id: string; email: string; name: string; locale: "sv" | "en"; isAdmin: boolean }[]>`
      select id, email, name, locale, is_admin as "isAdmin" from users where email = ${DEMO_ADMIN.email}`;
    const [meetingId] = await stockholmSteeringMeetings(source.sql);
    const [item] = await source.sql<{ id: string; groupId: string }[]>`
      select a.id, m.group_id as "groupId" from agenda_items a join meetings m on m.id = a.meeting_id where m.id = ${meetingId} order by a.position limit 1`;
    const uploaded = await uploadDocument(
      source.db,
      meetingId,
      { agendaItemId: item.id, title: "Budget 2027", filename: "budget.pdf", content },
      admin
    );
    if (!uploaded.ok) throw new Error(`upload refused: ${JSON.stringify(uploaded)}`);
    documentId = uploaded.value.id;
    await source.sql`insert into decisions (group_id, meeting_id, agenda_item_id, year, number, text, status, proposed_by, decided_by, decided_at)
      values (${item.groupId}, ${meetingId}, ${item.id}, 2027, 1, 'Styrgruppen antar budgeten för 2027.', 'adopted', ${admin.id}, ${admin.id}, now())`;
    await source.sql`insert into minutes (meeting_id, snapshot, snapshot_bytes) values (${meetingId}, ${Buffer.from([1, 2, 3])}, 3)`;
    await source.sql`insert into minutes_updates (meeting_id, update, user_id) values (${meetingId}, ${randomBytes(200)}, ${admin.id})`;
    await source.sql`insert into audit_log (actor_id, action, subject, details) values (${
      admin.id
    }, 'decision.decide', ${`meeting:${meetingId}`}, ${JSON.stringify({ number: 1 })}::jsonb)`;
  });
  afterAll(async () => {
    for (const t of [source, ...targets]) await t?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function emptyTarget() {
    const t = await freshDatabase({ migrated: false });
    targets.push(t);
    return t;
  }

  it("backs up and restores decisions, minutes, the audit log and a document's bytes unchanged", { timeout: 60_000 }, async () => {
    const made = await backup();
    expect(made.code, made.output).toBe(0);
    const [file] = await backups();
    expect(made.output).toContain(`Säkerhetskopian är skriven: ${path.join(dir, file)}`);
    // It holds personal data: readable by its owner only.
    expect((await stat(path.join(dir, file))).mode & 0o777).toBe(0o600);

    const target = await emptyTarget();
    const restored = await tool("restore", [path.join(dir, file), target.url]);
    expect(restored.code, restored.output).toBe(0);
    expect(restored.output).toContain("Alla 1 mötesdokument har samma innehåll (SHA-256)");
    expect(restored.output).toMatch(/Databasen har alla \d+ migreringar/);

    const before = await kept(source.sql);
    expect(before.decisions).toHaveLength(1);
    expect(before.minutesUpdates).toHaveLength(1);
    expect(before.auditLog.length).toBeGreaterThanOrEqual(2);
    expect(await kept(target.sql)).toEqual(before);
    expect((await documentBytes(target.sql, documentId)).equals(content)).toBe(true);
    expect(await countContents(target.sql)).toEqual(await countContents(source.sql));
  });

  it(
    "refuses a database that is not empty without --force and changes nothing; --force replaces its contents",
    { timeout: 60_000 },
    async () => {
      const [file] = await backups();
      const target = await emptyTarget();
      expect((await tool("restore", [path.join(dir, file), target.url])).code).toBe(0);
      // Since the backup: a decision changed and another document arrived.
      await target.sql`update decisions set text = 'Ändrad efter säkerhetskopian.'`;
      await target.sql`select lo_from_bytea(0, ${Buffer.from("ett dokument till")})`;
      const before = { rows: await kept(target.sql), contents: await countContents(target.sql) };

      const refused = await tool("restore", [path.join(dir, file), target.url]);
      expect(refused.code).toBe(1);
      expect(refused.output).toContain(`Måldatabasen ${target.name} är inte tom`);
      expect(refused.output).toContain("Inget har ändrats. Ange --force");
      expect({ rows: await kept(target.sql), contents: await countContents(target.sql) }).toEqual(before);

      const forced = await tool("restore", [path.join(dir, file), target.url, "--force"]);
      expect(forced.code, forced.output).toBe(0);
      expect(await kept(target.sql)).toEqual(await kept(source.sql));
      expect(await countContents(target.sql)).toEqual(await countContents(source.sql));
    }
  );

  it("refuses a damaged backup before touching the target", { timeout: 30_000 }, async () => {
    const [file] = await backups();
    const damaged = path.join(dir, "skadad.dump");
    const bytes = await readFile(path.join(dir, file));
    bytes[bytes.length - 100] ^= 0xff;
    await writeFile(damaged, bytes);
    await copyFile(manifestPathOf(path.join(dir, file)), manifestPathOf(damaged));
    const target = await emptyTarget();

    const refused = await tool("restore", [damaged, target.url]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("stämmer inte med sitt manifest (SHA-256)");
    expect((await countContents(target.sql)).tables).toEqual({});
    await rm(damaged);
    await rm(manifestPathOf(damaged));
  });

  it("keeps the newest BACKUP_KEEP backups with their manifests", { timeout: 60_000 }, async () => {
    const [first] = await backups();
    for (let i = 0; i < 2; i++) expect((await backup("2")).code).toBe(0);
    const left = await backups();
    expect(left).toHaveLength(2);
    expect(left).not.toContain(first);
    expect((await readdir(dir)).sort()).toEqual(left.flatMap((f) => [f, path.basename(manifestPathOf(f))]).sort());

    const bad = await backup("0");
    expect(bad.code).toBe(1);
    expect(bad.output).toContain("BACKUP_KEEP=0: ange hur många säkerhetskopior som ska sparas");
    expect(await backups()).toEqual(left);
  });
});

describe.skipIf(!pgDump)("backups of the embedded database", () => {
  it("use the server a running Samråd started, as it is, and say plainly when pg_dump is older than it", { timeout: 120_000 }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "samrad-embedded-backup-"));
    const server = await startEmbeddedPostgres(path.join(dataDir, "pg"), await freePort());
    try {
      await createDatabaseIfMissing(server.url("postgres"), "samrad");
      const postmaster = async () => (await readFile(path.join(dataDir, "pg", "postmaster.pid"), "utf8")).split("\n")[0];
      const before = await postmaster();
      // Another EMBEDDED_PG_PORT than the server's: the running server's own port is what counts.
      const made = await tool("backup", [], { DATABASE_URL: "", DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) });
      if (made.code === 0) {
        expect(await readdir(path.join(dataDir, "backups"))).toHaveLength(2);
      } else {
        expect(made.code).toBe(1);
        const [, major] =
          /PostgreSQL-servern är version (\d+)\S* men pg_dump \(.+\) är version \S+: pg_dump kan inte arbeta mot en nyare server/.exec(
            made.output
          ) ?? [];
        expect(Number(major), made.output).toBeGreaterThan(pgDump!.major);
        expect(made.output).toContain(`Installera klientprogrammen för PostgreSQL ${major} (t.ex. postgresql-client-${major})`);
      }
      expect(await postmaster()).toBe(before);
    } finally {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
