import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { NeedForm } from "../components/needs/need-form";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { fieldErrors } from "../domain/fields";
import { editNeedSchema, needRef } from "../domain/need";
import { unitOptions } from "../models/business-unit.server";
import { AppError } from "../models/errors.server";
import { needFacets } from "../models/need-board.server";
import { criticalPeriodsFor, getNeed } from "../models/need-detail.server";
import { updateNeed } from "../models/need.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit ${needRef(data.need.number)} · Charter` : "Edit need · Charter" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "needs:edit" });
  const found = await getNeed({ id: requireIdParam(params.needId), viewer: user });
  if (!found) throw notFound("That need does not exist.");
  if (found.need.merged) throw redirect(`/needs/${found.need.id}`);
  const [units, facets, periods] = await Promise.all([unitOptions(), needFacets(user), criticalPeriodsFor(
      found.quotes.filter((q) => q.text !== null).map((q) => q.id),
      user,
    )]);
  // Units archived since keep their place on the need: offered (and ticked) so that saving keeps them.
  const archived = found.need.units.filter((u) => u.own && !units.some((a) => a.id === u.id)).map((u) => ({ id: u.id, name: `${u.name} (archived)` }));
  return json({ need: found.need, units: [...units.map((u) => ({ id: u.id, name: u.name })), ...archived], processes: facets.processes, periods });
}

/** Saves the edit against the revision the form was opened at; a refusal keeps what was typed. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "needs:edit" });
  const id = requireIdParam(params.needId);
  const values = formDataToObject(await readFormData(request));
  const parsed = editNeedSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), formError: undefined, values }, { status: 400 });
  try {
    const { changed } = await updateNeed({ id, input: parsed.data, viewer: user, actor: actorFor(user, requestMeta(request, context)) });
    return redirectWithFlash(`/needs/${id}`, { kind: "success", message: changed ? "Need saved." : "Nothing had changed." });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404) throw notFound(error.message);
    return json({ errors: error.field ? { [error.field]: error.message } : {}, formError: error.field ? undefined : error.message, values }, { status: error.status });
  }
}

export default function EditNeed() {
  const { need, units, processes, periods } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const typed = actionData?.values;
  const stale = actionData?.formError && actionData.formError.startsWith("Someone else");
  return (
    <>
      <PageHeader
        title={`Edit ${needRef(need.number)}`}
        breadcrumbs={[
          { to: "/needs", label: "Needs" },
          { to: `/needs/${need.id}`, label: needRef(need.number) },
        ]}
      />
      <Panel narrow>
        {stale ? (
          <div className="flash flash-info" role="status">
            <p>
              The need now reads: <strong>{need.statement}</strong>. Saving again applies your version over it.
            </p>
          </div>
        ) : null}
        <NeedForm
          key={need.revision}
          defaultValues={
            typed
              ? { ...typed, unitIds: Array.isArray(typed.unitIds) ? typed.unitIds : typed.unitIds ? [typed.unitIds] : [] }
              : { statement: need.statement, outcome: need.outcome, process: need.process, criticalPeriod: need.criticalPeriod, pain: need.pain, category: need.category, unitIds: need.units.filter((u) => u.own).map((u) => u.id) }
          }
          server={actionData}
          units={units}
          criticalPeriods={periods}
          processes={processes}
          submit="Save changes"
          cancelTo={`/needs/${need.id}`}
          excludeId={need.id}
          hidden={{ revision: String(need.revision) }}
          draftKey={`need-edit-${need.id}-${need.revision}`}
        />
      </Panel>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
