import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { StakeholderFields } from "../components/stakeholder-fields";
import { Button } from "../components/ui/button";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { SupportedNeeds } from "../components/needs/need-bits";
import { stakeholderActionSchema, stakeholderSchema } from "../domain/stakeholder";
import { unitOptions } from "../models/business-unit.server";
import { deleteStakeholder, getStakeholder, updateStakeholder } from "../models/stakeholder.server";
import { needsSupportedBy } from "../models/need-board.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { appErrorResponse, badRequest, parseForm } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.stakeholder.name ?? "Stakeholder"} · Charter` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "stakeholders:manage" });
  const id = requireIdParam(params.stakeholderId);
  const [stakeholder, units, needs] = await Promise.all([getStakeholder(id), unitOptions(), needsSupportedBy({ viewer: user, stakeholderId: id })]);
  if (!stakeholder) throw notFound("That stakeholder does not exist.");
  return json({ stakeholder, units: units.map((u) => ({ value: u.id, label: u.name })), needs });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "stakeholders:manage" });
  const id = requireIdParam(params.stakeholderId);
  const parsed = await parseForm(request, stakeholderActionSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.errors.intent, parsed.values);
  const actor = actorFor(user, requestMeta(request, context));
  try {
    if (parsed.data.intent === "delete") {
      await deleteStakeholder({ id, actor });
      return redirectWithFlash("/stakeholders", { kind: "success", message: "Stakeholder removed." });
    }
    const { intent: _intent, ...input } = parsed.data;
    await updateStakeholder({ id, input, actor });
    return redirectWithFlash(`/stakeholders/${id}`, { kind: "success", message: "Changes saved." });
  } catch (error) {
    return appErrorResponse(error, parsed.values);
  }
}

export default function EditStakeholder() {
  const { stakeholder, units, needs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { onSubmit, register, errorFor } = useRemixForm(stakeholderSchema, {
    server: actionData,
    defaultValues: {
      name: stakeholder.name,
      title: stakeholder.title,
      level: stakeholder.level,
      businessUnitId: stakeholder.businessUnitId,
      email: stakeholder.email ?? "",
    },
  });
  return (
    <>
      <PageHeader title={stakeholder.name} description={stakeholder.title} breadcrumbs={[{ to: "/stakeholders", label: "Stakeholders" }]} />
      <div className="stack-lg">
        <FormError message={actionData?.formError} />
        <Panel title="Details" narrow>
          <RemixForm method="post" onSubmit={onSubmit}>
            <input type="hidden" name="intent" value="update" />
            <StakeholderFields register={register} errorFor={errorFor} units={units} />
            <FormActions submit="Save changes" />
          </RemixForm>
        </Panel>
        <Panel title={`Needs ${stakeholder.name} supports (${needs.length})`}>
          <SupportedNeeds needs={needs} empty="Nothing they said has been quoted behind a need yet." />
          {needs.length ? (
            <p className="small">
              <Link to={`/needs?stakeholder=${stakeholder.id}`}>See them on the needs board</Link>
            </p>
          ) : null}
        </Panel>
        <Panel title="Remove" narrow>
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <p className="small">Removes {stakeholder.name} from the list. The audit trail keeps the record that they were removed.</p>
            <Button type="submit" variant="danger">
              Remove {stakeholder.name}
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
