import { sql } from "drizzle-orm";
import { freshPostgresDatabase } from "../../scripts/fresh-database";
import { beforeAll, beforeEach } from "vitest";
import { db, dbHandle, openDatabase } from "../../app/db.server";

const TABLES = [
  "audit_events",
  "sessions",
  "login_failures",
  "login_lockouts",
  "stakeholders",
  "users",
  "business_units",
  "workspace",
];

beforeAll(async () => {
  if (dbHandle()) return;
  const url = process.env.DATABASE_URL;
  const name = `charter_t_${process.env.CHARTER_TEST_RUN ?? "x"}_${process.pid}`;
  await openDatabase(url ? { url: await freshPostgresDatabase(url, name) } : { pgliteDir: "memory://" });
});

beforeEach(async () => {
  // Empty every table; the audit table refuses TRUNCATE unless triggers are off for this statement.
  await db().transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql.raw(`truncate ${TABLES.join(", ")} restart identity cascade`));
  });
});
