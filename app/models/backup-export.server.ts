import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import type { Db } from "../db.server";
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  type BackupHeader,
  databaseSchemaVersion,
  dataDirFiles,
  isSecretFile,
  quoteIdent,
  sessionSettingsForBackup,
  workspaceTables,
} from "./backup.server";
import { rowsOf } from "./rows.server";

export interface ExportSummary {
  file: string;
  bytes: number;
  tables: { name: string; rows: number }[];
  rows: number;
  files: string[];
  secrets: boolean;
}

const FETCH_ROWS = 1000;

/**
 * Writes the whole workspace to `file`: every table's rows from one snapshot (a repeatable-read,
 * read-only transaction) streamed through a cursor, then the files from `dataDir` a restore needs.
 * The file appears only once complete (written beside it, then renamed).
 */
export async function exportWorkspace({
  db,
  file,
  dataDir,
  source,
  secrets = true,
}: {
  db: Db;
  file: string;
  /** DATA_DIR, for the signing certificate, the session secret and the outbox files; none when absent. */
  dataDir?: string;
  /** Where the data comes from, for the header: "pglite" or "postgres". */
  source: string;
  /** Whether the signing key and the session secret go in. */
  secrets?: boolean;
}): Promise<ExportSummary> {
  const partial = `${file}.partial-${process.pid}`;
  const out = fs.createWriteStream(partial);
  const gzip = zlib.createGzip({ level: 6 });
  const done = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
    gzip.on("error", reject);
  });
  gzip.pipe(out);
  const write = async (line: string) => {
    if (!gzip.write(line + "\n")) await new Promise<void>((resolve) => gzip.once("drain", resolve));
  };

  const summary: ExportSummary = { file, bytes: 0, tables: [], rows: 0, files: [], secrets: false };
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read, read only`);
      await sessionSettingsForBackup(tx);
      const schema = await databaseSchemaVersion(tx);
      if (!schema) throw new BackupError("The database has no Charter schema yet: there is nothing to export.");
      const tables = await workspaceTables(tx);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        schema,
        exportedAt: new Date().toISOString(),
        source,
        tables: tables.map((t) => t.name),
        secrets: false,
      };
      const files = dataDir ? dataDirFiles(dataDir, { secrets }) : [];
      header.secrets = files.some(isSecretFile);
      await write(JSON.stringify(header));

      for (const table of tables) {
        const t = quoteIdent(table.name);
        const order = table.primaryKey.length ? table.primaryKey.map(quoteIdent).join(", ") : "1";
        await write(JSON.stringify({ $table: table.name, columns: table.columns.map((c) => c.name) }));
        await tx.execute(sql.raw(`declare charter_backup no scroll cursor for select row_to_json(t)::text as j from ${t} t order by ${order}`));
        // The table's fingerprint as tableFingerprint computes it in SQL, from the rows as they stream past.
        const hashes: string[] = [];
        for (;;) {
          const batch = rowsOf<{ j: string }>(await tx.execute(sql.raw(`fetch forward ${FETCH_ROWS} from charter_backup`)));
          for (const { j } of batch) hashes.push(createHash("md5").update(j).digest("hex"));
          if (batch.length) await write(batch.map((r) => r.j).join("\n"));
          if (batch.length < FETCH_ROWS) break;
        }
        await tx.execute(sql.raw(`close charter_backup`));
        const rows = hashes.length;
        const md5 = createHash("md5").update(hashes.sort().join("")).digest("hex");
        await write(JSON.stringify({ $end: table.name, rows, md5 }));
        summary.tables.push({ name: table.name, rows });
        summary.rows += rows;
      }

      for (const name of files) {
        const stat = fs.statSync(path.join(dataDir!, name));
        const bytes = fs.readFileSync(path.join(dataDir!, name));
        await write(JSON.stringify({ $file: name, mode: stat.mode & 0o777, base64: bytes.toString("base64") }));
        summary.files.push(name);
      }
      summary.secrets = header.secrets;
      await write(JSON.stringify({ $trailer: true, tables: tables.length, rows: summary.rows, files: files.length }));
    });
    gzip.end();
    await done;
    fs.renameSync(partial, file);
    summary.bytes = fs.statSync(file).size;
    return summary;
  } catch (error) {
    gzip.destroy();
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}
