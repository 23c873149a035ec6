import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AttainmentTable, AttainmentTrend } from "../components/reviews/attainment";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { Button, ButtonLink } from "../components/ui/button";
import { EmptyState } from "../components/ui/empty-state";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { fieldErrors, nestFields } from "../domain/fields";
import { addMonths, attainment, formatValue, monthLabel, monthsEnding, monthStart, recordMeasuresSchema, targetWords, type MeasuredLevel } from "../domain/review";
import { can } from "../domain/roles";
import { latestMeasuredMonth, levelsInForce, measurementsOf, recordMeasures } from "../models/measures.server";
import { AppError } from "../models/errors.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Measures: ${data?.service.name ?? "service"} · Charter` }];

const thisMonth = () => `${new Date().toISOString().slice(0, 7)}-01`;
const MONTHS_SHOWN = 12;

/** The month to record: ?month=YYYY-MM (up to this month), else the one after the newest measured (a month is measured once it is over: never past last month), else last month. */
function monthToRecord(asked: string | null, latest: string | null): { month: string; problem: string | null } {
  if (asked) {
    const m = monthStart(asked);
    if (!m) return { month: addMonths(thisMonth(), -1), problem: `"${asked}" is not a month like 2026-03: showing last month instead.` };
    if (m > thisMonth()) return { month: thisMonth(), problem: "That month has not begun: showing this month instead." };
    return { month: m, problem: null };
  }
  if (latest) {
    const next = addMonths(latest, 1);
    const last = addMonths(thisMonth(), -1);
    return { month: next > last ? last : next, problem: null };
  }
  return { month: addMonths(thisMonth(), -1), problem: null };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "services:read" });
  const id = requireIdParam(params.serviceId);
  const inForce = await levelsInForce(id);
  if (!inForce) throw notFound("That service does not exist.");
  const latest = await latestMeasuredMonth(id);
  const { month, problem } = monthToRecord(new URL(request.url).searchParams.get("month"), latest);
  const months = monthsEnding(latest && latest > month ? latest : month, MONTHS_SHOWN);
  const measurements = await measurementsOf(id, months[0]);
  const inMonth = measurements.filter((m) => m.period === month);
  const current = Object.fromEntries(inMonth.map((m) => [m.levelId, m.value === null ? (m.met ? "met" : "missed") : String(m.value)]));
  const recorded = Object.fromEntries(inMonth.map((m) => [m.levelId, { met: m.met, target: m.target }]));
  return json({
    service: { id, name: inForce.name },
    agreedVersion: inForce.agreedVersion,
    levels: inForce.levels,
    month,
    monthProblem: problem,
    current,
    recorded,
    months,
    measurements,
    mayEdit: can(user.role, "services:edit"),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "services:edit" });
  const id = requireIdParam(params.serviceId);
  const flat = formDataToObject(await readFormData(request));
  const parsed = recordMeasuresSchema.safeParse(nestFields(flat));
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), formError: "Some values need another look; nothing was saved." as string | undefined, values: flat }, { status: 400 });
  try {
    const result = await recordMeasures({ serviceId: id, input: parsed.data, actor: actorFor(user, requestMeta(request, context)) });
    if (!result.ok) return json({ errors: result.errors, formError: "Some values need another look; nothing was saved." as string | undefined, values: flat }, { status: 400 });
    const what = result.saved || result.cleared ? `${result.saved} value${result.saved === 1 ? "" : "s"} saved${result.cleared ? `, ${result.cleared} cleared` : ""}` : "Nothing changed";
    return redirectWithFlash(`/services/${id}/measures?month=${result.period.slice(0, 7)}`, { kind: "success", message: `${monthLabel(result.period)}: ${what}.` });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404) throw notFound(error.message);
    return json({ errors: error.field ? { [error.field]: error.message } : ({} as Record<string, string>), formError: error.field ? undefined : error.message, values: flat }, { status: error.status });
  }
}

export default function Measures() {
  const data = useLoaderData<typeof loader>();
  const { service, levels, months } = data;
  const groups = attainment(levels, data.measurements, months);
  const any = data.measurements.length > 0;
  return (
    <>
      <PageHeader
        title={`Measures: ${service.name}`}
        description={
          data.agreedVersion
            ? `The service levels of version ${data.agreedVersion}, as agreed, with what each month measured.`
            : "No version is agreed yet: these are the draft's service levels."
        }
        breadcrumbs={[
          { to: "/services", label: "Services" },
          { to: `/services/${service.id}`, label: service.name },
        ]}
        actions={data.mayEdit ? <ButtonLink to="/services/import-measures" variant="secondary" size="sm">Import from a spreadsheet</ButtonLink> : undefined}
      />
      <div className="stack-lg">
        {levels.length === 0 ? (
          <Panel>
            <EmptyState title="No service levels to measure" action={data.mayEdit ? <ButtonLink to={`/services/${service.id}/definition`} size="sm">Add service levels</ButtonLink> : undefined}>
              Once the definition states service levels with their targets, each month&apos;s values are recorded here.
            </EmptyState>
          </Panel>
        ) : data.mayEdit ? (
          <RecordMonth key={data.month} />
        ) : null}
        {levels.length ? (
          <Panel title={`Attainment, ${monthLabel(months[0]!)} to ${monthLabel(months[months.length - 1]!)}`}>
            {any ? (
              <>
                <AttainmentTrend groups={groups} months={months} />
                <AttainmentTable groups={groups} months={months} />
              </>
            ) : (
              <EmptyState title="Nothing measured yet">Each month&apos;s values show here against their targets, normal time apart from each critical period.</EmptyState>
            )}
          </Panel>
        ) : null}
      </div>
    </>
  );
}

function RecordMonth() {
  const data = useLoaderData<typeof loader>();
  const server = useActionData<typeof action>();
  const initial: Record<string, string> = { period: data.month.slice(0, 7) };
  for (const l of data.levels) initial[`values.${l.id}`] = data.current[l.id] ?? "";
  const shown = (server?.values as Record<string, string> | undefined) ?? initial;
  const { onSubmit, register, errorFor } = useRemixForm(recordMeasuresSchema, {
    defaultValues: { period: data.month.slice(0, 7), values: Object.fromEntries(data.levels.map((l) => [l.id, data.current[l.id] ?? ""])) },
    server,
  });
  const byPeriod = new Map<string, MeasuredLevel[]>();
  for (const l of data.levels) byPeriod.set(l.periodName ?? "Normal time", [...(byPeriod.get(l.periodName ?? "Normal time") ?? []), l]);
  return (
    <Panel title={`Record ${monthLabel(data.month)}`}>
      <Form method="get" className="inline-form" aria-label="Choose the month">
        <label className="field-label" htmlFor="month-picker">
          Month
        </label>
        <input id="month-picker" className="input input-narrow" type="month" name="month" defaultValue={data.month.slice(0, 7)} max={thisMonth().slice(0, 7)} />
        <Button type="submit" variant="secondary" size="sm">
          Show
        </Button>
      </Form>
      {data.monthProblem ? <p className="field-error">{data.monthProblem}</p> : null}
      <RemixForm onSubmit={onSubmit} aria-label={`Values for ${monthLabel(data.month)}`}>
        <FormError message={server?.formError ?? errorFor("period")} />
        {server?.formError && errorFor("period") ? <p className="field-error">{errorFor("period")}</p> : null}
        <input type="hidden" defaultValue={shown.period ?? initial.period} {...register("period")} />
        {[...byPeriod].map(([period, levels]) => (
          <fieldset key={period} className="stack plain-fieldset">
            <legend className="field-label">{period}</legend>
            <div className="measure-rows">
              {levels.map((l) => {
                const name = `values.${l.id}`;
                const error = errorFor(name);
                return (
                  <div key={l.id} className="measure-row">
                    <label htmlFor={`m-${l.id}`}>
                      {l.measure}
                      <span className="muted small"> · target {targetWords(l.kind, l.target)}</span>
                    </label>
                    <input
                      id={`m-${l.id}`}
                      className="input input-narrow"
                      inputMode={l.kind === "text" ? "text" : "decimal"}
                      placeholder={l.kind === "text" ? "met or missed" : l.kind === "percent" ? "e.g. 99.6" : "e.g. 12"}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `m-${l.id}-error` : undefined}
                      defaultValue={shown[name] ?? ""}
                      {...register(name)}
                    />
                    {error ? (
                      <p className="field-error" id={`m-${l.id}-error`}>
                        {error}
                      </p>
                    ) : data.recorded[l.id] ? (
                      <p className={`small ${data.recorded[l.id]!.met ? "muted" : "attain-low"}`}>
                        Recorded: {l.kind === "text" ? "" : `${formatValue(l.kind, Number(data.current[l.id]), data.recorded[l.id]!.met)}, `}
                        {data.recorded[l.id]!.met ? "met" : "missed"} the target
                        {data.recorded[l.id]!.target !== l.target ? ` of ${data.recorded[l.id]!.target} then` : ""}
                      </p>
                    ) : null}
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
        <p className="small muted">Leave a level blank if it was not measured; clearing a value removes it.</p>
        <FormActions submit={`Save ${monthLabel(data.month)}`} />
      </RemixForm>
      <p className="small">
        <Link to={`/services/${data.service.id}`}>Back to {data.service.name}</Link>
      </p>
    </Panel>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
