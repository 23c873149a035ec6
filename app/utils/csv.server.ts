import { toCsv } from "../domain/csv";

/** A CSV download: UTF-8 with a byte-order mark so spreadsheets read accents right. */
export function csvResponse(rows: readonly (readonly unknown[])[], filename: string): Response {
  return new Response(`\uFEFF${toCsv(rows)}\r\n`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
