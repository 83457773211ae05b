import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrations } from "../../db/migrate";
import { freshDatabase, type TestDatabase } from "../support/db";

describe("migrations", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase({ migrated: false });
  });
  afterAll(() => t.drop());

  it("apply to an empty database and are idempotent", async () => {
    await runMigrations(t.db);
    const tables = await t.sql<{ table_name: string }[]>`
      select table_name from information_schema.tables where table_schema = 'public' order by 1`;
    expect(tables.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(["users", "sessions", "invitations", "login_attempts", "outbox", "audit_log", "partnerships", "parties", "organisations"]),
    );
    const [{ n: applied }] = await t.sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;

    await runMigrations(t.db);
    const [{ n: again }] = await t.sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
    expect(again).toBe(applied);
    expect(applied).toBeGreaterThanOrEqual(2);
  });

  it("make the audit trail append-only", async () => {
    await t.sql`insert into audit_log (action) values ('test')`;
    await expect(t.sql`update audit_log set action = 'changed'`).rejects.toThrow(/append-only/);
    await expect(t.sql`delete from audit_log`).rejects.toThrow(/append-only/);
  });

  it("treat e-mail addresses as unique regardless of case", async () => {
    await t.sql`insert into users (email, name, password_hash) values ('Anna@Kommun.se', 'Anna', 'x')`;
    await expect(t.sql`insert into users (email, name, password_hash) values ('anna@kommun.se', 'Anna', 'x')`).rejects.toThrow(
      /users_email_lower_idx/,
    );
  });
});
