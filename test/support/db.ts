import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { createDb, type Db } from "../../db/client";
import { createDatabaseIfMissing } from "../../db/database";
import { withDatabase } from "./global-db";

export interface TestDatabase {
  url: string;
  name: string;
  db: Db;
  sql: postgres.Sql;
  drop: () => Promise<void>;
}

/** A fresh, migrated database of this test file's own (copied from the run's template). */
export async function freshDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  const name = `samrad_t_${randomBytes(6).toString("hex")}`;
  await createDatabaseIfMissing(adminUrl, name, options.migrated === false ? undefined : inject("pgTemplate"));
  const url = withDatabase(adminUrl, name);
  const { db, sql } = createDb(url, { max: 4 });
  return {
    url,
    name,
    db,
    sql,
    drop: async () => {
      await sql.end();
      await dropDatabase(name);
    },
  };
}

export async function dropDatabase(name: string) {
  const admin = postgres(inject("pgAdminUrl"), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
