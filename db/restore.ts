// npm run db:restore -- <säkerhetskopia.dump> <databas-url> [--force]: restores a backup made by
// db/backup.ts into a database and checks the result against the backup's manifest (decision 027).
import { readFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type postgres from "postgres";
import { connect } from "./client";
import { countContents, readManifest, sha256OfFile, type BackupManifest } from "./backup-manifest";
import { connectionFor, pgClient, run, runTool, ToolError } from "./pg-tools";

const USAGE = "Användning: npm run db:restore -- <säkerhetskopia.dump> <databas-url> [--force]";

await runTool(async () => {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const [file, target, ...rest] = args.filter((a) => a !== "--force");
  if (!file || !target || rest.length) throw new ToolError(USAGE);
  if (!/^postgres(ql)?:\/\//.test(target))
    throw new ToolError(`${target}: ange måldatabasen som en URL, postgres://användare@värd:5432/databas.\n${USAGE}`);
  if (!(await stat(file).catch(() => undefined))?.isFile()) throw new ToolError(`Säkerhetskopian ${file} finns inte.`);

  const manifest = await readManifest(file);
  if (manifest && (await sha256OfFile(file)) !== manifest.sha256) {
    throw new ToolError(`${file} stämmer inte med sitt manifest (SHA-256): filen är skadad eller ändrad. Inget har återställts.`);
  }
  if (!manifest)
    console.warn(
      `Inget manifest bredvid ${file}: raderna kan inte jämföras med vad säkerhetskopian innehöll; bara dokumenten och migreringarna kontrolleras.`
    );
  const pgRestore = await pgClient("pg_restore");
  if (manifest && Number.parseInt(manifest.pgDump, 10) > pgRestore.major) {
    throw new ToolError(
      `Säkerhetskopian är gjord med pg_dump ${manifest.pgDump} men pg_restore (${pgRestore.path}) är version ${pgRestore.version}: ` +
        `installera klientprogrammen för PostgreSQL ${Number.parseInt(manifest.pgDump, 10)} eller nyare.`
    );
  }
  // Reads the archive's table of contents: a file that is not a whole custom-format dump fails here, before the target is touched.
  await run(pgRestore.path, ["--list", file]);

  const name = decodeURIComponent(new URL(target).pathname.slice(1));
  const sql = connect(target, { max: 1, onnotice: () => {} });
  try {
    const found = await occupancy(sql);
    if (found.relations || found.largeObjects) {
      const what = `${found.relations} tabeller och sekvenser, ${found.largeObjects} stora objekt`;
      if (!force)
        throw new ToolError(
          `Måldatabasen ${name} är inte tom (${what}). Inget har ändrats. Ange --force för att ersätta dess innehåll med säkerhetskopian.`
        );
      console.log(`--force: tömmer ${name} (${what}) före återställningen.`);
      await empty(sql);
    }
    const conn = connectionFor(target);
    // One transaction: a restore that fails part-way leaves the database as it was.
    await run(
      pgRestore.path,
      ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${conn.dbname}`, file],
      conn.env
    );
    const report = await verify(sql, manifest);
    console.log(`Säkerhetskopian ${file} är återställd i ${name}.`);
    for (const line of report) console.log(`  ${line}`);
  } finally {
    await sql.end();
  }
});

async function occupancy(sql: postgres.Sql) {
  const [row] = await sql<{ relations: number; largeObjects: number }[]>`
    select (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p', 'v', 'm', 'S') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_(toast|temp)') as relations,
           (select count(*)::int from pg_largeobject_metadata) as "largeObjects"`;
  return row;
}

/** Drops every schema of the database's own (public is made anew: pg_dump does not recreate it) and every large object. */
async function empty(sql: postgres.Sql) {
  await sql.begin(async (tx) => {
    const schemas = await tx<{ name: string }[]>`
      select nspname as name from pg_namespace where nspname not in ('information_schema') and nspname !~ '^pg_'`;
    for (const { name } of schemas) await tx.unsafe(`drop schema "${name.replace(/"/g, '""')}" cascade`);
    await tx`create schema public`;
    await tx`select lo_unlink(oid) from pg_largeobject_metadata`;
  });
}

/** Compares what was restored with the manifest; every difference is an error, the rest is reported. */
async function verify(sql: postgres.Sql, manifest: BackupManifest | undefined): Promise<string[]> {
  const problems: string[] = [];
  const report: string[] = [];
  if (manifest) {
    const restored = await countContents(sql);
    for (const [table, rows] of Object.entries(manifest.tables)) {
      if (restored.tables[table] !== rows)
        problems.push(`${table}: ${restored.tables[table] ?? "saknas"} rader, säkerhetskopian har ${rows}`);
    }
    if (restored.largeObjects !== manifest.largeObjects)
      problems.push(`${restored.largeObjects} stora objekt, säkerhetskopian har ${manifest.largeObjects}`);
    const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
    report.push(
      `${rows} rader i ${Object.keys(manifest.tables).length} tabeller och ${
        manifest.largeObjects
      } stora objekt, som i säkerhetskopian från ${manifest.createdAt}.`
    );
  }

  const documents = await documentCheck(sql);
  if (documents.differing.length) problems.push(`dokument vars innehåll inte stämmer med sin SHA-256: ${documents.differing.join(", ")}`);
  else report.push(`Alla ${documents.checked} mötesdokument har samma innehåll (SHA-256) som när de laddades upp.`);

  const migrations = await migrationState(sql);
  if (!migrations) problems.push("migreringstabellen drizzle.__drizzle_migrations saknas: det här är ingen säkerhetskopia av Samråd");
  else report.push(migrations);

  if (problems.length) throw new ToolError(`Återställningen stämmer inte med säkerhetskopian:\n  ${problems.join("\n  ")}`);
  return report;
}

/** Each meeting document's large object hashed in the database and compared with the SHA-256 stored at upload. */
async function documentCheck(sql: postgres.Sql) {
  const [{ exists }] = await sql<{ exists: boolean }[]>`select to_regclass('public.meeting_documents') is not null as exists`;
  if (!exists) return { checked: 0, differing: [] };
  const rows = await sql<{ id: string; ok: boolean }[]>`
    select d.id, coalesce(m.oid is not null and encode(sha256(lo_get(d.content_oid)), 'hex') = d.sha256, false) as ok
    from meeting_documents d left join pg_largeobject_metadata m on m.oid = d.content_oid`;
  return { checked: rows.length, differing: rows.filter((r) => !r.ok).map((r) => r.id) };
}

/** Where the restored database stands against the migrations this version of Samråd has. */
async function migrationState(sql: postgres.Sql): Promise<string | undefined> {
  const [{ exists }] = await sql<{ exists: boolean }[]>`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`;
  if (!exists) return undefined;
  const [{ latest }] = await sql<{ latest: string | null }[]>`select max(created_at)::text as latest from drizzle.__drizzle_migrations`;
  if (latest === null) return undefined;
  const journal = JSON.parse(await readFile(fileURLToPath(new URL("./migrations/meta/_journal.json", import.meta.url)), "utf8")) as {
    entries: { when: number; tag: string }[];
  };
  const applied = journal.entries.filter((e) => e.when <= Number(latest)).length;
  const last = journal.entries[journal.entries.length - 1];
  if (Number(latest) > last.when)
    return `Säkerhetskopian är gjord av en nyare version av Samråd än den här (senaste migrering efter ${last.tag}): starta den versionen mot databasen.`;
  if (applied < journal.entries.length)
    return `Databasen har ${applied} av ${journal.entries.length} migreringar; Samråd tillämpar resten när den startar.`;
  return `Databasen har alla ${applied} migreringar (senast ${last.tag}).`;
}
