import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { useHydrated } from "../components/guide/question-input";
import { FormActions, RemixForm, useRemixForm, type FormChoice } from "../components/forms";
import { Field, FieldShell, FormError, SelectField } from "../components/ui/field";
import { Button } from "../components/ui/button";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { fieldErrors } from "../domain/fields";
import { DEFAULT_CRITERIA, ROUND_METHOD_LABELS, ROUND_METHODS, roundFormSchema } from "../domain/round";
import { NEED_CATEGORIES, NEED_CATEGORY_LABELS, needRef as needNumber } from "../domain/need";
import { z } from "zod";
import { AppError } from "../models/errors.server";
import { createRound, roundChoices } from "../models/round.server";
import { requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "New prioritisation round · Charter" }];

/** Needs picked by filter: `?unit=&category=&status=` ticks the needs that match (the RM can still untick some). */
const pickSchema = z.object({
  unit: z.union([z.uuid(), z.literal("")]).catch(""),
  category: z.union([z.enum(NEED_CATEGORIES), z.literal("")]).catch(""),
  status: z.enum(["open", "parked", "both"]).catch("open"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "rounds:manage" });
  const query = new URL(request.url).searchParams;
  const pick = pickSchema.parse({ unit: query.get("unit") ?? "", category: query.get("category") ?? "", status: query.get("status") ?? "open" });
  const choices = await roundChoices();
  const picked = choices.needs
    .filter((n) => (pick.status === "both" || n.status === pick.status) && (!pick.unit || n.unitIds.includes(pick.unit)) && (!pick.category || n.category === pick.category))
    .map((n) => n.id);
  return json({ ...choices, pick, picked, filtered: query.has("unit") || query.has("category") || query.has("status") });
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
  const { search } = useLocation();
  const { onSubmit, register, choice, errorFor, restored, form } = useRemixForm(roundFormSchema, {
    server: actionData,
    // A new filter starts a new pick: the typed draft is kept per filter.
    draftKey: `round-new${search}`,
    defaultValues: typed
      ? { ...typed, needIds: list(typed.needIds), scorerIds: list(typed.scorerIds), observerIds: list(typed.observerIds) }
      : {
          title: "",
          method: "weighted",
          deadline: "",
          mustCap: "",
          ...Object.fromEntries(DEFAULT_CRITERIA.map((c) => [`weight_${c.key}`, String(c.weight)])),
          needIds: data.picked,
          scorerIds: data.leads.map((l) => l.id),
          observerIds: [],
        },
  });
  const hydrated = useHydrated();
  const method = form.watch("method") as string | undefined;
  return (
    <>
      <PageHeader title="New prioritisation round" description="Choose the needs, who scores them and how; the draft can still change before it opens." breadcrumbs={[{ to: "/rounds", label: "Prioritisation" }]} />
      <Panel narrow>
        <Form method="get" className="stack pick-filter" aria-labelledby="pick-heading">
          <h2 id="pick-heading" className="field-label">
            Pick needs by filter
          </h2>
          <div className="weights-grid">
            <SelectField label="Unit" name="unit" defaultValue={data.pick.unit} placeholder="Any unit" options={data.units.map((u) => ({ value: u.id, label: u.name }))} />
            <SelectField label="Category" name="category" defaultValue={data.pick.category} placeholder="Any category" options={NEED_CATEGORIES.map((c) => ({ value: c, label: NEED_CATEGORY_LABELS[c] }))} />
            <SelectField
              label="Status"
              name="status"
              defaultValue={data.pick.status}
              options={[
                { value: "open", label: "Open" },
                { value: "parked", label: "Parked" },
                { value: "both", label: "Open or parked" },
              ]}
            />
          </div>
          <div className="row">
            <Button type="submit" variant="secondary">
              Tick the needs that match
            </Button>
            {data.filtered ? <span className="small muted">{data.picked.length} needs match and are ticked below.</span> : null}
          </div>
        </Form>
        <FormError message={actionData?.formError} />
        <RemixForm method="post" onSubmit={onSubmit} restored={restored}>
          <Field label="Title" placeholder="Priorities for 2027" error={errorFor("title")} {...register("title")} />
          <Field label="Deadline" type="date" optional help="Scores are taken until the end of that day." error={errorFor("deadline")} {...register("deadline")} />
          <fieldset className="stack plain-fieldset">
            <legend className="field-label">Method</legend>
            {ROUND_METHODS.map((m) => (
              <label key={m} className="radio">
                <input type="radio" {...choice("method", m)} /> {ROUND_METHOD_LABELS[m]}
              </label>
            ))}
            {errorFor("method") ? <p className="field-error">{errorFor("method")}</p> : null}
          </fieldset>
          {method === "moscow" || !hydrated ? (
            <Field
              label="Cap on musts (%)"
              optional
              inputMode="decimal"
              help="MoSCoW only: the largest share of the needs each lead may call a must. Blank for no cap."
              error={errorFor("mustCap")}
              {...register("mustCap")}
            />
          ) : null}
          <fieldset className="stack plain-fieldset" hidden={hydrated && method !== "weighted"}>
            <legend className="field-label">Weights</legend>
            <p className="field-help">Weighted criteria only: how much each criterion counts. Only the proportions matter: 2, 1, 1, 1 is the same as 4, 2, 2, 2. Names and scale descriptions can be changed on the draft.</p>
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
                    <input type="checkbox" {...choice("needIds", n.id)} />
                    <span>
                      <span className="need-ref">{needNumber(n.number)}</span> {n.statement}
                      {n.status === "parked" ? <span className="muted"> (parked)</span> : null}
                    </span>
                  </label>
                ))}
              </div>
            )}
          </FieldShell>
          <PeopleChecklist label="Business leads who score" people={data.leads} error={errorFor("scorerIds")} field={(id) => choice("scorerIds", id)} />
          <PeopleChecklist label="Executives who observe" optional people={data.executives} error={errorFor("observerIds")} field={(id) => choice("observerIds", id)} />
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
  field: (id: string) => ReturnType<FormChoice>;
}) {
  return (
    <FieldShell label={label} optional={optional} error={error}>
      {({ id, describedBy }) => (
        <div className="checklist checklist-columns" id={id} role="group" aria-describedby={describedBy}>
          {people.map((p) => (
            <label key={p.id}>
              <input type="checkbox" {...field(p.id)} />
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
