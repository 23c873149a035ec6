import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { StakeholderFields } from "../components/stakeholder-fields";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { stakeholderSchema } from "../domain/stakeholder";
import { unitOptions } from "../models/business-unit.server";
import { createStakeholder } from "../models/stakeholder.server";
import { requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { appErrorResponse, badRequest, parseForm } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Add a stakeholder · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "stakeholders:manage" });
  const units = await unitOptions();
  return json({ units: units.map((u) => ({ value: u.id, label: u.name })) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "stakeholders:manage" });
  const parsed = await parseForm(request, stakeholderSchema);
  if (!parsed.ok) return badRequest(parsed.errors, undefined, parsed.values);
  try {
    await createStakeholder({ input: parsed.data, actor: actorFor(user, requestMeta(request, context)) });
    return redirectWithFlash("/stakeholders", { kind: "success", message: `${parsed.data.name} added.` });
  } catch (error) {
    return appErrorResponse(error, parsed.values);
  }
}

export default function NewStakeholder() {
  const { units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { onSubmit, register, errorFor, restored } = useRemixForm(stakeholderSchema, {
    server: actionData,
    defaultValues: { name: "", title: "", level: "", businessUnitId: "", email: "" },
    draftKey: "stakeholder-new",
  });
  return (
    <>
      <PageHeader title="Add a stakeholder" breadcrumbs={[{ to: "/stakeholders", label: "Stakeholders" }]} />
      <Panel narrow>
        <FormError message={actionData?.formError} />
        <RemixForm method="post" onSubmit={onSubmit} restored={restored}>
          <StakeholderFields register={register} errorFor={errorFor} units={units} />
          <FormActions submit="Add stakeholder" cancelTo="/stakeholders" />
        </RemixForm>
      </Panel>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
