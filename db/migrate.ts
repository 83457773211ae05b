import { migrate } from "drizzle-orm/postgres-js/migrator";
import { fileURLToPath } from "node:url";
import type { Db } from "./client";

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/** Applies the committed drizzle-kit migrations; already applied ones are skipped. */
export async function runMigrations(db: Db) {
  await migrate(db, { migrationsFolder });
}
