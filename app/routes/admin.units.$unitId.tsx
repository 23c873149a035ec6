import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { Button } from "../components/ui/button";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { UnitFields } from "../components/unit-fields";
import { businessUnitActionSchema, businessUnitSchema } from "../domain/business-unit";
import { getBusinessUnit, setBusinessUnitArchived, updateBusinessUnit } from "../models/business-unit.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { appErrorResponse, badRequest, parseForm } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.unit.name ?? "Business unit"} · Charter` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "units:manage" });
  const unit = await getBusinessUnit(requireIdParam(params.unitId));
  if (!unit) throw notFound("That business unit does not exist.");
  return json({ unit });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, { capability: "units:manage" });
  const id = requireIdParam(params.unitId);
  const parsed = await parseForm(request, businessUnitActionSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.errors.intent, parsed.values);
  const actor = actorFor(admin, requestMeta(request, context));
  const path = `/admin/units/${id}`;
  try {
    if (parsed.data.intent === "update") {
      const { intent: _intent, ...input } = parsed.data;
      await updateBusinessUnit({ id, input, actor });
      return redirectWithFlash(path, { kind: "success", message: "Changes saved." });
    }
    const archived = parsed.data.intent === "archive";
    await setBusinessUnitArchived({ id, archived, actor });
    return redirectWithFlash(path, {
      kind: "success",
      message: archived ? "Archived. It is no longer offered in lists; its history stays." : "Restored.",
    });
  } catch (error) {
    return appErrorResponse(error, parsed.values);
  }
}

export default function EditUnit() {
  const { unit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { onSubmit, register, errorFor } = useRemixForm(businessUnitSchema, {
    server: actionData,
    defaultValues: { name: unit.name, code: unit.code, description: unit.description },
  });
  return (
    <>
      <PageHeader
        title={unit.name}
        description={unit.archivedAt ? <Badge>Archived</Badge> : undefined}
        breadcrumbs={[{ to: "/admin/units", label: "Business units" }]}
      />
      <div className="stack-lg">
        <FormError message={actionData?.formError} />
        <Panel title="Details" narrow>
          <RemixForm method="post" onSubmit={onSubmit}>
            <input type="hidden" name="intent" value="update" />
            <UnitFields register={register} errorFor={errorFor} />
            <FormActions submit="Save changes" />
          </RemixForm>
        </Panel>
        <Panel title={unit.archivedAt ? "Restore" : "Archive"} narrow>
          <Form method="post">
            <input type="hidden" name="intent" value={unit.archivedAt ? "restore" : "archive"} />
            <p className="small">
              {unit.archivedAt
                ? "Restoring offers the unit again for new users, stakeholders and interviews."
                : "Archiving stops offering the unit for new users, stakeholders and interviews. Nothing recorded against it is lost."}
            </p>
            <Button type="submit" variant="secondary">
              {unit.archivedAt ? "Restore" : "Archive"} {unit.name}
            </Button>
          </Form>
        </Panel>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
