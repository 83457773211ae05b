import { connect } from "./client";
import { runningEmbeddedUrl, startEmbeddedPostgres } from "./embedded";

export interface DatabaseLocation {
  url: string;
  /** Stops the embedded server when we started one; a no-op for an external DATABASE_URL. */
  stop: () => Promise<void>;
}

/** DATABASE_URL when given, otherwise an embedded server with its data under `dataDir`. */
export async function locateDatabase(env: {
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
}): Promise<DatabaseLocation> {
  if (env.databaseUrl) return { url: env.databaseUrl, stop: async () => {} };
  const server = await startEmbeddedPostgres(`${env.dataDir}/pg`, env.embeddedPgPort);
  await createDatabaseIfMissing(server.url("postgres"), "samrad");
  return { url: server.socketUrl("samrad"), stop: server.stop };
}

/**
 * The same database for a tool run beside Samråd (backups): the embedded server Samråd is running
 * is used as it is, never restarted; only when none runs is it started for the while, as Samråd would.
 */
export async function attachDatabase(env: { databaseUrl?: string; dataDir: string; embeddedPgPort: number }): Promise<DatabaseLocation> {
  const running = env.databaseUrl ? undefined : await runningEmbeddedUrl(`${env.dataDir}/pg`, "samrad");
  return running ? { url: running, stop: async () => {} } : locateDatabase(env);
}

export async function createDatabaseIfMissing(adminUrl: string, name: string, template?: string) {
  const sql = connect(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select 1 as found from pg_database where datname = ${name}`;
    if (!row) {
      await sql.unsafe(`create database "${name}"${template ? ` template "${template}"` : ""}`);
    }
  } finally {
    await sql.end();
  }
}
