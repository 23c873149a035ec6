import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { Button } from "../components/ui/button";
import { FieldShell, FormError, TextareaField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { Table } from "../components/ui/table";
import { MEASURE_CSV_COLUMNS } from "../domain/measures-import";
import { MAX_IMPORT_BYTES, MAX_ROWS_PER_IMPORT } from "../domain/review";
import { importMeasures, previewMeasuresImport } from "../models/measures.server";
import { requireUser } from "../utils/auth.server";
import { csvFrom } from "../utils/csv-upload.server";
import { redirectWithFlash } from "../utils/flash.server";
import { appErrorResponse, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Import measures · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "services:edit" });
  return null;
}

type ImportActionData =
  | { step: "error"; message: string }
  | { step: "preview"; content: string; fileName: string; preview: Awaited<ReturnType<typeof previewMeasuresImport>> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "services:edit" });
  const formData = await readFormData(request);
  const source = await csvFrom(formData, MAX_IMPORT_BYTES);
  if ("error" in source) return json<ImportActionData>({ step: "error", message: source.error }, { status: 400 });
  if (formData.get("intent") === "import") {
    try {
      const result = await importMeasures({ content: source.content, actor: actorFor(user, requestMeta(request, context)) });
      return redirectWithFlash("/services#health", {
        kind: "success",
        message: `Imported ${result.rows} value${result.rows === 1 ? "" : "s"} for ${result.services} service${result.services === 1 ? "" : "s"}${result.replaced ? ` (${result.replaced} replaced values recorded before)` : ""}.`,
      });
    } catch (error) {
      const response = appErrorResponse(error);
      const body = (await response.json()) as { errors: Record<string, string>; formError?: string };
      return json<ImportActionData>({ step: "error", message: body.errors.file ?? body.formError ?? "Nothing was imported." }, { status: 400 });
    }
  }
  const preview = await previewMeasuresImport(source.content);
  return json<ImportActionData>({ step: "preview", content: source.content, fileName: source.fileName, preview }, { status: preview.ok && preview.errorCount === 0 ? 200 : 400 });
}

export default function ImportMeasures() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const preview = data?.step === "preview" ? data.preview : null;
  const fileError = data?.step === "error" ? data.message : preview && !preview.ok ? preview.fileError : null;
  return (
    <>
      <PageHeader
        title="Import measures"
        description="Upload a month's (or a year's) measured service levels for any services. Every row is checked first; a file with any bad row imports nothing."
        breadcrumbs={[{ to: "/services", label: "Services" }]}
      />
      <div className="stack-lg">
        <Panel title="1. Choose the file" narrow>
          <p className="small">
            Columns (first row): <code>{MEASURE_CSV_COLUMNS.join(", ")}</code>. <strong>service</strong> is the service&apos;s name; <strong>measure</strong> is a
            service level&apos;s measure as the definition words it (or its id); <strong>period</strong> is a month like <code>2026-03</code>;{" "}
            <strong>value</strong> is a number (<code>99.6</code>, <code>99.6%</code>, <code>14</code>), or <code>met</code> / <code>missed</code> for levels stated in
            words. A value already recorded for that month is replaced. At most {MAX_ROWS_PER_IMPORT.toLocaleString("en-GB")} rows.
          </p>
          <FormError message={fileError} />
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
        {preview?.ok && data?.step === "preview" ? (
          <section aria-labelledby="preview-heading" className="stack">
            <h2 id="preview-heading">2. Check the rows</h2>
            <p>
              {data.fileName}: {preview.rows.length} row{preview.rows.length === 1 ? "" : "s"}, <Badge tone="success">{preview.validCount} ready</Badge>{" "}
              {preview.errorCount > 0 ? <Badge tone="danger">{preview.errorCount} with errors</Badge> : null}
            </p>
            {preview.errorCount > 0 ? (
              <div className="form-error" role="alert">
                Fix the rows marked below in your spreadsheet and check the file again. Nothing is imported while any row has an error.
              </div>
            ) : null}
            <Table caption="Rows in the file" hideCaption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Service</th>
                  <th scope="col">Measure</th>
                  <th scope="col">Period</th>
                  <th scope="col">Value</th>
                  <th scope="col">Check</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.line} className={r.errors.length ? "table-row-error" : undefined}>
                    <td>{r.line}</td>
                    <td>{r.service}</td>
                    <td>{r.measure}</td>
                    <td>{r.period}</td>
                    <td>{r.value}</td>
                    <td>
                      {r.errors.length === 0 ? (
                        <Badge tone={r.resolved?.met ? "success" : "warning"}>{r.resolved?.met ? "OK · met" : "OK · missed"}</Badge>
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
            {preview.errorCount === 0 ? (
              <Form method="post">
                <input type="hidden" name="intent" value="import" />
                <input type="hidden" name="fileName" value={data.fileName} />
                <textarea name="content" defaultValue={data.content} hidden readOnly aria-hidden="true" tabIndex={-1} />
                <div className="row">
                  <Button type="submit" disabled={busy}>
                    Import {preview.validCount} value{preview.validCount === 1 ? "" : "s"}
                  </Button>
                  <Link to="/services" className="btn btn-ghost">
                    Cancel
                  </Link>
                </div>
              </Form>
            ) : null}
          </section>
        ) : null}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
