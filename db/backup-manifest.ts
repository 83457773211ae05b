import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import type postgres from "postgres";

/**
 * What a backup holds, counted in the very snapshot pg_dump dumped (decision 027): a restore is
 * checked against it, table by table, so a dump that lost rows or documents on the way is noticed.
 */
export interface BackupManifest {
  createdAt: string;
  server: string;
  pgDump: string;
  /** SHA-256 of the dump file, checked before anything is restored. */
  sha256: string;
  /** Rows per table, as "schema.table". */
  tables: Record<string, number>;
  largeObjects: number;
}

export const BACKUP_PREFIX = "samrad-";
export const BACKUP_EXTENSION = ".dump";

/** samrad-2026-12-01T02-00-00-000Z.dump: names sort as the backups were made. */
export function backupName(at: Date) {
  return `${BACKUP_PREFIX}${at.toISOString().replace(/[:.]/g, "-")}${BACKUP_EXTENSION}`;
}

export function manifestPathOf(dumpPath: string) {
  return `${dumpPath.endsWith(BACKUP_EXTENSION) ? dumpPath.slice(0, -BACKUP_EXTENSION.length) : dumpPath}.json`;
}

export async function readManifest(dumpPath: string): Promise<BackupManifest | undefined> {
  const text = await readFile(manifestPathOf(dumpPath), "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  return text === undefined ? undefined : (JSON.parse(text) as BackupManifest);
}

/** Every table outside PostgreSQL's own schemas with its row count, and the number of large objects. */
export async function countContents(sql: postgres.Sql | postgres.TransactionSql): Promise<Pick<BackupManifest, "tables" | "largeObjects">> {
  const names = await sql<{ name: string }[]>`
    select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_(toast|temp)'
    order by 1`;
  const counts = names.length
    ? await sql.unsafe<{ name: string; n: number }[]>(
        names.map(({ name }, i) => `select $${i + 1}::text as name, count(*)::int as n from ${name}`).join(" union all "),
        names.map((r) => r.name)
      )
    : [];
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from pg_largeobject_metadata`;
  return { tables: Object.fromEntries(counts.map((r) => [r.name, r.n])), largeObjects: n };
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest("hex");
}
