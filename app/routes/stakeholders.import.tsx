import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import { CsvFileForm, CsvRowsCheck } from "../components/csv-import";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { PageHeader } from "../components/ui/page-header";
import { CSV_COLUMNS, LEVEL_LABELS, MAX_IMPORT_BYTES, STAKEHOLDER_LEVELS } from "../domain/stakeholder";
import { importStakeholders, previewImport } from "../models/stakeholder.server";
import { requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { csvImportAction } from "../utils/csv-upload.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Import stakeholders · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "stakeholders:manage" });
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "stakeholders:manage" });
  return csvImportAction(request, {
    maxBytes: MAX_IMPORT_BYTES,
    preview: previewImport,
    run: async (content) => {
      const result = await importStakeholders({ content, actor: actorFor(user, requestMeta(request, context)) });
      return redirectWithFlash("/stakeholders", { kind: "success", message: `Imported ${result.count} stakeholder${result.count === 1 ? "" : "s"}.` });
    },
  });
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
        <CsvFileForm busy={busy} error={fileError}>
          <p className="small">
            Columns (first row): <code>{CSV_COLUMNS.join(", ")}</code>. <strong>name</strong> and <strong>unit</strong>{" "}
            are required; <strong>unit</strong> is a business unit&apos;s name or code; <strong>level</strong> is one of{" "}
            {STAKEHOLDER_LEVELS.map((l) => LEVEL_LABELS[l]).join(", ")}. Commas or semicolons both work.
          </p>
        </CsvFileForm>
        {preview?.ok && data?.step === "preview" ? (
          <CsvRowsCheck
            fileName={data.fileName}
            content={data.content}
            rows={preview.rows}
            columns={["Name", "Title", "Level", "Unit", "Email"]}
            cells={(r) => [r.values.name, r.values.title, r.values.level, r.values.unit, r.values.email]}
            importLabel={(n) => `Import ${n} stakeholder${n === 1 ? "" : "s"}`}
            cancelTo="/stakeholders"
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
