import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = ReturnType<typeof createDb>["db"];

/** Connections in a pool unless the caller asks for fewer. */
export const POOL_SIZE = 10;
const CONNECT_TIMEOUT_SECONDS = 3;
/** No query of ours runs long; one that does is waiting on a lock or an overloaded server. */
const STATEMENT_TIMEOUT_MS = 10_000;

export interface DbOptions {
  max?: number;
  onQuery?: (query: string) => void;
}

/**
 * postgres.js for a URL that may name a Unix socket directory as libpq does (`?host=/dir`, which
 * pg_dump and node-postgres read as well): postgres.js itself takes the directory only as an option.
 */
export function connect(url: string, options: postgres.Options<Record<string, postgres.PostgresType>> = {}) {
  const parsed = new URL(url);
  const socketDir = parsed.searchParams.get("host");
  if (!socketDir?.startsWith("/")) return postgres(url, options);
  parsed.searchParams.delete("host");
  return postgres(parsed.toString(), { ...options, host: socketDir });
}

export function createDb(url: string, options: DbOptions = {}) {
  const sql = connect(url, {
    max: options.max ?? POOL_SIZE,
    onnotice: () => {},
    // A database that is down or frozen fails fast instead of holding requests (and /healthz) for 30 s.
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    connection: {
      statement_timeout: STATEMENT_TIMEOUT_MS,
      // Every query is a prepared statement (postgres.js prepares by default, hot ones are named in
      // db/prepared.ts). PostgreSQL would plan some afresh on every run when it guesses a plan for the
      // given values beats its generic one: 0.3–0.9 ms of planning for a page query that runs in 0.1 ms.
      // Search, whose plans do depend on the words, asks for custom plans itself (decision 028).
      plan_cache_mode: "force_generic_plan",
    },
    // postgres.js's own back-off between failed connection attempts, but at most 1 s (not 20): the
    // app is answering 503 meanwhile and should be back within a second of the database.
    backoff: (retries: number) => Math.min(3 ** retries / 100, 1),
    // Lets tests count the queries a page makes (no N+1); unset in normal running.
    debug: options.onQuery ? (_connection, query) => options.onQuery!(query) : undefined,
  });
  const db = drizzle(sql, { schema });
  return { sql, db };
}

/** A transaction handle, for helpers that write inside their caller's transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
