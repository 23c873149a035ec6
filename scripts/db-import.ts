import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { defaultMigrationsFolder } from "../app/db.server";
import { verifyAuditChain } from "../app/models/audit.server";
import { BackupError, buildSchemaVersion } from "../app/models/backup.server";
import { importWorkspace } from "../app/models/backup-import.server";
import { inspectBackup } from "../app/models/backup-read.server";
import { env } from "../app/utils/env.server";
import { migrationsUpTo, openForBackup, runBackupCommand } from "./lib/backup-cli";

/**
 * npm run db:import -- <file> [--replace]
 * Loads a db:export file into the database the app would use, all or nothing, then checks the audit chain.
 */
runBackupCommand(async () => {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith("--")));
  const positional = args.filter((a) => !a.startsWith("--"));
  if ([...flags].some((f) => f !== "--replace") || positional.length !== 1) {
    throw new BackupError("Usage: npm run db:import -- <file> [--replace]");
  }
  const file = positional[0]!;
  const started = Date.now();
  // The whole file is read and checked before the database is even opened: a bad file writes nothing.
  const contents = await inspectBackup(file);
  const { header } = contents;
  const build = buildSchemaVersion();
  // A fresh database is migrated to the file's schema, loaded, then migrated forward with its data.
  const migrations = migrationsUpTo(header.schema.index);
  let handle;
  try {
    handle = await openForBackup(migrations.folder);
  } finally {
    migrations.remove();
  }
  const summary = await importWorkspace({ db: handle.db, file, replace: flags.has("--replace"), dataDir: env().DATA_DIR, contents });
  if (header.schema.index < build.index) {
    if (handle.driver === "pglite") await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: defaultMigrationsFolder() });
    else await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: defaultMigrationsFolder() });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `Imported ${file} (exported ${header.exportedAt} from ${header.source}, schema ${header.schema.migration}) into ${handle.driver}: ${handle.location}: ` +
      `${summary.tables} tables, ${summary.rows.toLocaleString("en-GB")} rows${summary.replaced ? ", replacing what the database held" : ""}, in ${seconds} s.`,
  );
  if (header.schema.index < build.index) console.log(`  Migrated forward from ${header.schema.migration} to ${build.migration}.`);
  for (const f of summary.files) {
    if (f.outcome === "replaced") console.log(`  ${f.name} restored into DATA_DIR; the one there before is kept as ${f.keptAs}.`);
  }
  const written = summary.files.filter((f) => f.outcome === "written").length;
  const unchanged = summary.files.filter((f) => f.outcome === "unchanged").length;
  if (summary.files.length) console.log(`  Files in DATA_DIR: ${written} written, ${unchanged} already there.`);
  const report = await verifyAuditChain(handle.db);
  if (report.ok) {
    console.log(`Audit trail OK: ${report.checked} events, chain intact. Last hash ${report.lastHash}.`);
    return 0;
  }
  console.error(`Audit trail BROKEN at event #${report.seq}: ${report.reason}. ${report.checked} events before it hold.`);
  return 1;
});
