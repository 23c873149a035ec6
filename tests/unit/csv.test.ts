import { describe, expect, it } from "vitest";
import { parseCsv, toCsv, CsvError } from "../../app/domain/csv";

describe("parseCsv", () => {
  it("reads quoted fields, escaped quotes, CRLF and a BOM", () => {
    const table = parseCsv('\uFEFFname,title\r\n"Lopez, Maria","Head of ""Branch"" Network"\r\nChen,Controller\r\n');
    expect(table.header).toEqual(["name", "title"]);
    expect(table.rows).toEqual([
      { line: 2, cells: ["Lopez, Maria", 'Head of "Branch" Network'] },
      { line: 3, cells: ["Chen", "Controller"] },
    ]);
  });

  it("keeps line numbers true across quoted newlines and skips blank lines", () => {
    const table = parseCsv('name,note\n"A","two\nlines"\n\nB,x');
    expect(table.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(table.rows[0]!.cells[1]).toBe("two\nlines");
  });

  it("detects semicolon-separated files from spreadsheets set to European locales", () => {
    expect(parseCsv("name;unit\nAda;Finance").rows[0]!.cells).toEqual(["Ada", "Finance"]);
  });

  it("refuses empty files, binary files and unclosed quotes with a message", () => {
    expect(() => parseCsv("   \n ")).toThrow(new CsvError("The file is empty."));
    expect(() => parseCsv("PK\u0003\u0004\u0000\u0000binary")).toThrow("not a CSV text file");
    expect(() => parseCsv('name\n"never closed')).toThrow("line 2 is never closed");
  });
});

describe("toCsv", () => {
  it("round-trips through parseCsv and defuses spreadsheet formulas", () => {
    const text = toCsv([
      ["name", "note"],
      ["O'Neil, Pat", 'said "hi"\nthen left'],
      ["=SUM(A1)", "ok"],
    ]);
    const back = parseCsv(text);
    expect(back.rows[0]!.cells).toEqual(["O'Neil, Pat", 'said "hi"\nthen left']);
    expect(back.rows[1]!.cells[0]).toBe("'=SUM(A1)");
  });
});
