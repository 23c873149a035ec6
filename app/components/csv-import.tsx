import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";
import { FieldShell, FormError, TextareaField } from "./ui/field";
import { Panel } from "./ui/panel";
import { Table } from "./ui/table";

/** Step 1 of an import: what the file holds, then a file or pasted text, checked before anything is saved. */
export function CsvFileForm({ busy, error, children }: { busy: boolean; error: string | null; children: ReactNode }) {
  return (
    <Panel title="1. Choose the file" narrow>
      {children}
      <FormError message={error} />
      <Form method="post" encType="multipart/form-data">
        <input type="hidden" name="intent" value="preview" />
        <FieldShell label="CSV file">{({ id }) => <input id={id} type="file" name="file" accept=".csv,text/csv,text/plain" className="input" />}</FieldShell>
        <TextareaField label="Or paste the CSV" optional name="content" rows={5} spellCheck={false} />
        <div className="form-actions">
          <Button type="submit" variant="secondary" disabled={busy}>
            Check the file
          </Button>
        </div>
      </Form>
    </Panel>
  );
}

/**
 * Step 2: every row with what was wrong with it, and the import button only once no row is wrong.
 * `columns` head the table; `cells` gives a row's cells in that order; `ok` what a good row says.
 */
export function CsvRowsCheck<R extends { line: number; errors: string[] }>({
  fileName,
  content,
  rows,
  columns,
  cells,
  ok = () => <Badge tone="success">OK</Badge>,
  importLabel,
  cancelTo,
  busy,
}: {
  fileName: string;
  content: string;
  rows: R[];
  columns: string[];
  cells: (row: R) => ReactNode[];
  ok?: (row: R) => ReactNode;
  importLabel: (validCount: number) => string;
  cancelTo: string;
  busy: boolean;
}) {
  const errorCount = rows.filter((r) => r.errors.length).length;
  const validCount = rows.length - errorCount;
  return (
    <section aria-labelledby="preview-heading" className="stack">
      <h2 id="preview-heading">2. Check the rows</h2>
      <p>
        {fileName}: {rows.length} row{rows.length === 1 ? "" : "s"}, <Badge tone="success">{validCount} ready</Badge>{" "}
        {errorCount > 0 ? <Badge tone="danger">{errorCount} with errors</Badge> : null}
      </p>
      {errorCount > 0 ? (
        <div className="form-error" role="alert">
          Fix the rows marked below in your spreadsheet and check the file again. Nothing is imported while any row has an error.
        </div>
      ) : null}
      <Table caption="Rows in the file" hideCaption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.line} className={r.errors.length ? "table-row-error" : undefined}>
              <td>{r.line}</td>
              {cells(r).map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
              <td>
                {r.errors.length === 0 ? (
                  ok(r)
                ) : (
                  <ul className="field-error">
                    {r.errors.map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {errorCount === 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="import" />
          <input type="hidden" name="fileName" value={fileName} />
          <textarea name="content" defaultValue={content} hidden readOnly aria-hidden="true" tabIndex={-1} />
          <div className="row">
            <Button type="submit" disabled={busy}>
              {importLabel(validCount)}
            </Button>
            <Link to={cancelTo} className="btn btn-ghost">
              Cancel
            </Link>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
