import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Executor } from "../db.server";
import { defaultMigrationsFolder } from "../db.server";
import { rowsOf } from "./rows.server";

/**
 * A workspace backup is one gzip'd JSON-lines file, the same whichever database made it or takes it:
 *
 *   {"format":"charter-backup","version":1,"schema":{…},"exportedAt":…,"tables":[…]}   the header
 *   {"$table":"users","columns":[…]}                                                   each table, parents first
 *   {"id":…,"email":…}                                                                  its rows, as row_to_json prints them
 *   {"$end":"users","rows":12,"md5":"…"}
 *   {"$file":"signing/charter-signing.p12","mode":384,"base64":"…"}                     files from DATA_DIR
 *   {"$trailer":true,"tables":52,"rows":1234,"files":3}
 *
 * Rows are PostgreSQL's own JSON text, never parsed in JavaScript: numerics keep every digit, bytea
 * travels as hex, timestamps with their microseconds (in UTC), and json_populate_recordset turns them
 * back with the column types' own input functions.
 */
export const BACKUP_FORMAT = "charter-backup";
export const BACKUP_VERSION = 1;

/** A refusal or a bad file: the scripts print the message alone, on one line, and exit 1. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

export interface SchemaVersion {
  /** The last migration applied, e.g. "0014_audit_privileges". */
  migration: string;
  /** Its position in migrations/meta/_journal.json. */
  index: number;
  /** Its journal time, which drizzle records in drizzle.__drizzle_migrations.created_at. */
  when: number;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  schema: SchemaVersion;
  exportedAt: string;
  source: string;
  tables: string[];
  secrets: boolean;
}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

export function migrationJournal(folder = defaultMigrationsFolder()): JournalEntry[] {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: JournalEntry[] };
  return journal.entries;
}

/** This build's newest migration. */
export function buildSchemaVersion(folder = defaultMigrationsFolder()): SchemaVersion {
  const entries = migrationJournal(folder);
  const last = entries[entries.length - 1]!;
  return { migration: last.tag, index: entries.length - 1, when: last.when };
}

/** The last migration applied to a database, or null when it was never migrated. */
export async function databaseSchemaVersion(db: Executor, folder = defaultMigrationsFolder()): Promise<SchemaVersion | null> {
  const [exists] = rowsOf<{ t: string | null }>(await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`));
  if (!exists?.t) return null;
  const [row] = rowsOf<{ created_at: string | number }>(
    await db.execute(sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`),
  );
  if (!row) return null;
  const when = Number(row.created_at);
  const entries = migrationJournal(folder);
  const index = entries.findIndex((e) => e.when === when);
  if (index < 0) {
    throw new BackupError("The database was migrated by a newer Charter than this one (its last migration is not in migrations/): use that version.");
  }
  return { migration: entries[index]!.tag, index, when };
}

export interface TableInfo {
  name: string;
  columns: { name: string; generated: boolean; identityAlways: boolean }[];
  primaryKey: string[];
  /** Tables this one's foreign keys point at (itself left out). */
  parents: string[];
  selfReferencing: boolean;
  hasUserTriggers: boolean;
}

/** Every table of the public schema, parents before the tables that refer to them. */
export async function workspaceTables(db: Executor): Promise<TableInfo[]> {
  const rows = rowsOf<{
    name: string;
    columns: { name: string; generated: string; identity: string }[];
    pk: string[] | null;
    parents: string[] | null;
    triggers: number | string;
  }>(
    await db.execute(sql`
      select c.relname as name,
        (select json_agg(json_build_object('name', a.attname, 'generated', a.attgenerated::text, 'identity', a.attidentity::text) order by a.attnum)
           from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
        (select json_agg(a.attname order by k.ord)
           from pg_index i cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
           join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
           where i.indrelid = c.oid and i.indisprimary) as pk,
        (select json_agg(distinct p.relname) from pg_constraint f join pg_class p on p.oid = f.confrelid
           where f.conrelid = c.oid and f.contype = 'f') as parents,
        (select count(*) from pg_trigger t where t.tgrelid = c.oid and not t.tgisinternal) as triggers
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by c.relname`),
  );
  const tables = rows.map<TableInfo>((r) => ({
    name: r.name,
    columns: r.columns.map((c) => ({ name: c.name, generated: c.generated !== "", identityAlways: c.identity === "a" })),
    primaryKey: r.pk ?? [],
    parents: (r.parents ?? []).filter((p) => p !== r.name),
    selfReferencing: (r.parents ?? []).includes(r.name),
    hasUserTriggers: Number(r.triggers) > 0,
  }));
  return parentsFirst(tables);
}

/** Orders tables so each comes after every table it refers to (alphabetical among equals). */
function parentsFirst(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const ordered: TableInfo[] = [];
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t.name) && t.parents.every((p) => done.has(p) || !byName.has(p)));
    if (ready.length === 0) {
      const left = tables.filter((t) => !done.has(t.name)).map((t) => t.name);
      throw new BackupError(`The tables ${left.join(", ")} refer to each other in a loop; a backup cannot order them.`);
    }
    for (const t of ready) {
      done.add(t.name);
      ordered.push(t);
    }
  }
  return ordered;
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A table's fingerprint: its row count and the MD5 of its rows' MD5s in sorted order, so it does
 * not depend on row order or on the database's collation. Rows as row_to_json prints them in UTC.
 * Call inside a transaction that has run `sessionSettingsForBackup`.
 */
export async function tableFingerprint(db: Executor, table: string): Promise<{ rows: number; md5: string }> {
  const t = quoteIdent(table);
  const [row] = rowsOf<{ rows: string | number; md5: string | null }>(
    await db.execute(
      sql.raw(`select count(*) as rows, md5(coalesce(string_agg(h, '' order by h collate "C"), '')) as md5
               from (select md5(row_to_json(t)::text) as h from ${t} t) s`),
    ),
  );
  return { rows: Number(row!.rows), md5: row!.md5 ?? "" };
}

/** Settings that make row_to_json print the same text on every server: timestamps in UTC, full float digits. */
export async function sessionSettingsForBackup(tx: Executor) {
  await tx.execute(sql`set local timezone = 'UTC'`);
  await tx.execute(sql`set local intervalstyle = 'postgres'`);
  await tx.execute(sql`set local extra_float_digits = 1`);
  await tx.execute(sql`set local datestyle = 'ISO, YMD'`);
}

/** Files from DATA_DIR that go into a backup: the name inside DATA_DIR and whether it is a secret. */
export const BACKUP_FILE_NAME = /^(session-secret|signing\/charter-signing\.(p12|password)|outbox\/[A-Za-z0-9][A-Za-z0-9._@+-]*\.eml)$/;
/** Left out by --no-secrets: the keys, and mail kept as files (a survey invitation's link opens someone's answers). */
export const isSecretFile = (name: string) => name === "session-secret" || name.startsWith("signing/") || name.startsWith("outbox/");

export function dataDirFiles(dataDir: string, { secrets }: { secrets: boolean }): string[] {
  const names: string[] = [];
  const add = (name: string) => {
    if (!BACKUP_FILE_NAME.test(name)) return;
    if (!secrets && isSecretFile(name)) return;
    if (fs.statSync(path.join(dataDir, name), { throwIfNoEntry: false })?.isFile()) names.push(name);
  };
  add("session-secret");
  add("signing/charter-signing.p12");
  add("signing/charter-signing.password");
  const outbox = path.join(dataDir, "outbox");
  if (fs.existsSync(outbox)) for (const f of fs.readdirSync(outbox).sort()) add(`outbox/${f}`);
  return names;
}
