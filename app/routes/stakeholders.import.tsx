import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { Button } from "../components/ui/button";
import { FieldShell, FormError, TextareaField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { Table } from "../components/ui/table";
import { CSV_COLUMNS, LEVEL_LABELS, MAX_IMPORT_BYTES, STAKEHOLDER_LEVELS } from "../domain/stakeholder";
import { importStakeholders, previewImport } from "../models/stakeholder.server";
import { requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { csvFrom } from "../utils/csv-upload.server";
import { appErrorResponse, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Import stakeholders · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "stakeholders:manage" });
  return null;
}

type ImportActionData =
  | { step: "error"; message: string }
  | { step: "preview"; content: string; fileName: string; preview: Awaited<ReturnType<typeof previewImport>> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "stakeholders:manage" });
  const formData = await readFormData(request);
  const source = await csvFrom(formData, MAX_IMPORT_BYTES);
  if ("error" in source) return json<ImportActionData>({ step: "error", message: source.error }, { status: 400 });
  if (formData.get("intent") === "import") {
    try {
      const result = await importStakeholders({ content: source.content, actor: actorFor(user, requestMeta(request, context)) });
      return redirectWithFlash("/stakeholders", {
        kind: "success",
        message: `Imported ${result.count} stakeholder${result.count === 1 ? "" : "s"}.`,
      });
    } catch (error) {
      const response = appErrorResponse(error);
      const body = (await response.json()) as { errors: Record<string, string>; formError?: string };
      return json<ImportActionData>({ step: "error", message: body.errors.file ?? body.formError ?? "Nothing was imported." }, { status: 400 });
    }
  }
  const preview = await previewImport(source.content);
  return json<ImportActionData>(
    { step: "preview", content: source.content, fileName: source.fileName, preview },
    { status: preview.ok ? 200 : 400 },
  );
}

export default function ImportStakeholders() {
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const preview = data?.step === "preview" ? data.preview : null;
  const fileError = data?.step === "error" ? data.message : preview && !preview.ok ? preview.fileError : null;
  return (
    <>
      <PageHeader
        title="Import stakeholders"
        description="Upload a CSV of the people you will interview. You will see every row checked before anything is saved; a file with any bad row saves nothing."
        breadcrumbs={[{ to: "/stakeholders", label: "Stakeholders" }]}
      />
      <div className="stack-lg">
        <Panel title="1. Choose the file" narrow>
          <p className="small">
            Columns (first row): <code>{CSV_COLUMNS.join(", ")}</code>. <strong>name</strong> and <strong>unit</strong>{" "}
            are required; <strong>unit</strong> is a business unit&apos;s name or code; <strong>level</strong> is one of{" "}
            {STAKEHOLDER_LEVELS.map((l) => LEVEL_LABELS[l]).join(", ")}. Commas or semicolons both work.
          </p>
          <FormError message={fileError} />
          <Form method="post" encType="multipart/form-data">
            <input type="hidden" name="intent" value="preview" />
            <FieldShell label="CSV file">
              {({ id }) => <input id={id} type="file" name="file" accept=".csv,text/csv,text/plain" className="input" />}
            </FieldShell>
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
              {data.fileName}: {preview.rows.length} row{preview.rows.length === 1 ? "" : "s"},{" "}
              <Badge tone="success">{preview.validCount} ready</Badge>{" "}
              {preview.errorCount > 0 ? <Badge tone="danger">{preview.errorCount} with errors</Badge> : null}
            </p>
            {preview.errorCount > 0 ? (
              <div className="form-error" role="alert">
                Fix the rows marked below in your spreadsheet and check the file again. Nothing is imported while any row has an
                error.
              </div>
            ) : null}
            <Table caption="Rows in the file" hideCaption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Name</th>
                  <th scope="col">Title</th>
                  <th scope="col">Level</th>
                  <th scope="col">Unit</th>
                  <th scope="col">Email</th>
                  <th scope="col">Check</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.line} className={r.errors.length ? "table-row-error" : undefined}>
                    <td>{r.line}</td>
                    <td>{r.values.name}</td>
                    <td>{r.values.title}</td>
                    <td>{r.values.level}</td>
                    <td>{r.values.unit}</td>
                    <td>{r.values.email}</td>
                    <td>
                      {r.errors.length === 0 ? (
                        <Badge tone="success">OK</Badge>
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
                    Import {preview.validCount} stakeholder{preview.validCount === 1 ? "" : "s"}
                  </Button>
                  <Link to="/stakeholders" className="btn btn-ghost">
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
