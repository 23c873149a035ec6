import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { CsvFileForm, CsvRowsCheck } from "../components/csv-import";
import { PageHeader } from "../components/ui/page-header";
import { MEASURE_CSV_COLUMNS } from "../domain/measures-import";
import { MAX_IMPORT_BYTES, MAX_ROWS_PER_IMPORT } from "../domain/review";
import { importMeasures, previewMeasuresImport } from "../models/measures.server";
import { requireUser } from "../utils/auth.server";
import { csvImportAction } from "../utils/csv-upload.server";
import { redirectWithFlash } from "../utils/flash.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Import measures · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "services:edit" });
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "services:edit" });
  return csvImportAction(request, {
    maxBytes: MAX_IMPORT_BYTES,
    preview: previewMeasuresImport,
    run: async (content) => {
      const result = await importMeasures({ content, actor: actorFor(user, requestMeta(request, context)) });
      return redirectWithFlash("/services#health", {
        kind: "success",
        message: `Imported ${result.rows} value${result.rows === 1 ? "" : "s"} for ${result.services} service${result.services === 1 ? "" : "s"}${result.replaced ? ` (${result.replaced} replaced values recorded before)` : ""}.`,
      });
    },
  });
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
        <CsvFileForm busy={busy} error={fileError}>
          <p className="small">
            Columns (first row): <code>{MEASURE_CSV_COLUMNS.join(", ")}</code>. <strong>service</strong> is the service&apos;s name; <strong>measure</strong> is a
            service level&apos;s measure as the definition words it (or its id); <strong>period</strong> is a month like <code>2026-03</code>;{" "}
            <strong>value</strong> is a number (<code>99.6</code>, <code>99.6%</code>, <code>14</code>), or <code>met</code> / <code>missed</code> for levels stated in
            words. A value already recorded for that month is replaced. At most {MAX_ROWS_PER_IMPORT.toLocaleString("en-GB")} rows.
          </p>
        </CsvFileForm>
        {preview?.ok && data?.step === "preview" ? (
          <CsvRowsCheck
            fileName={data.fileName}
            content={data.content}
            rows={preview.rows}
            columns={["Service", "Measure", "Period", "Value"]}
            cells={(r) => [r.service, r.measure, r.period, r.value]}
            ok={(r) => <Badge tone={r.resolved?.met ? "success" : "warning"}>{r.resolved?.met ? "OK · met" : "OK · missed"}</Badge>}
            importLabel={(n) => `Import ${n} value${n === 1 ? "" : "s"}`}
            cancelTo="/services"
            busy={busy}
          />
        ) : null}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
