import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { UnitFields } from "../components/unit-fields";
import { businessUnitSchema } from "../domain/business-unit";
import { createBusinessUnit } from "../models/business-unit.server";
import { requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { appErrorResponse, badRequest, parseForm } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Add a business unit · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "units:manage" });
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, { capability: "units:manage" });
  const parsed = await parseForm(request, businessUnitSchema);
  if (!parsed.ok) return badRequest(parsed.errors, undefined, parsed.values);
  try {
    await createBusinessUnit({ input: parsed.data, actor: actorFor(admin, requestMeta(request, context)) });
    return redirectWithFlash("/admin/units", { kind: "success", message: `${parsed.data.name} added.` });
  } catch (error) {
    return appErrorResponse(error, parsed.values);
  }
}

export default function NewUnit() {
  const actionData = useActionData<typeof action>();
  const { onSubmit, register, errorFor, restored } = useRemixForm(businessUnitSchema, {
    server: actionData,
    defaultValues: { name: "", code: "", description: "" },
    draftKey: "admin-unit-new",
  });
  return (
    <>
      <PageHeader title="Add a business unit" breadcrumbs={[{ to: "/admin/units", label: "Business units" }]} />
      <Panel narrow>
        <FormError message={actionData?.formError} />
        <RemixForm method="post" onSubmit={onSubmit} restored={restored}>
          <UnitFields register={register} errorFor={errorFor} />
          <FormActions submit="Add business unit" cancelTo="/admin/units" />
        </RemixForm>
      </Panel>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
