import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { factsFormValues, ServiceFactsFields } from "../components/services/service-fields";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { fieldErrors } from "../domain/fields";
import { serviceFactsSchema } from "../domain/service";
import { AppError } from "../models/errors.server";
import { getService } from "../models/service-detail.server";
import { listProviders, updateServiceFacts } from "../models/service.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.name ?? "service"} · Charter` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "services:edit" });
  const id = requireIdParam(params.serviceId);
  const [found, providers] = await Promise.all([getService(id), listProviders()]);
  if (!found) throw notFound("That service does not exist.");
  return json({ id, name: found.service.name, revision: found.service.revision, values: factsFormValues(found.service as unknown as Record<string, unknown>), providers });
}

/** Saves the facts against the revision the form was opened at; a refusal keeps what was typed. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "services:edit" });
  const id = requireIdParam(params.serviceId);
  const values = formDataToObject(await readFormData(request));
  const parsed = serviceFactsSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), formError: undefined as string | undefined, values }, { status: 400 });
  const revision = Number(values.revision);
  if (!Number.isInteger(revision)) return json({ errors: {} as Record<string, string>, formError: "The page was incomplete: load it again", values }, { status: 400 });
  try {
    await updateServiceFacts({ id, revision, input: parsed.data, actor: actorFor(user, requestMeta(request, context)) });
    return redirectWithFlash(`/services/${id}`, { kind: "success", message: "Details saved." });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404) throw notFound(error.message);
    return json({ errors: error.field ? { [error.field]: error.message } : ({} as Record<string, string>), formError: error.field ? undefined : error.message, values }, { status: error.status });
  }
}

export default function EditService() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const typed = actionData?.values as Record<string, unknown> | undefined;
  const { onSubmit, register, errorFor, restored } = useRemixForm(serviceFactsSchema, {
    server: actionData,
    draftKey: `service-edit-${data.id}`,
    defaultValues: typed ? factsFormValues(typed) : data.values,
  });
  return (
    <>
      <PageHeader
        title={`Edit ${data.name}`}
        breadcrumbs={[
          { to: "/services", label: "Services" },
          { to: `/services/${data.id}`, label: data.name },
        ]}
      />
      <Panel narrow>
        <FormError message={actionData?.formError} />
        <RemixForm method="post" onSubmit={onSubmit} restored={restored}>
          <input type="hidden" name="revision" value={typed?.revision ? String(typed.revision) : String(data.revision)} />
          <ServiceFactsFields register={register} errorFor={errorFor} providers={data.providers} />
          <FormActions submit="Save the details" cancelTo={`/services/${data.id}`} />
        </RemixForm>
      </Panel>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
