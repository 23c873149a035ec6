import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { NeedForm } from "../components/needs/need-form";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { fieldErrors } from "../domain/fields";
import { createNeedSchema, needRef } from "../domain/need";
import { unitOptions } from "../models/business-unit.server";
import { evidenceByIds } from "../models/evidence.server";
import { needFacets } from "../models/need-board.server";
import { criticalPeriodsFor } from "../models/need-detail.server";
import { createNeed } from "../models/need.server";
import { AppError } from "../models/errors.server";
import { requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "New need · Charter" }];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A need written from the evidence chosen on an interview (?evidence=…), or from nothing. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "needs:edit" });
  const asked = [...new Set(new URL(request.url).searchParams.getAll("evidence"))].slice(0, 200);
  const ids = asked.filter((id) => UUID.test(id));
  const [chosen, units, facets] = await Promise.all([evidenceByIds({ ids, viewer: user }), unitOptions(), needFacets(user)]);
  const periods = await criticalPeriodsFor(
    chosen.map((e) => e.id),
    user,
  );
  const unitIds = [...new Set(chosen.flatMap((e) => [e.unitId, ...e.people.map((p) => p.unitId)]))];
  return json({
    evidence: chosen,
    missing: asked.length - chosen.length,
    units: units.map((u) => ({ id: u.id, name: u.name })),
    suggestedUnits: unitIds.filter((id) => units.some((u) => u.id === id)),
    processes: facets.processes,
    periods,
  });
}

/** Writes the need; a refusal comes back with what was typed, so nothing is lost without JavaScript either. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "needs:edit" });
  const values = formDataToObject(await readFormData(request));
  const parsed = createNeedSchema.safeParse(values);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return json({ errors, formError: errors.evidenceIds, values }, { status: 400 });
  }
  try {
    const row = await createNeed({ input: parsed.data, viewer: user, actor: actorFor(user, requestMeta(request, context)) });
    return redirectWithFlash(`/needs/${row.id}`, { kind: "success", message: `${needRef(row.number)} written. Check the possible duplicates below.` });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const onForm = error.field && error.field !== "evidenceIds";
    return json({ errors: onForm ? { [error.field!]: error.message } : {}, formError: onForm ? undefined : error.message, values }, { status: error.status === 404 ? 400 : error.status });
  }
}

export default function NewNeed() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title="New need" description="A requirement in the business's own language, backed by what stakeholders said." breadcrumbs={[{ to: "/needs", label: "Needs" }]} />
      <div className="stack-lg">
        {data.evidence.length || data.missing ? (
          <Panel title={`From ${data.evidence.length} quote${data.evidence.length === 1 ? "" : "s"}`}>
            {data.missing ? <p className="form-error">{data.missing === 1 ? "One chosen quote" : `${data.missing} chosen quotes`} could not be used: removed, or from an interview you may not see.</p> : null}
            <ul className="quote-list">
              {data.evidence.map((e) => (
                <li key={e.id} className="quote-card">
                  <blockquote className="quote-text">{e.text}</blockquote>
                  <p className="quote-cite small">
                    {e.saidBy} · {e.heardIn}
                  </p>
                </li>
              ))}
            </ul>
          </Panel>
        ) : null}
        <Panel narrow>
          <NeedForm
            defaultValues={
              actionData?.values
                ? { ...actionData.values, unitIds: [actionData.values.unitIds ?? []].flat() }
                : { statement: "", outcome: "", process: "", criticalPeriod: data.periods.length === 1 ? data.periods[0] : "", pain: "", category: "", unitIds: data.suggestedUnits }
            }
            server={actionData}
            units={data.units}
            criticalPeriods={data.periods}
            processes={data.processes}
            submit="Save the need"
            cancelTo="/needs"
            hidden={{ evidenceIds: data.evidence.map((e) => e.id) }}
            draftKey={`need-new-${data.evidence.map((e) => e.id).join(",").slice(0, 80)}`}
          />
        </Panel>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
