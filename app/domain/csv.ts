/** RFC 4180 CSV reading, tolerant of what spreadsheets write: a BOM, CRLF, semicolons. */
export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvError";
  }
}

export interface CsvTable {
  header: string[];
  /** Data rows with their line number in the file (1-based, header is line 1). */
  rows: { line: number; cells: string[] }[];
}

export function looksLikeText(content: string): boolean {
  if (content.includes("\u0000")) return false;
  // Replacement characters mean the bytes were not UTF-8 text.
  const replaced = content.match(/\uFFFD/g)?.length ?? 0;
  return replaced <= Math.max(2, content.length / 1000);
}

function detectDelimiter(firstLine: string): "," | ";" | "\t" {
  const outside = firstLine.replace(/"[^"]*"/g, "");
  const counts = { ",": 0, ";": 0, "\t": 0 } as Record<"," | ";" | "\t", number>;
  for (const ch of outside) if (ch in counts) counts[ch as "," | ";" | "\t"]++;
  if (counts[";"] > counts[","] && counts[";"] >= counts["\t"]) return ";";
  if (counts["\t"] > counts[","]) return "\t";
  return ",";
}

export function parseCsv(input: string): CsvTable {
  const content = input.replace(/^\uFEFF/, "");
  if (!looksLikeText(content)) throw new CsvError("This file is not a CSV text file.");
  if (content.trim() === "") throw new CsvError("The file is empty.");
  const delimiter = detectDelimiter(content.slice(0, content.search(/\r?\n|$/)));
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]!.trim() === "")) records.push({ line: recordLine, cells });
    cells = [];
    cell = "";
  };
  while (i < content.length) {
    const ch = content[i]!;
    if (quoted) {
      if (ch === '"') {
        if (content[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === "\n") line++;
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
      i++;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
      i++;
    } else if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && content[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      cell += ch;
      i++;
    }
  }
  if (quoted) throw new CsvError(`A quoted value starting on line ${recordLine} is never closed.`);
  if (cell !== "" || cells.length > 0) endRecord();
  const [head, ...rows] = records;
  if (!head) throw new CsvError("The file is empty.");
  return { header: head.cells.map((h) => h.trim()), rows };
}

/** RFC 4180 output, with formula-looking cells defused for spreadsheets. */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return rows
    .map((row) =>
      row
        .map((value) => {
          let s = value === null || value === undefined ? "" : String(value);
          if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
          return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
        })
        .join(","),
    )
    .join("\r\n");
}
