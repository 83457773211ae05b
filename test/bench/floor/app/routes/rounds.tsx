import type { LoaderFunctionArgs } from "@remix-run/node";
import { connect } from "../../../../../db/client";
import { loader as items } from "./items";

/**
 * The floor plus a data page's trips to PostgreSQL: one query, then n − 1 at once, as Samråd's
 * pages look up the session and then run their loaders' queries in parallel. Each query is a
 * prepared `select`, as cheap as a query can be, so this is what any page making n queries could
 * reach at best on this machine, PostgreSQL sharing its cores. DATABASE_URL is Samråd's database
 * (the bench sets it), over the Unix socket as Samråd connects; the pool has Samråd's size (db/client.ts).
 */
const sql = connect(process.env.DATABASE_URL ?? "", { max: 10, onnotice: () => {} });

export async function loader({ params }: LoaderFunctionArgs) {
  const n = Math.min(Math.max(Number(params.n) || 1, 1), 20);
  await sql`select 1 as session`;
  await Promise.all(Array.from({ length: n - 1 }, (_, i) => sql`select ${i}::int as panel`));
  return items();
}

export { default } from "./items";
