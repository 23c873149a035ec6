import { sql } from "drizzle-orm";
import { db } from "../../app/db.server";

/** PGlite answers { rows }, postgres.js an array of rows. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];

export interface DigestOptions {
  /** Tables left out altogether. */
  skipTables?: ReadonlySet<string>;
  /** Columns left out of a table's rows (the rest of each row still counts). */
  skipColumns?: Readonly<Record<string, readonly string[]>>;
}

/**
 * An md5 per public table over every row, to tell whether a request wrote
 * anything: a row added, removed or changed in any column changes its table's.
 */
export async function tableDigests({ skipTables = new Set(), skipColumns = {} }: DigestOptions = {}): Promise<Record<string, string>> {
  const tables = rowsOf<{ tablename: string }>(await db().execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`))
    .map((r) => r.tablename)
    .filter((t) => !skipTables.has(t) && !t.startsWith("__"));
  const select = tables
    .map((t) => {
      const columns = skipColumns[t] ?? [];
      const row = columns.length ? `(to_jsonb(t) ${columns.map((c) => `- '${c}'`).join(" ")})::text` : "t::text";
      return `(select md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) from "${t}" t) as "${t}"`;
    })
    .join(", ");
  const [row] = rowsOf<Record<string, string>>(await db().execute(sql.raw(`select ${select}`)));
  return row!;
}

/** The tables whose digest differs between two snapshots. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();
}
