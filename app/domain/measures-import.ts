/**
 * Measured values from a spreadsheet: one row per service level and month (service, measure,
 * period, value), every row checked against the portfolio before anything is saved, and a file
 * with any bad row saves nothing. Pure: the model passes the services and their levels in.
 */
import { CsvError, parseCsv } from "./csv";
import { MAX_ROWS_PER_IMPORT, meets, monthLabel, monthStart, parseMeasuredValue, type MeasuredLevel } from "./review";

export const MEASURE_CSV_COLUMNS = ["service", "measure", "period", "value"] as const;
type Column = (typeof MEASURE_CSV_COLUMNS)[number];

const ALIASES: Record<string, Column> = {
  service: "service",
  "service name": "service",
  measure: "measure",
  "service level": "measure",
  level: "measure",
  period: "period",
  month: "period",
  value: "value",
  actual: "value",
};

export interface ImportService {
  id: string;
  name: string;
  levels: MeasuredLevel[];
}

export interface MeasureImportRow {
  line: number;
  service: string;
  measure: string;
  period: string;
  value: string;
  errors: string[];
  /** Set when the row is good. */
  resolved?: { serviceId: string; levelId: string; criticalPeriodId: string | null; period: string; kind: MeasuredLevel["kind"]; target: string; value: number | null; met: boolean };
}

export type MeasureImportPreview =
  | { ok: false; fileError: string }
  | { ok: true; rows: MeasureImportRow[]; validCount: number; errorCount: number };

/** Checks every row; `ok` says the file itself could be read, the counts say whether it may be imported. */
export function previewMeasureImport(content: string, services: ImportService[], thisMonth = `${new Date().toISOString().slice(0, 7)}-01`): MeasureImportPreview {
  let table;
  try {
    table = parseCsv(content);
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, fileError: error.message };
    throw error;
  }
  const columns = table.header.map((h) => ALIASES[h.trim().toLowerCase()]);
  const unknown = table.header.filter((_, i) => !columns[i]);
  if (unknown.length) {
    return { ok: false, fileError: `Unknown column${unknown.length > 1 ? "s" : ""}: ${unknown.map((u) => `"${u || "(blank)"}"`).join(", ")}. The columns are: ${MEASURE_CSV_COLUMNS.join(", ")}.` };
  }
  const seen = new Set<Column>();
  for (const c of columns) {
    if (seen.has(c!)) return { ok: false, fileError: `The column "${c}" appears twice.` };
    seen.add(c!);
  }
  for (const required of MEASURE_CSV_COLUMNS) {
    if (!seen.has(required)) return { ok: false, fileError: `The file has no "${required}" column. The columns are: ${MEASURE_CSV_COLUMNS.join(", ")}.` };
  }
  if (!table.rows.length) return { ok: false, fileError: "The file has a header row but no values." };
  if (table.rows.length > MAX_ROWS_PER_IMPORT) return { ok: false, fileError: `The file has ${table.rows.length} rows; import at most ${MAX_ROWS_PER_IMPORT.toLocaleString("en-GB")} at a time.` };

  const byName = new Map(services.map((s) => [s.name.trim().toLowerCase(), s]));
  const firstLine = new Map<string, number>();
  const rows: MeasureImportRow[] = table.rows.map(({ line, cells }) => {
    const v: Record<Column, string> = { service: "", measure: "", period: "", value: "" };
    columns.forEach((c, i) => (v[c!] = (cells[i] ?? "").trim()));
    const row: MeasureImportRow = { line, ...v, errors: [] };
    if (cells.length > columns.length && cells.slice(columns.length).some((c) => c.trim() !== "")) row.errors.push(`Has ${cells.length} values but the header names ${columns.length} columns`);
    const service = byName.get(v.service.toLowerCase());
    if (!v.service) row.errors.push("Service is empty");
    else if (!service) row.errors.push(`No service is called "${v.service}"`);
    let level: MeasuredLevel | undefined;
    if (!v.measure) row.errors.push("Measure is empty");
    else if (service) {
      const key = v.measure.toLowerCase();
      level = service.levels.find((l) => l.id === key) ?? service.levels.find((l) => l.measure.trim().toLowerCase() === key);
      if (!level) row.errors.push(service.levels.length ? `${service.name} has no service level "${v.measure}" (use the level's measure as written in the definition, or its id)` : `${service.name} has no service levels to measure yet`);
    }
    const period = monthStart(v.period);
    if (!v.period) row.errors.push("Period is empty");
    else if (!period) row.errors.push(`Period "${v.period}" is not a month like 2026-03`);
    else if (period > thisMonth) row.errors.push(`${monthLabel(period)} has not begun yet`);
    if (level) {
      const parsed = parseMeasuredValue(level.kind, v.value);
      if ("problem" in parsed) row.errors.push(v.value ? `Value "${v.value}": ${parsed.problem.charAt(0).toLowerCase()}${parsed.problem.slice(1)}` : "Value is empty");
      else if (service && period) {
        const met = parsed.met ?? meets(level.kind, level.target, parsed.value!);
        if (met === null) row.errors.push(`The target of "${level.measure}" (${level.target}) is not a number: correct the definition first`);
        else row.resolved = { serviceId: service.id, levelId: level.id, criticalPeriodId: level.periodId, period, kind: level.kind, target: level.target, value: parsed.value, met };
      }
      if (service && period) {
        const key = `${service.id}|${level.id}|${period}`;
        const first = firstLine.get(key);
        if (first !== undefined) row.errors.push(`Line ${first} already gives ${monthLabel(period)} for this measure`);
        else firstLine.set(key, line);
      }
    }
    if (row.errors.length) delete row.resolved;
    return row;
  });
  const errorCount = rows.filter((r) => r.errors.length).length;
  return { ok: true, rows, validCount: rows.length - errorCount, errorCount };
}
