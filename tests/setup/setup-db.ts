import { sql } from "drizzle-orm";
import { freshPostgresDatabase } from "../../scripts/fresh-database";
import { beforeAll, beforeEach } from "vitest";
import { db, dbHandle, openDatabase } from "../../app/db.server";


beforeAll(async () => {
  if (dbHandle()) return;
  const url = process.env.DATABASE_URL;
  const name = `charter_t_${process.env.CHARTER_TEST_RUN ?? "x"}_${process.pid}`;
  await openDatabase(url ? { url: await freshPostgresDatabase(url, name) } : { pgliteDir: "memory://" });
});

beforeEach(async () => {
  // Empty every table; the audit table refuses TRUNCATE unless triggers are off for this statement.
  // PGlite answers { rows }, postgres.js an array of rows.
  const result = (await db().execute(sql`select tablename from pg_tables where schemaname = 'public'`)) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { tablename: string }[];
  const names = rows.map((t) => `"${t.tablename}"`);
  await db().transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql.raw(`truncate ${names.join(", ")} restart identity cascade`));
  });
});
