// npm run db:backup [-- katalog]: a pg_dump (custom format, large objects included) of Samråd's
// database with a manifest of what it holds, keeping the newest BACKUP_KEEP (decision 027).
import { chmod, mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { connect } from "./client";
import { readConfig } from "../app/config.server";
import {
  BACKUP_EXTENSION,
  BACKUP_PREFIX,
  backupName,
  countContents,
  manifestPathOf,
  sha256OfFile,
  type BackupManifest,
} from "./backup-manifest";
import { attachDatabase } from "./database";
import { assertClientNotOlder, connectionFor, pgClient, run, runTool, serverVersion, ToolError } from "./pg-tools";

const DEFAULT_KEEP = 14;

await runTool(async () => {
  const config = readConfig();
  const dir = path.resolve(process.argv[2] ?? path.join(config.dataDir, "backups"));
  const keep = keepFrom(process.env.BACKUP_KEEP);
  const pgDump = await pgClient("pg_dump");
  // The embedded server Samråd is running is used as it is; when Samråd is stopped it is started for the dump.
  const database = await attachDatabase(config);
  const sql = connect(database.url, { max: 1, onnotice: () => {} });
  try {
    const server = await serverVersion(sql);
    assertClientNotOlder(pgDump, server);
    // Backups hold personal data: only their owner reads them.
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, backupName(new Date()));
    const partial = `${file}.part`;
    try {
      // pg_dump dumps the snapshot this transaction exported, so the counts below are exactly what it holds.
      const contents = await sql.begin("isolation level repeatable read read only", async (tx) => {
        const [{ snapshot }] = await tx<{ snapshot: string }[]>`select pg_export_snapshot() as snapshot`;
        const counted = await countContents(tx);
        const conn = connectionFor(database.url);
        await run(pgDump.path, ["--format=custom", `--snapshot=${snapshot}`, `--file=${partial}`, `--dbname=${conn.dbname}`], conn.env);
        return counted;
      });
      await chmod(partial, 0o600);
      const manifest: BackupManifest = {
        createdAt: new Date().toISOString(),
        server: server.version,
        pgDump: pgDump.version,
        sha256: await sha256OfFile(partial),
        ...contents,
      };
      await writeFile(manifestPathOf(file), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
      // Only a complete dump ever carries the name a restore or the pruning looks for.
      await rename(partial, file);
      const { size } = await stat(file);
      const rows = Object.values(contents.tables).reduce((a, b) => a + b, 0);
      console.log(
        `Säkerhetskopian är skriven: ${file} (${(size / 1e6).toFixed(1)} MB, ${rows} rader i ${
          Object.keys(contents.tables).length
        } tabeller, ${contents.largeObjects} stora objekt med mötesdokument).`
      );
    } finally {
      await rm(partial, { force: true });
    }
    const removed = await prune(dir, keep);
    if (removed.length) console.log(`Tog bort ${removed.length} äldre säkerhetskopior; de ${keep} senaste finns kvar.`);
  } finally {
    await sql.end();
    await database.stop();
  }
});

function keepFrom(value: string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_KEEP;
  const keep = Number(value);
  if (!Number.isInteger(keep) || keep < 1)
    throw new ToolError(`BACKUP_KEEP=${value}: ange hur många säkerhetskopior som ska sparas, ett heltal från 1.`);
  return keep;
}

/** Removes all but the newest `keep` backups (with their manifests) in `dir`; other files are left alone. */
async function prune(dir: string, keep: number): Promise<string[]> {
  const backups = (await readdir(dir)).filter((name) => name.startsWith(BACKUP_PREFIX) && name.endsWith(BACKUP_EXTENSION)).sort();
  const old = backups.slice(0, Math.max(0, backups.length - keep)).map((name) => path.join(dir, name));
  for (const file of old) {
    await rm(file);
    await rm(manifestPathOf(file), { force: true });
  }
  return old;
}
