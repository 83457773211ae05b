import { readConfig } from "../app/config.server";
import { createDb } from "./client";
import { locateDatabase } from "./database";
import { runMigrations } from "./migrate";

const database = await locateDatabase(readConfig());
const { db, sql } = createDb(database.url, { max: 1 });
try {
  await runMigrations(db);
  console.log("Migreringarna är tillämpade.");
} finally {
  await sql.end();
  await database.stop();
}
