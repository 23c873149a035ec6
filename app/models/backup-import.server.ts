import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Db, Executor } from "../db.server";
import { BackupError, databaseSchemaVersion, quoteIdent, sessionSettingsForBackup, tableFingerprint, type TableInfo, workspaceTables } from "./backup.server";
import { type BackupContents, inspectBackup, readBackup } from "./backup-read.server";
import { rowsOf } from "./rows.server";

export interface ImportSummary {
  tables: number;
  rows: number;
  replaced: boolean;
  files: { name: string; outcome: "written" | "unchanged" | "replaced"; keptAs?: string }[];
}

const BATCH_ROWS = 500;
const BATCH_BYTES = 1024 * 1024;

/** The tables that hold rows, with how many (at most one counted per table). */
async function tablesWithRows(db: Executor, tables: TableInfo[]): Promise<string[]> {
  const held: string[] = [];
  for (const t of tables) {
    const [row] = rowsOf<{ any: boolean }>(await db.execute(sql.raw(`select exists (select 1 from ${quoteIdent(t.name)}) as any`)));
    if (row?.any) held.push(t.name);
  }
  return held;
}

/**
 * Loads a backup into `db`, whose schema must be the file's (the script migrates an empty database to
 * it first). Refuses a database holding anything unless `replace`, which empties it in the same
 * transaction that loads the file: all or nothing. Each table's rows are checked against the file's
 * fingerprint before the transaction commits. Files for DATA_DIR are written only after that.
 */
export async function importWorkspace({
  db,
  file,
  replace = false,
  dataDir,
  contents,
}: {
  db: Db;
  file: string;
  replace?: boolean;
  dataDir?: string;
  /** The file already read through by inspectBackup, to save a second pass. */
  contents?: BackupContents;
}): Promise<ImportSummary> {
  const backup = contents ?? (await inspectBackup(file));
  const { header } = backup;
  const current = await databaseSchemaVersion(db);
  if (!current) throw new BackupError("The database has no Charter schema yet: migrate it first.");
  if (current.index !== header.schema.index) {
    throw new BackupError(
      current.index > header.schema.index
        ? `The file holds a workspace of schema ${header.schema.migration}, older than this database's (${current.migration}): import it into a new, empty database, which is then migrated forward with the data.`
        : `The file holds a workspace of schema ${header.schema.migration}, newer than this database's (${current.migration}): migrate the database first.`,
    );
  }
  const tables = await workspaceTables(db);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const missing = header.tables.filter((t) => !byName.has(t));
  if (missing.length) throw new BackupError(`The database has no table ${missing.join(", ")} that the file holds.`);
  const held = await tablesWithRows(db, tables);
  if (held.length && !replace) {
    throw new BackupError(
      `The database already holds a workspace (rows in ${held.length} tables, ${held.slice(0, 3).join(", ")}${held.length > 3 ? ", …" : ""}): nothing imported. Add --replace to empty it and load the file instead (everything in it now is lost).`,
    );
  }

  let currentTable = "";
  try {
    await db.transaction(async (tx) => {
      await sessionSettingsForBackup(tx);
      // The tables' own triggers refuse changes to records (the audit trail, frozen versions, sealed
      // documents, a closed round's scores): a restore writes those records as they were, so they
      // are off until the end of this transaction. Only the tables' owner may do this.
      const guarded = tables.filter((t) => t.hasUserTriggers);
      for (const t of guarded) await tx.execute(sql.raw(`alter table ${quoteIdent(t.name)} disable trigger user`));
      const granted: string[] = [];
      if (held.length) {
        // Nobody holds TRUNCATE on the audit trail, not even its owner (migration 0014); the owner
        // takes it for this transaction and gives it up again below.
        for (const t of tables) {
          const [p] = rowsOf<{ ok: boolean }>(await tx.execute(sql`select has_table_privilege(${quoteIdent(t.name)}, 'TRUNCATE') as ok`));
          if (!p?.ok) {
            await tx.execute(sql.raw(`grant truncate on ${quoteIdent(t.name)} to current_user`));
            granted.push(t.name);
          }
        }
        await tx.execute(sql.raw(`truncate ${tables.map((t) => quoteIdent(t.name)).join(", ")}`));
      }

      let table: TableInfo | undefined;
      let insertPrefix = "";
      let batch: string[] = [];
      let batchBytes = 0;
      const flush = async () => {
        if (!batch.length) return;
        const payload = `[${batch.join(",")}]`;
        batch = [];
        batchBytes = 0;
        await tx.execute(sql`${sql.raw(insertPrefix)}${payload}::json)`);
      };
      // A table that refers to itself is gathered in a temporary table and moved in one statement:
      // its foreign keys to itself are checked at that statement's end, whatever the rows' order.
      let moveFromStaging = "";
      for await (const record of readBackup(file)) {
        if (record.kind === "table") {
          table = byName.get(record.table)!;
          currentTable = table.name;
          const names = new Set(table.columns.map((c) => c.name));
          if (record.columns.length !== names.size || record.columns.some((c) => !names.has(c))) {
            throw new BackupError(`The file's table ${table.name} has other columns than this database's: nothing imported.`);
          }
          const columns = table.columns.filter((c) => !c.generated).map((c) => quoteIdent(c.name));
          const overriding = table.columns.some((c) => c.identityAlways) ? " overriding system value" : "";
          const t = quoteIdent(table.name);
          const into = `(${columns.join(", ")})`;
          const select = `select ${columns.join(", ")} from json_populate_recordset(null::${t}, `;
          if (table.selfReferencing) {
            await tx.execute(sql.raw(`create temporary table charter_backup_staging (like ${t}) on commit drop`));
            insertPrefix = `insert into charter_backup_staging ${into} ${select}`;
            moveFromStaging = `insert into ${t} ${into}${overriding} select ${columns.join(", ")} from charter_backup_staging`;
          } else {
            insertPrefix = `insert into ${t} ${into}${overriding} ${select}`;
            moveFromStaging = "";
          }
        } else if (record.kind === "row") {
          batch.push(record.json);
          batchBytes += record.json.length;
          if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) await flush();
        } else if (record.kind === "end") {
          await flush();
          if (moveFromStaging) {
            await tx.execute(sql.raw(moveFromStaging));
            await tx.execute(sql.raw(`drop table charter_backup_staging`));
          }
          const got = await tableFingerprint(tx, record.table);
          if (got.rows !== record.rows || got.md5 !== record.md5) {
            throw new BackupError(`Table ${record.table} does not read back as the file holds it (${got.rows} rows of ${record.rows}): nothing imported.`);
          }
        }
      }
      currentTable = "";

      // Counters (serial and identity columns) carry on after the highest value loaded.
      const sequences = rowsOf<{ seq: string; tbl: string; col: string }>(
        await tx.execute(sql`
          select format('%I.%I', sn.nspname, s.relname) as seq, t.relname as tbl, a.attname as col
          from pg_depend d
          join pg_class s on s.oid = d.objid and s.relkind = 'S'
          join pg_namespace sn on sn.oid = s.relnamespace
          join pg_class t on t.oid = d.refobjid
          join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
          where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
            and d.deptype in ('a', 'i') and t.relnamespace = 'public'::regnamespace`),
      );
      for (const s of sequences) {
        const c = quoteIdent(s.col);
        await tx.execute(sql.raw(`select setval('${s.seq.replace(/'/g, "''")}', coalesce(max(${c}), 1), max(${c}) is not null) from ${quoteIdent(s.tbl)}`));
      }

      for (const t of granted) await tx.execute(sql.raw(`revoke truncate on ${quoteIdent(t)} from current_user`));
      for (const t of guarded) await tx.execute(sql.raw(`alter table ${quoteIdent(t.name)} enable trigger user`));
    });
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`The import failed${currentTable ? ` at table ${currentTable}` : ""} and changed nothing: ${describeDbError(error)}`);
  }

  const restored = dataDir ? restoreFiles(dataDir, backup.files) : [];
  return { tables: backup.tables.length, rows: backup.rows, replaced: held.length > 0, files: restored };
}

function describeDbError(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  const message = (e.cause?.message ?? e.message ?? String(error)).split("\n")[0];
  if (code === "42501") {
    return `${message}. Run the import as the role that owns Charter's tables (the one that runs its migrations).`;
  }
  return message ?? "unknown error";
}

/** Writes the backup's files into DATA_DIR; a different file already there is kept beside it. */
function restoreFiles(dataDir: string, files: BackupContents["files"]): ImportSummary["files"] {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return files.map(({ name, mode, bytes }) => {
    const target = path.join(dataDir, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const existing = fs.existsSync(target) ? fs.readFileSync(target) : undefined;
    if (existing?.equals(bytes)) return { name, outcome: "unchanged" as const };
    let keptAs: string | undefined;
    if (existing) {
      keptAs = `${name}.before-import-${stamp}`;
      fs.renameSync(target, path.join(dataDir, keptAs));
    }
    fs.writeFileSync(target, bytes, { mode });
    return keptAs ? { name, outcome: "replaced" as const, keptAs } : { name, outcome: "written" as const };
  });
}
