import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { Field, FieldShell, FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { fieldErrors } from "../domain/fields";
import { needRef } from "../domain/need";
import { DEFAULT_CRITERIA, roundFormSchema } from "../domain/round";
import { AppError } from "../models/errors.server";
import { createRound, roundChoices } from "../models/round.server";
import { requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "New prioritisation round · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "rounds:manage" });
  return json(await roundChoices());
}

/** Drafts the round; a refusal comes back with what was typed. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "rounds:manage" });
  const values = formDataToObject(await readFormData(request));
  const parsed = roundFormSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), formError: undefined, values }, { status: 400 });
  try {
    const row = await createRound({ input: parsed.data, actor: actorFor(user, requestMeta(request, context)) });
    return redirectWithFlash(`/rounds/${row.id}`, { kind: "success", message: "Round drafted. Check it, then open it for scoring." });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return json({ errors: error.field ? { [error.field]: error.message } : {}, formError: error.field ? undefined : error.message, values }, { status: error.status });
  }
}

const list = (v: unknown) => (Array.isArray(v) ? v : v ? [v] : []) as string[];

export default function NewRound() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const typed = actionData?.values;
  const { onSubmit, register, errorFor, restored } = useRemixForm(roundFormSchema, {
    server: actionData,
    draftKey: "round-new",
    defaultValues: typed
      ? { ...typed, needIds: list(typed.needIds), scorerIds: list(typed.scorerIds), observerIds: list(typed.observerIds) }
      : {
          title: "",
          deadline: "",
          ...Object.fromEntries(DEFAULT_CRITERIA.map((c) => [`weight_${c.key}`, String(c.weight)])),
          needIds: data.needs.filter((n) => n.status === "open").map((n) => n.id),
          scorerIds: data.leads.map((l) => l.id),
          observerIds: [],
        },
  });
  return (
    <>
      <PageHeader title="New prioritisation round" description="Weighted criteria: each business lead scores each need from 1 to 5 on each criterion." breadcrumbs={[{ to: "/rounds", label: "Prioritisation" }]} />
      <Panel narrow>
        <FormError message={actionData?.formError} />
        <RemixForm method="post" onSubmit={onSubmit} restored={restored}>
          <Field label="Title" placeholder="Priorities for 2027" error={errorFor("title")} {...register("title")} />
          <Field label="Deadline" type="date" optional help="Scores are taken until the end of that day." error={errorFor("deadline")} {...register("deadline")} />
          <fieldset className="stack plain-fieldset">
            <legend className="field-label">Weights</legend>
            <p className="field-help">How much each criterion counts. Only the proportions matter: 2, 1, 1, 1 is the same as 4, 2, 2, 2.</p>
            <div className="weights-grid">
              {DEFAULT_CRITERIA.map((c) => (
                <Field key={c.key} label={c.name} type="number" inputMode="decimal" min={0} max={100} step="any" error={errorFor(`weight_${c.key}`)} {...register(`weight_${c.key}`)} />
              ))}
            </div>
          </fieldset>
          <FieldShell label={`Needs (${data.needs.length} open or parked)`} help="Most support first." error={errorFor("needIds")}>
            {({ id, describedBy }) => (
              <div className="checklist" id={id} role="group" aria-describedby={describedBy}>
                {data.needs.map((n) => (
                  <label key={n.id}>
                    <input type="checkbox" value={n.id} {...register("needIds")} />
                    <span>
                      <span className="need-ref">{needRef(n.number)}</span> {n.statement}
                      {n.status === "parked" ? <span className="muted"> (parked)</span> : null}
                    </span>
                  </label>
                ))}
              </div>
            )}
          </FieldShell>
          <PeopleChecklist label="Business leads who score" people={data.leads} error={errorFor("scorerIds")} field={register("scorerIds")} />
          <PeopleChecklist label="Executives who observe" optional people={data.executives} error={errorFor("observerIds")} field={register("observerIds")} />
          <FormActions submit="Draft the round" cancelTo="/rounds" />
        </RemixForm>
      </Panel>
    </>
  );
}

/** A ticked list of people (name and title) bound to one form field. */
function PeopleChecklist({
  label,
  optional,
  people,
  error,
  field,
}: {
  label: string;
  optional?: boolean;
  people: { id: string; name: string; title: string }[];
  error?: string;
  field: UseFormRegisterReturn;
}) {
  return (
    <FieldShell label={label} optional={optional} error={error}>
      {({ id, describedBy }) => (
        <div className="checklist checklist-columns" id={id} role="group" aria-describedby={describedBy}>
          {people.map((p) => (
            <label key={p.id}>
              <input type="checkbox" value={p.id} {...field} />
              <span>
                {p.name} <span className="muted">{p.title}</span>
              </span>
            </label>
          ))}
        </div>
      )}
    </FieldShell>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
