import { z } from "zod";
import { parseCsv, CsvError } from "./csv";
import { optionalEmail, text } from "./fields";

export const STAKEHOLDER_LEVELS = ["executive", "senior_manager", "manager", "specialist", "front_line"] as const;
export type StakeholderLevel = (typeof STAKEHOLDER_LEVELS)[number];

export const LEVEL_LABELS: Record<StakeholderLevel, string> = {
  executive: "Executive",
  senior_manager: "Senior manager",
  manager: "Manager",
  specialist: "Specialist",
  front_line: "Front line",
};

export const stakeholderSchema = z.object({
  name: text("a name", { max: 120 }),
  title: text("a job title", { max: 120, required: false }).default(""),
  level: z.enum(STAKEHOLDER_LEVELS, { error: "Choose a level" }),
  businessUnitId: z.uuid({ error: "Choose a business unit from the list" }),
  email: optionalEmail(),
});
export type StakeholderInput = z.output<typeof stakeholderSchema>;

export const stakeholderActionSchema = z.discriminatedUnion(
  "intent",
  [stakeholderSchema.extend({ intent: z.literal("update") }), z.object({ intent: z.literal("delete") })],
  { error: "Unknown action" },
);

/** CSV columns: what each header may be called in a spreadsheet. */
const COLUMN_ALIASES: Record<string, "name" | "title" | "level" | "unit" | "email"> = {
  name: "name",
  "full name": "name",
  title: "title",
  "job title": "title",
  level: "level",
  unit: "unit",
  "business unit": "unit",
  email: "email",
  "e-mail": "email",
  "email address": "email",
};
export const CSV_COLUMNS = ["name", "title", "level", "unit", "email"] as const;
export const MAX_IMPORT_ROWS = 2000;
export const MAX_IMPORT_BYTES = 1_000_000;

export interface ImportRow {
  line: number;
  values: Record<(typeof CSV_COLUMNS)[number], string>;
  errors: string[];
  /** Set when the row is valid. */
  stakeholder?: StakeholderInput;
}

export type ImportPreview =
  | { ok: false; fileError: string }
  | { ok: true; rows: ImportRow[]; validCount: number; errorCount: number };

function levelFrom(value: string): StakeholderLevel | undefined {
  const v = value.trim().toLowerCase().replace(/[\s-]+/g, "_");
  if ((STAKEHOLDER_LEVELS as readonly string[]).includes(v)) return v as StakeholderLevel;
  return STAKEHOLDER_LEVELS.find((l) => LEVEL_LABELS[l].toLowerCase() === value.trim().toLowerCase());
}

/**
 * Reads a stakeholder CSV and checks every row against the units that exist
 * and the emails already taken. Nothing is written here: the caller writes the
 * rows only when errorCount is 0.
 */
export function previewStakeholderImport(
  content: string,
  lookups: {
    units: { id: string; name: string; code: string }[];
    existingEmails: Map<string, string>;
  },
): ImportPreview {
  let table;
  try {
    table = parseCsv(content);
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, fileError: error.message };
    throw error;
  }
  const columns = table.header.map((h) => COLUMN_ALIASES[h.toLowerCase()]);
  const unknown = table.header.filter((_, i) => !columns[i]);
  if (unknown.length > 0) {
    return {
      ok: false,
      fileError: `Unknown column${unknown.length > 1 ? "s" : ""}: ${unknown.map((u) => `"${u || "(blank)"}"`).join(", ")}. The columns are: ${CSV_COLUMNS.join(", ")} (name and unit are required).`,
    };
  }
  const seen = new Set<string>();
  const dupes = columns.filter((c) => (seen.has(c!) ? true : (seen.add(c!), false)));
  if (dupes.length > 0) return { ok: false, fileError: `The column "${dupes[0]}" appears twice.` };
  for (const required of ["name", "unit"] as const) {
    if (!columns.includes(required)) {
      return { ok: false, fileError: `The file has no "${required}" column. The columns are: ${CSV_COLUMNS.join(", ")}.` };
    }
  }
  if (table.rows.length === 0) return { ok: false, fileError: "The file has a header row but no stakeholders." };
  if (table.rows.length > MAX_IMPORT_ROWS) {
    return { ok: false, fileError: `The file has ${table.rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.` };
  }

  const unitByKey = new Map<string, string>();
  for (const u of lookups.units) {
    unitByKey.set(u.name.toLowerCase(), u.id);
    unitByKey.set(u.code.toLowerCase(), u.id);
  }
  const emailLine = new Map<string, number>();
  const rows: ImportRow[] = table.rows.map(({ line, cells }) => {
    const values = { name: "", title: "", level: "", unit: "", email: "" };
    columns.forEach((c, i) => (values[c!] = (cells[i] ?? "").trim()));
    const errors: string[] = [];
    if (cells.length > columns.length && cells.slice(columns.length).some((c) => c.trim() !== "")) {
      errors.push(`Has ${cells.length} values but the header names ${columns.length} columns`);
    }
    const level = values.level === "" ? undefined : levelFrom(values.level);
    if (values.level === "") errors.push(`Level is empty (use one of: ${STAKEHOLDER_LEVELS.map((l) => LEVEL_LABELS[l]).join(", ")})`);
    else if (!level) errors.push(`Level "${values.level}" is not one of: ${STAKEHOLDER_LEVELS.map((l) => LEVEL_LABELS[l]).join(", ")}`);
    const businessUnitId = unitByKey.get(values.unit.toLowerCase());
    if (values.unit === "") errors.push("Unit is empty");
    else if (!businessUnitId) errors.push(`No business unit is called "${values.unit}"`);
    const parsed = stakeholderSchema.safeParse({ ...values, level: level ?? "manager", businessUnitId: businessUnitId ?? "00000000-0000-4000-8000-000000000000" });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        if (field !== "level" && field !== "businessUnitId") errors.push(issue.message);
      }
    }
    const email = values.email.toLowerCase();
    if (email) {
      const earlier = emailLine.get(email);
      if (earlier !== undefined) errors.push(`Same email as line ${earlier}`);
      else emailLine.set(email, line);
      const existing = lookups.existingEmails.get(email);
      if (existing) errors.push(`${existing} already has this email`);
    }
    return { line, values, errors, stakeholder: errors.length === 0 && parsed.success ? parsed.data : undefined };
  });
  const errorCount = rows.filter((r) => r.errors.length > 0).length;
  return { ok: true, rows, validCount: rows.length - errorCount, errorCount };
}
