import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = ReturnType<typeof createDb>["db"];

export function createDb(url: string, options: { max?: number; onQuery?: (query: string) => void } = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Lets tests count the queries a page makes (no N+1); unset in normal running.
    debug: options.onQuery ? (_connection, query) => options.onQuery!(query) : undefined,
  });
  const db = drizzle(sql, { schema });
  return { sql, db };
}

/** A transaction handle, for helpers that write inside their caller's transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
