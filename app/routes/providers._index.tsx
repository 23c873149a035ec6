import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { useHydrated } from "../components/guide/question-input";
import { Badge } from "../components/ui/badge";
import { EmptyState } from "../components/ui/empty-state";
import { Field, FormError, SelectField, TextareaField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { Table } from "../components/ui/table";
import { fieldErrors } from "../domain/fields";
import { can } from "../domain/roles";
import { providerSchema } from "../domain/service";
import { unitOptions } from "../models/business-unit.server";
import { AppError } from "../models/errors.server";
import { listProvidersWithCounts } from "../models/provider.server";
import { createProvider } from "../models/service.server";
import { requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Providers · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "services:read" });
  const canEdit = can(user.role, "services:edit");
  const [providers, units] = await Promise.all([listProvidersWithCounts(), canEdit ? unitOptions() : Promise.resolve([])]);
  return json({ providers, units, canEdit });
}

/** Adds a provider; a refusal comes back with what was typed and the message on its field. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "services:edit" });
  const values = formDataToObject(await readFormData(request));
  const parsed = providerSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), formError: undefined, values }, { status: 400 });
  try {
    const row = await createProvider({ input: parsed.data, actor: actorFor(user, requestMeta(request, context)) });
    return redirectWithFlash("/providers", { kind: "success", message: `${row.name} added. Choose it as a service's provider on the service's page.` });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return json({ errors: error.field ? { [error.field]: error.message } : {}, formError: error.field ? undefined : error.message, values }, { status: error.status });
  }
}

const EMPTY = { name: "", kind: "", businessUnitId: "", description: "" };

export default function Providers() {
  const { providers, units, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title="Providers"
        description="Who provides the services: the bank's own units (IT, Facilities, HR, Finance…) and external suppliers. Each service names its provider."
        breadcrumbs={[{ to: "/services", label: "Services" }]}
      />
      <div className="stack-lg">
        {providers.length === 0 ? (
          <EmptyState title="No providers yet">{canEdit ? "Add the first below: IT, say, or the supplier of the contact centre." : "A relationship manager adds them as services are defined."}</EmptyState>
        ) : (
          <Table caption="Providers" hideCaption>
            <thead>
              <tr>
                <th scope="col">Provider</th>
                <th scope="col">Kind</th>
                <th scope="col">Business unit</th>
                <th scope="col">Services it provides</th>
              </tr>
            </thead>
            <tbody>
              {providers.map((p) => (
                <tr key={p.id}>
                  <td>
                    <strong>{p.name}</strong>
                    {p.description ? <div className="muted small">{p.description}</div> : null}
                  </td>
                  <td>{p.kind === "internal" ? <Badge tone="info">Internal</Badge> : <Badge>External supplier</Badge>}</td>
                  <td>{p.unitName ?? <span className="muted">—</span>}</td>
                  <td>
                    {p.services.length === 0 ? (
                      <span className="muted">None yet</span>
                    ) : (
                      <>
                        <strong>{p.services.length}</strong>
                        <span className="muted small">: </span>
                        <span className="small">
                          {p.services.map((s, i) => (
                            <span key={s.id}>
                              {i ? ", " : ""}
                              <Link to={`/services/${s.id}`}>{s.name}</Link>
                            </span>
                          ))}
                        </span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {canEdit ? <AddProvider units={units} server={actionData} /> : null}
      </div>
    </>
  );
}

function AddProvider({
  units,
  server,
}: {
  units: { id: string; name: string }[];
  server: { errors: Record<string, string>; formError?: string; values: Record<string, string | string[]> } | undefined;
}) {
  const typed = server?.values;
  const { onSubmit, register, choice, errorFor, form } = useRemixForm(providerSchema, {
    server,
    defaultValues: typed ? { ...EMPTY, ...typed } : EMPTY,
    resetOnSuccess: true,
  });
  const hydrated = useHydrated();
  const kind = form.watch("kind") as string | undefined;
  return (
    <Panel title="Add a provider" narrow>
      <FormError message={server?.formError} />
      <RemixForm method="post" onSubmit={onSubmit}>
        <Field label="Name" placeholder="Branch Facilities, or the supplier's name" error={errorFor("name")} {...register("name")} />
        <div className="field">
          <fieldset className="stack plain-fieldset" aria-describedby={errorFor("kind") ? "provider-kind-error" : undefined}>
          <legend className="field-label">Kind</legend>
          <label className="radio">
            <input type="radio" {...choice("kind", "internal")} /> Internal: one of the bank's own units
          </label>
          <label className="radio">
            <input type="radio" {...choice("kind", "external")} /> External supplier
          </label>
          {errorFor("kind") ? (
            <p className="field-error" id="provider-kind-error">
              {errorFor("kind")}
            </p>
          ) : null}
          </fieldset>
        </div>
        {kind === "internal" || !hydrated || errorFor("businessUnitId") ? (
          <SelectField
            label="Business unit"
            help="For an internal provider: the unit it is. Leave it empty for an external supplier."
            placeholder="Choose the unit"
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            error={errorFor("businessUnitId")}
            {...register("businessUnitId")}
          />
        ) : null}
        <TextareaField label="Description" optional rows={3} help="What it provides, in a sentence." error={errorFor("description")} {...register("description")} />
        <FormActions submit="Add the provider" />
      </RemixForm>
    </Panel>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
