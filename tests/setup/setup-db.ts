import { sql } from "drizzle-orm";
import postgres from "postgres";
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

async function freshPostgresDatabase(url: string): Promise<string> {
  const name = `charter_t_${process.env.CHARTER_TEST_RUN ?? "x"}_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

beforeAll(async () => {
  if (dbHandle()) return;
  const url = process.env.DATABASE_URL;
  await openDatabase(url ? { url: await freshPostgresDatabase(url) } : { pgliteDir: "memory://" });
});

beforeEach(async () => {
  // Empty every table; the audit table refuses TRUNCATE unless triggers are off for this statement.
  await db().transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql.raw(`truncate ${TABLES.join(", ")} restart identity cascade`));
  });
});
