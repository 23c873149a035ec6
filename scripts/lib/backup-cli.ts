import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDatabase, DatabaseUnreachableError, defaultMigrationsFolder, openDatabase, type DbHandle } from "../../app/db.server";
import { BackupError, migrationJournal } from "../../app/models/backup.server";
import { DataDirInUseError } from "../../app/utils/data-dir-lock.server";
import { EnvError } from "../../app/utils/env.server";
import { databaseOptionsFromEnv } from "../../server/open-database";

/**
 * Opens the database the app would use (DATABASE_URL, else PGlite in DATA_DIR): migrated with
 * `migrationsFolder` to import into it, or as it is (`migrate: false`) to export it, so that a
 * newer checkout never changes the schema under the Charter that serves the database.
 */
export async function openForBackup(migrationsFolder = defaultMigrationsFolder(), { migrate = true } = {}): Promise<DbHandle> {
  try {
    return await openDatabase({ ...databaseOptionsFromEnv(), migrationsFolder, migrate });
  } catch (error) {
    if (error instanceof EnvError || error instanceof DatabaseUnreachableError || error instanceof DataDirInUseError) {
      throw new BackupError(error.message);
    }
    throw error;
  }
}

/**
 * A migrations folder holding only the first `index + 1` migrations of this build, so a database can
 * be brought to an older export's schema, loaded, and then migrated forward with its data.
 */
export function migrationsUpTo(index: number): { folder: string; remove: () => void } {
  const source = defaultMigrationsFolder();
  const entries = migrationJournal(source);
  if (index >= entries.length - 1) return { folder: source, remove: () => {} };
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "charter-migrations-"));
  const journal = JSON.parse(fs.readFileSync(path.join(source, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  fs.mkdirSync(path.join(folder, "meta"));
  fs.writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, index + 1) }));
  for (const e of entries.slice(0, index + 1)) fs.copyFileSync(path.join(source, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  return { folder, remove: () => fs.rmSync(folder, { recursive: true, force: true }) };
}

/** Runs a backup command: a refusal or a bad file is one line on stderr and exit code 1, never a stack trace. */
export async function runBackupCommand(main: () => Promise<number | void>) {
  let code = 0;
  try {
    code = (await main()) ?? 0;
  } catch (error) {
    if (error instanceof BackupError) console.error(error.message);
    else console.error(`Failed: ${(error as Error)?.message ?? String(error)}`.split("\n")[0]);
    code = 1;
  } finally {
    await closeDatabase().catch(() => {});
  }
  process.exit(code);
}

export const formatBytes = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(0)} kB` : `${n} bytes`;
