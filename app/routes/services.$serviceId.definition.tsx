import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { sql } from "drizzle-orm";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FormActions, RemixForm, useRemixForm, type FormRegister } from "../components/forms";
import { Field, FormError, SelectField, TextareaField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { db } from "../db.server";
import { DEFINITION_HELP, MEASURE_KIND_LABELS, MEASURE_KINDS, WEEKDAY_LABELS, WEEKDAYS } from "../domain/definition";
import { definitionFormSchema, definitionFromForm, definitionToForm, needNumbersIn, rowsIn, SPARE_ROWS, type FormValues } from "../domain/definition-form";
import { AppError } from "../models/errors.server";
import { rowsOf } from "../models/rows.server";
import { getService } from "../models/service-detail.server";
import { saveDraft } from "../models/service.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Definition of ${data?.name ?? "a service"} · Charter` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "services:edit" });
  const found = await getService(requireIdParam(params.serviceId));
  if (!found) throw notFound("That service does not exist.");
  const s = found.service;
  return json({
    id: s.id,
    name: s.name,
    revision: s.revision,
    values: definitionToForm(s.draft, (id) => found.needs[id]?.number ?? null),
    periods: s.draft.criticalPeriods.map((p) => ({ id: p.id, name: p.name })),
    units: Object.entries(found.units).map(([id, name]) => ({ id, name })),
  });
}

/** The needs a form names, by number: one query. */
async function lookupNeeds(numbers: number[]) {
  if (!numbers.length) return new Map<number, { id: string; mergedIntoNumber: number | null }>();
  const rows = rowsOf<{ id: string; number: number; merged: number | null }>(
    await db().execute(sql`select n.id, n.number, s.number as merged from needs n left join needs s on s.id = n.survivor_id and n.merged_into is not null
      where n.number = any(${`{${numbers.join(",")}}`}::int[])`),
  );
  return new Map(rows.map((r) => [r.number, { id: r.id, mergedIntoNumber: r.merged }]));
}

type ActionData = { errors: Record<string, string>; formError?: string; values: FormValues };

/** Saves the draft against the revision it was opened at; a refusal keeps every typed value, with each problem on its field. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "services:edit" });
  const id = requireIdParam(params.serviceId);
  const raw = formDataToObject(await readFormData(request));
  const values: FormValues = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(Array.isArray(v) ? (v[0] ?? "") : v)]));
  const revision = Number(values.revision);
  if (!Number.isInteger(revision)) return json<ActionData>({ errors: {}, formError: "The page was incomplete: load it again", values }, { status: 400 });
  const result = definitionFromForm(values, await lookupNeeds(needNumbersIn(values)));
  if (!result.ok) return json<ActionData>({ errors: result.errors, formError: "Some parts need correcting: see the marked fields. Nothing was saved.", values }, { status: 400 });
  try {
    await saveDraft({ id, revision, definition: result.definition, actor: actorFor(user, requestMeta(request, context)) });
    return redirectWithFlash(`/services/${id}`, { kind: "success", message: "Definition saved." });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404) throw notFound(error.message);
    return json<ActionData>({ errors: {}, formError: error.message, values }, { status: error.status });
  }
}

type Reg = FormRegister;
type ErrorFor = (name: string) => string | undefined;

const NEEDS_HELP = "Needs this answers, by number: N-3, N-12";

export default function DefinitionEditor() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? data.values;
  const { onSubmit, register, errorFor, restored } = useRemixForm(definitionFormSchema, {
    server: actionData,
    draftKey: `definition-${data.id}-${data.revision}`,
    defaultValues: { ...values, revision: String(data.revision) },
  });
  const rows = (list: "o" | "in" | "out" | "p" | "l" | "c") => Array.from({ length: rowsIn(values, list) + SPARE_ROWS }, (_, i) => i);
  const r: Reg = register;
  return (
    <>
      <PageHeader
        title={`Definition of ${data.name}`}
        description="In business language: what it is for, for whom, how well, and when it matters most. Blank rows are left out; save to get more."
        breadcrumbs={[
          { to: "/services", label: "Services" },
          { to: `/services/${data.id}`, label: data.name },
        ]}
      />
      <Panel>
        <FormError message={actionData?.formError} />
        <RemixForm method="post" onSubmit={onSubmit} restored={restored} className="stack-lg">
          <input type="hidden" {...register("revision")} />
          <TextareaField label="Purpose" help={DEFINITION_HELP.purpose} rows={3} error={errorFor("purpose")} {...register("purpose")} />

          <Section title="Business outcomes it enables" help={DEFINITION_HELP.outcomes}>
            {rows("o").map((i) => (
              <fieldset key={i} className="editor-row">
                <legend>{i < rowsIn(values, "o") ? `Outcome ${i + 1}` : "Add an outcome"}</legend>
                <input type="hidden" {...register(`o_${i}_id`)} />
                <Field label="Outcome" optional error={errorFor(`o_${i}_text`)} {...register(`o_${i}_text`)} />
                <Field label="Answers needs" optional help={NEEDS_HELP} error={errorFor(`o_${i}_needs`)} {...register(`o_${i}_needs`)} />
              </fieldset>
            ))}
          </Section>

          <Section title="Consumers" help={DEFINITION_HELP.consumers}>
            {rows("c").map((i) => (
              <fieldset key={i} className="editor-row">
                <legend>{i < rowsIn(values, "c") ? `Consumer ${i + 1}` : "Add a consumer"}</legend>
                <div className="weights-grid">
                  <SelectField label="Business unit" optional placeholder="None" options={data.units.map((u) => ({ value: u.id, label: u.name }))} error={errorFor(`c_${i}_unit`)} {...register(`c_${i}_unit`)} />
                  <Field label="Who speaks for it" optional error={errorFor(`c_${i}_speaker`)} {...register(`c_${i}_speaker`)} />
                </div>
                <Field label="Note" optional error={errorFor(`c_${i}_note`)} {...register(`c_${i}_note`)} />
              </fieldset>
            ))}
          </Section>

          <Section title="Scope" help={DEFINITION_HELP.scope}>
            <div className="grid-2">
              <div>
                {rows("in").map((i) => (
                  <fieldset key={i} className="editor-row">
                    <legend>{i < rowsIn(values, "in") ? `In scope ${i + 1}` : "Add to what is in scope"}</legend>
                    <input type="hidden" {...register(`in_${i}_id`)} />
                    <Field label="In scope" optional error={errorFor(`in_${i}_text`)} {...register(`in_${i}_text`)} />
                    <Field label="Answers needs" optional help={NEEDS_HELP} error={errorFor(`in_${i}_needs`)} {...register(`in_${i}_needs`)} />
                  </fieldset>
                ))}
              </div>
              <div>
                {rows("out").map((i) => (
                  <fieldset key={i} className="editor-row">
                    <legend>{i < rowsIn(values, "out") ? `Not in scope ${i + 1}` : "Add to what is not in scope"}</legend>
                    <input type="hidden" {...register(`out_${i}_id`)} />
                    <Field label="Not in scope" optional error={errorFor(`out_${i}_text`)} {...register(`out_${i}_text`)} />
                  </fieldset>
                ))}
              </div>
            </div>
          </Section>

          <Section title="Hours of service" help={DEFINITION_HELP.hours}>
            <Field label="In a sentence" optional error={errorFor("hoursSummary")} {...register("hoursSummary")} />
            <div className="coverage-grid">
              {WEEKDAYS.map((d) => (
                <fieldset key={d} className="plain-fieldset">
                  <legend className="field-label">{WEEKDAY_LABELS[d]}</legend>
                  <div className="weights-grid">
                    <Field label="From" type="time" optional error={errorFor(`cov_${d}_from`)} {...register(`cov_${d}_from`)} />
                    <Field label="To" type="time" optional error={errorFor(`cov_${d}_to`)} {...register(`cov_${d}_to`)} />
                  </div>
                </fieldset>
              ))}
            </div>
            <div className="weights-grid">
              <Field label="Time zone" error={errorFor("timeZone")} {...register("timeZone")} />
              <Field label="Holidays observed" optional placeholder="England and Wales bank holidays" error={errorFor("holidays")} {...register("holidays")} />
            </div>
          </Section>

          <Section title="Critical business periods" help={DEFINITION_HELP.criticalPeriods}>
            {rows("p").map((i) => (
              <fieldset key={i} className="editor-row">
                <legend>{i < rowsIn(values, "p") ? `Critical period ${i + 1}` : "Add a critical period"}</legend>
                <input type="hidden" {...register(`p_${i}_id`)} />
                <div className="weights-grid">
                  <Field label="Name" optional placeholder="Month-end close" error={errorFor(`p_${i}_name`)} {...register(`p_${i}_name`)} />
                  <Field label="When it falls" optional error={errorFor(`p_${i}_when`)} {...register(`p_${i}_when`)} />
                </div>
                <Field label="Answers needs" optional help={NEEDS_HELP} error={errorFor(`p_${i}_needs`)} {...register(`p_${i}_needs`)} />
              </fieldset>
            ))}
          </Section>

          <Section title="Service levels" help={`${DEFINITION_HELP.serviceLevels} A level for a new critical period can be set once the period is saved.`}>
            {rows("l").map((i) => (
              <LevelRow key={i} i={i} existing={i < rowsIn(values, "l")} register={r} errorFor={errorFor} periods={data.periods} />
            ))}
          </Section>

          <Section title="Support and escalation" help={DEFINITION_HELP.support}>
            <TextareaField label="How to get help" optional rows={3} error={errorFor("support")} {...register("support")} />
            <TextareaField label="Escalation" optional rows={3} error={errorFor("escalation")} {...register("escalation")} />
          </Section>

          <Section title="What the provider carries" help={DEFINITION_HELP.providerOwns}>
            <TextareaField label="Costs" optional rows={2} error={errorFor("providerCosts")} {...register("providerCosts")} />
            <TextareaField label="Risks" optional rows={2} error={errorFor("providerRisks")} {...register("providerRisks")} />
          </Section>

          <Field label="Other needs the service answers" optional help={`Needs answered by the service as a whole, not one clause. ${NEEDS_HELP}`} error={errorFor("needs")} {...register("needs")} />
          <FormActions submit="Save the definition" cancelTo={`/services/${data.id}`} />
        </RemixForm>
      </Panel>
    </>
  );
}

function Section({ title, help, children }: { title: string; help: string; children: React.ReactNode }) {
  return (
    <section className="stack" aria-label={title}>
      <h2 className="panel-title">{title}</h2>
      <p className="field-help">{help}</p>
      {children}
    </section>
  );
}

function LevelRow({ i, existing, register, errorFor, periods }: { i: number; existing: boolean; register: Reg; errorFor: ErrorFor; periods: { id: string; name: string }[] }) {
  return (
    <fieldset className="editor-row">
      <legend>{existing ? `Service level ${i + 1}` : "Add a service level"}</legend>
      <input type="hidden" {...register(`l_${i}_id`)} />
      <div className="weights-grid">
        <SelectField label="When" options={[{ value: "", label: "Normal time" }, ...periods.map((p) => ({ value: p.id, label: `During ${p.name}` }))]} error={errorFor(`l_${i}_period`)} {...register(`l_${i}_period`)} />
        <Field label="Measure" optional placeholder="Accounts opened within" error={errorFor(`l_${i}_measure`)} {...register(`l_${i}_measure`)} />
        <SelectField label="Target is" options={MEASURE_KINDS.map((k) => ({ value: k, label: MEASURE_KIND_LABELS[k] }))} error={errorFor(`l_${i}_kind`)} {...register(`l_${i}_kind`)} />
        <Field label="Target" optional placeholder="20" error={errorFor(`l_${i}_target`)} {...register(`l_${i}_target`)} />
      </div>
      <Field label="How it is measured" optional error={errorFor(`l_${i}_how`)} {...register(`l_${i}_how`)} />
      <Field label="Answers needs" optional help={NEEDS_HELP} error={errorFor(`l_${i}_needs`)} {...register(`l_${i}_needs`)} />
    </fieldset>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
