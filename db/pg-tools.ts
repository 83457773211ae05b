import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";
import type postgres from "postgres";
import { ConfigError } from "../app/config.server";

/** A failure the operator has to act on: the message says what, and the tool exits non-zero. */
export class ToolError extends Error {}

export interface PgClient {
  name: string;
  path: string;
  version: string;
  major: number;
}

/** pg_dump or pg_restore as found on PATH, with its version. */
export async function pgClient(name: "pg_dump" | "pg_restore"): Promise<PgClient> {
  const found = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .find(isExecutable);
  if (!found) {
    throw new ToolError(
      `${name} finns inte på PATH. Installera PostgreSQL:s klientprogram (Debian/Ubuntu: apt-get install postgresql-client) i serverns version eller nyare.`
    );
  }
  const output = await run(found, ["--version"]);
  const version = /\(PostgreSQL\) (\S+)/.exec(output)?.[1];
  if (!version) throw new ToolError(`${found} --version svarade inte som ${name}: ${output.trim()}`);
  return { name, path: found, version, major: Number.parseInt(version, 10) };
}

function isExecutable(file: string) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function serverVersion(sql: postgres.Sql) {
  const [row] = await sql<{ version: string; major: number }[]>`
    select current_setting('server_version') as version, current_setting('server_version_num')::int / 10000 as major`;
  return row;
}

/** pg_dump refuses a server newer than itself; say so before it does, and what to install. */
export function assertClientNotOlder(client: PgClient, server: { version: string; major: number }) {
  if (server.major > client.major) {
    throw new ToolError(
      `PostgreSQL-servern är version ${server.version} men ${client.name} (${client.path}) är version ${client.version}: ` +
        `${client.name} kan inte arbeta mot en nyare server. Installera klientprogrammen för PostgreSQL ${server.major} ` +
        `(t.ex. postgresql-client-${server.major}) och lägg dem före ${path.dirname(client.path)} på PATH.`
    );
  }
}

/** libpq's arguments for `url`; the password goes in PGPASSWORD, not on a command line every local user can read. */
export function connectionFor(url: string) {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  const env: Record<string, string> = password ? { PGPASSWORD: password } : {};
  return { dbname: u.toString(), env };
}

/** Runs a program to its end; its standard output is returned, a non-zero exit is a ToolError with what it wrote. */
export function run(file: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.on("error", (error) => reject(new ToolError(`${path.basename(file)} kunde inte startas: ${error.message}`)));
    child.on("close", (code, signal) => {
      if (code === 0) return resolve(Buffer.concat(out).toString("utf8"));
      reject(new ToolError(`${path.basename(file)} misslyckades (${signal ?? `slutkod ${code}`}):\n${err.trim()}`));
    });
  });
}

/**
 * Runs a tool's main and exits: 0 when it succeeded, 1 otherwise, with the operator's message as it
 * is and anything unexpected with its stack. Exiting outright means a cron job never hangs on a handle.
 */
export async function runTool(main: () => Promise<void>) {
  try {
    await main();
    process.exit(0);
  } catch (error) {
    console.error(error instanceof ToolError || error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}
