import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import zlib from "node:zlib";
import { BACKUP_FILE_NAME, BACKUP_FORMAT, BACKUP_VERSION, BackupError, type BackupHeader, migrationJournal } from "./backup.server";

export type BackupRecord =
  | { kind: "table"; table: string; columns: string[] }
  | { kind: "row"; json: string }
  | { kind: "end"; table: string; rows: number; md5: string }
  | { kind: "file"; name: string; mode: number; bytes: Buffer }
  | { kind: "trailer"; tables: number; rows: number; files: number };

/** The lines of a backup file, gunzipped when it is gzip'd; a damaged stream ends in a BackupError. */
async function* linesOf(file: string): AsyncGenerator<string> {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new BackupError(code === "ENOENT" ? `There is no file at ${file}.` : `Cannot read ${file} (${code ?? String(error)}).`);
  }
  const magic = Buffer.alloc(2);
  const read = fs.readSync(fd, magic, 0, 2, 0);
  fs.closeSync(fd);
  const gzipped = read === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  const input = fs.createReadStream(file);
  const stream = gzipped ? input.pipe(zlib.createGunzip()) : input;
  input.on("error", (e) => stream.destroy(e));
  const decoder = new StringDecoder("utf8");
  let pending = "";
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      pending += decoder.write(chunk);
      let nl: number;
      while ((nl = pending.indexOf("\n")) >= 0) {
        yield pending.slice(0, nl);
        pending = pending.slice(nl + 1);
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const message = (error as Error).message ?? String(error);
    throw new BackupError(
      /unexpected end of file/i.test(message)
        ? `${file} is cut short (its compressed data ends early): it was not copied whole.`
        : `${file} is damaged: its compressed data does not check out (${message}).`,
    );
  } finally {
    input.destroy();
  }
  pending += decoder.end();
  if (pending !== "") yield pending;
}

function parseMarker(line: string, lineNo: number): Record<string, unknown> {
  try {
    const value = JSON.parse(line) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new BackupError(`Line ${lineNo} of the backup is damaged.`);
}

/** Checks the header: a Charter export of a format and schema this build can load. */
export function checkHeader(line: string | undefined, file: string): BackupHeader {
  let header: Partial<BackupHeader> | null = null;
  try {
    header = line ? (JSON.parse(line) as Partial<BackupHeader>) : null;
  } catch {
    header = null;
  }
  if (!header || typeof header !== "object" || header.format !== BACKUP_FORMAT) {
    throw new BackupError(`${file} is not a Charter export (made by npm run db:export).`);
  }
  if (typeof header.version !== "number" || header.version > BACKUP_VERSION) {
    throw new BackupError(`${file} is a Charter export of format ${String(header.version)}, newer than this Charter reads (${BACKUP_VERSION}): import it with the Charter that made it, or a newer one.`);
  }
  const schema = header.schema;
  if (!schema || typeof schema.migration !== "string" || typeof schema.index !== "number" || !Array.isArray(header.tables)) {
    throw new BackupError(`${file} is a Charter export with a damaged header.`);
  }
  const journal = migrationJournal();
  const known = journal[schema.index];
  if (!known || known.tag !== schema.migration) {
    const last = journal[journal.length - 1]!.tag;
    throw new BackupError(
      `${file} holds a workspace of a newer schema (${schema.migration}) than this Charter knows (up to ${last}): import it with the Charter that made it, or a newer one.`,
    );
  }
  return header as BackupHeader;
}

/** Every record of a backup in order, its structure checked as it goes; the header first. */
export async function* readBackup(file: string): AsyncGenerator<BackupRecord | { kind: "header"; header: BackupHeader }> {
  let lineNo = 0;
  let header: BackupHeader | undefined;
  let table: { name: string; rows: number } | null = null;
  const tablesSeen: string[] = [];
  let rows = 0;
  let files = 0;
  let trailer = false;
  for await (const line of linesOf(file)) {
    lineNo++;
    if (!header) {
      header = checkHeader(line, file);
      yield { kind: "header", header };
      continue;
    }
    if (trailer) throw new BackupError(`${file} has lines after its end.`);
    if (!line.startsWith('{"$')) {
      if (!table || !line.startsWith("{")) throw new BackupError(`Line ${lineNo} of the backup is damaged.`);
      table.rows++;
      rows++;
      yield { kind: "row", json: line };
      continue;
    }
    const m = parseMarker(line, lineNo);
    if (typeof m.$table === "string") {
      if (table) throw new BackupError(`Line ${lineNo} of the backup is damaged (table ${table.name} does not end).`);
      if (header.tables[tablesSeen.length] !== m.$table) throw new BackupError(`Line ${lineNo} of the backup is damaged (unexpected table ${m.$table}).`);
      table = { name: m.$table, rows: 0 };
      tablesSeen.push(m.$table);
      yield { kind: "table", table: m.$table, columns: Array.isArray(m.columns) ? (m.columns as string[]) : [] };
    } else if (typeof m.$end === "string") {
      if (!table || table.name !== m.$end || table.rows !== m.rows || typeof m.md5 !== "string") {
        throw new BackupError(`Line ${lineNo} of the backup is damaged (table ${String(m.$end)} does not add up).`);
      }
      yield { kind: "end", table: table.name, rows: table.rows, md5: m.md5 };
      table = null;
    } else if (typeof m.$file === "string") {
      if (table || !BACKUP_FILE_NAME.test(m.$file) || typeof m.base64 !== "string") {
        throw new BackupError(`Line ${lineNo} of the backup names a file Charter does not restore (${m.$file}).`);
      }
      files++;
      yield { kind: "file", name: m.$file, mode: typeof m.mode === "number" ? m.mode & 0o777 : 0o600, bytes: Buffer.from(m.base64, "base64") };
    } else if (m.$trailer === true) {
      if (table || m.tables !== tablesSeen.length || tablesSeen.length !== header.tables.length || m.rows !== rows || m.files !== files) {
        throw new BackupError(`${file} does not add up at its end (tables, rows or files missing).`);
      }
      trailer = true;
      yield { kind: "trailer", tables: tablesSeen.length, rows, files };
    } else {
      throw new BackupError(`Line ${lineNo} of the backup is damaged.`);
    }
  }
  if (!header) throw new BackupError(`${file} is empty: not a Charter export.`);
  if (!trailer) throw new BackupError(`${file} is cut short (it stops before its end): it was not copied whole.`);
}

export interface BackupContents {
  header: BackupHeader;
  tables: { name: string; rows: number; md5: string }[];
  rows: number;
  files: { name: string; mode: number; bytes: Buffer }[];
}

/** Reads a whole backup once, checking it end to end, before anything is written anywhere. */
export async function inspectBackup(file: string): Promise<BackupContents> {
  let header: BackupHeader | undefined;
  const tables: BackupContents["tables"] = [];
  const files: BackupContents["files"] = [];
  let rows = 0;
  for await (const record of readBackup(file)) {
    if (record.kind === "header") header = record.header;
    else if (record.kind === "end") tables.push({ name: record.table, rows: record.rows, md5: record.md5 });
    else if (record.kind === "file") files.push({ name: record.name, mode: record.mode, bytes: record.bytes });
    else if (record.kind === "row") rows++;
  }
  return { header: header!, tables, rows, files };
}
