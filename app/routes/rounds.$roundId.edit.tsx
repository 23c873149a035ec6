import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { Field, FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { fieldErrors } from "../domain/fields";
import { editRoundFormSchema, MAX_CRITERIA, ROUND_METHOD_LABELS, SCALE_POINTS, type Criterion } from "../domain/round";
import { AppError } from "../models/errors.server";
import { getRound, updateDraftRound } from "../models/round.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Change: ${data?.title ?? "round"} · Charter` }];

/** The form's values for a round as stored. */
function formValues(round: { title: string; deadline: string | Date | null; mustCap: number | null; revision: number; criteria: Criterion[] }) {
  const values: Record<string, string> = {
    title: round.title,
    deadline: round.deadline ? new Date(round.deadline).toISOString().slice(0, 10) : "",
    mustCap: round.mustCap === null ? "" : String(Math.round(round.mustCap * 100)),
    revision: String(round.revision),
  };
  round.criteria.forEach((c, i) => {
    Object.assign(values, { [`c${i}_key`]: c.key, [`c${i}_name`]: c.name, [`c${i}_weight`]: String(c.weight) });
    c.points.forEach((p, j) => (values[`c${i}_p${j + 1}`] = p));
  });
  return values;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "rounds:manage" });
  const id = requireIdParam(params.roundId);
  const found = await getRound({ id, viewer: user });
  if (!found) throw notFound("That round does not exist.");
  if (found.round.status !== "draft") throw redirect(`/rounds/${id}`);
  return json({ id, title: found.round.title, method: found.round.method, count: found.round.criteria.length, values: formValues(found.round) });
}

/** Saves the draft's changes; a refusal comes back with what was typed. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "rounds:manage" });
  const id = requireIdParam(params.roundId);
  const values = formDataToObject(await readFormData(request));
  const parsed = editRoundFormSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), formError: undefined as string | undefined, values }, { status: 400 });
  try {
    await updateDraftRound({ id, revision: parsed.data.revision, input: parsed.data, actor: actorFor(user, requestMeta(request, context)) });
    return redirectWithFlash(`/rounds/${id}`, { kind: "success", message: "Draft changed." });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404) throw notFound(error.message);
    return json({ errors: {} as Record<string, string>, formError: error.message, values }, { status: error.status });
  }
}

export default function EditRound() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { onSubmit, register, choice, errorFor, restored } = useRemixForm(editRoundFormSchema, {
    server: actionData,
    draftKey: `round-edit-${data.id}`,
    defaultValues: (actionData?.values as Record<string, unknown> | undefined) ?? data.values,
  });
  // The round's criteria, and one spare row to add another.
  const rows = Math.min(MAX_CRITERIA, data.count + 1);
  return (
    <>
      <PageHeader
        title={`Change: ${data.title}`}
        description={`${ROUND_METHOD_LABELS[data.method]}. A draft's details can change until it opens for scoring.`}
        breadcrumbs={[
          { to: "/rounds", label: "Prioritisation" },
          { to: `/rounds/${data.id}`, label: data.title },
        ]}
      />
      <Panel narrow>
        <FormError message={actionData?.formError} />
        <RemixForm method="post" onSubmit={onSubmit} restored={restored}>
          <input type="hidden" {...register("revision")} />
          <Field label="Title" error={errorFor("title")} {...register("title")} />
          <Field label="Deadline" type="date" optional help="Scores are taken until the end of that day." error={errorFor("deadline")} {...register("deadline")} />
          {data.method === "moscow" ? (
            <Field label="Cap on musts (%)" optional inputMode="decimal" help="The largest share of the needs each lead may call a must. Blank for no cap." error={errorFor("mustCap")} {...register("mustCap")} />
          ) : null}
          {data.method === "weighted"
            ? Array.from({ length: rows }, (_, i) => {
                const spare = i >= data.count;
                return (
                  <fieldset key={i} className="stack criterion-fieldset">
                    <legend className="field-label">{spare ? "Add a criterion" : `Criterion ${i + 1}`}</legend>
                    <input type="hidden" {...register(`c${i}_key`)} />
                    <div className="weights-grid">
                      <Field label="Name" optional={spare} error={errorFor(`c${i}_name`)} {...register(`c${i}_name`)} />
                      <Field label="Weight" type="number" inputMode="decimal" min={0} max={100} step="any" error={errorFor(`c${i}_weight`)} {...register(`c${i}_weight`)} />
                    </div>
                    {Array.from({ length: SCALE_POINTS }, (_, j) => (
                      <Field key={j} label={`${j + 1} means`} optional error={errorFor(`c${i}_p${j + 1}`)} {...register(`c${i}_p${j + 1}`)} />
                    ))}
                    {spare ? null : (
                      <label className="checkbox">
                        <input type="checkbox" {...choice(`c${i}_remove`)} /> Remove this criterion
                      </label>
                    )}
                  </fieldset>
                );
              })
            : null}
          <FormActions submit="Save the draft" cancelTo={`/rounds/${data.id}`} />
        </RemixForm>
      </Panel>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
