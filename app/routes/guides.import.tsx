import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Button } from "../components/ui/button";
import { FieldShell, FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { Table } from "../components/ui/table";
import { parseGuideFile } from "../domain/guide-file";
import { importGuide } from "../models/guide.server";
import { requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { holdsUnsavableText, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Import a guide · Charter" }];

const MAX_BYTES = 2_000_000;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "guides:manage" });
  return null;
}

type ImportResult = { message: string; errors?: { path: string; message: string }[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "guides:manage" });
  const formData = await readFormData(request);
  const file = formData.get("file");
  if (!file || typeof file === "string" || file.size === 0) return json<ImportResult>({ message: "Choose a guide file (.json) to import." }, { status: 400 });
  if (file.size > MAX_BYTES) return json<ImportResult>({ message: "The file is larger than 2 MB." }, { status: 400 });
  const parsed = parseGuideFile(await file.text());
  if (!parsed.ok) {
    return json<ImportResult>({ message: "The file is not a guide Charter can import. Nothing was imported.", errors: parsed.errors }, { status: 400 });
  }
  if (holdsUnsavableText(parsed.file)) {
    return json<ImportResult>({ message: "The file holds a character that cannot be saved (a NUL or a broken character). Nothing was imported." }, { status: 400 });
  }
  const guide = await importGuide({ file: parsed.file, actor: actorFor(user, requestMeta(request, context)) });
  return redirectWithFlash(`/guides/${guide.id}`, { kind: "success", message: `Imported “${parsed.file.title}” as a draft. Review it, then publish.` });
}

export default function ImportGuide() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <PageHeader
        title="Import a guide"
        description="A guide file exported from Charter. The whole file is checked before anything is saved; it arrives as a draft."
        breadcrumbs={[{ to: "/guides", label: "Interview guides" }]}
      />
      <div className="stack-lg">
        <Panel narrow>
          <FormError message={data?.message} />
          <Form method="post" encType="multipart/form-data">
            <FieldShell label="Guide file">
              {({ id }) => <input id={id} className="input" type="file" name="file" accept=".json,application/json" />}
            </FieldShell>
            <div className="form-actions">
              <Button type="submit" disabled={busy}>
                Import
              </Button>
            </div>
          </Form>
        </Panel>
        {data?.errors?.length ? (
          <Table caption="What is wrong with the file">
            <thead>
              <tr>
                <th scope="col">Where</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {data.errors.map((e, i) => (
                <tr key={i}>
                  <td>
                    <code>{e.path}</code>
                  </td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
