import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { Button } from "../components/ui/button";
import { Field, FormError, SelectField, TextareaField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { fieldErrors, nestFields } from "../domain/fields";
import { formatDay } from "../domain/interview";
import {
  attainment,
  BLANK_ROWS,
  CHANGE_EVENT_KINDS,
  CHANGE_EVENT_LABELS,
  EFFECTIVENESS,
  EFFECTIVENESS_HELP,
  EFFECTIVENESS_LABELS,
  MAX_ACTIONS,
  MAX_CHANGE_EVENTS,
  measuresSummary,
  monthsEnding,
  reviewFormSchema,
} from "../domain/review";
import { AppError } from "../models/errors.server";
import { latestMeasuredMonth, levelsInForce, measurementsOf } from "../models/measures.server";
import { recordReview, reviewsOf } from "../models/review.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Record a review: ${data?.service.name ?? "service"} · Charter` }];

const today = () => new Date().toISOString().slice(0, 10);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "services:edit" });
  const id = requireIdParam(params.serviceId);
  const inForce = await levelsInForce(id);
  if (!inForce) throw notFound("That service does not exist.");
  const [reviews, latest] = await Promise.all([reviewsOf(id), latestMeasuredMonth(id)]);
  const last = reviews[0] ?? null;
  // What the measures showed since the last review (at most a year), as a starting text.
  let summary = "";
  if (latest) {
    const since = last ? `${last.reviewedOn.slice(0, 7)}-01` : null;
    const months = monthsEnding(latest, 12).filter((m) => !since || m > since);
    if (months.length) summary = measuresSummary(attainment(inForce.levels, await measurementsOf(id, months[0]), months), months);
  }
  return json({
    service: { id, name: inForce.name },
    agreedVersion: inForce.agreedVersion,
    last: last && { on: last.reviewedOn, effectiveness: last.effectiveness },
    defaults: { reviewedOn: today(), effectiveness: "", measuresSummary: summary, notes: "" } as Record<string, string>,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "services:edit" });
  const id = requireIdParam(params.serviceId);
  const values = formDataToObject(await readFormData(request));
  const rows = { events: Number(values.eventRows) || BLANK_ROWS, actions: Number(values.actionRows) || BLANK_ROWS };
  // Without JavaScript, "more rows" posts what was typed and gets it back with room for more.
  if (values.intent === "more-events" || values.intent === "more-actions") {
    const key = values.intent === "more-events" ? "events" : "actions";
    rows[key] = Math.min(rows[key] + BLANK_ROWS, key === "events" ? MAX_CHANGE_EVENTS : MAX_ACTIONS);
    return json({ errors: {} as Record<string, string>, formError: undefined as string | undefined, values, rows });
  }
  const parsed = reviewFormSchema.safeParse(nestFields(values));
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), formError: "Some answers need another look; nothing was saved." as string | undefined, values, rows }, { status: 400 });
  try {
    const { nextReview } = await recordReview({ serviceId: id, input: parsed.data, actor: actorFor(user, requestMeta(request, context)) });
    return redirectWithFlash(`/services/${id}#reviews`, {
      kind: "success",
      message: `Review recorded.${nextReview ? ` The next one is due on ${formatDay(nextReview)}.` : ""}`,
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404) throw notFound(error.message);
    return json({ errors: error.field ? { [error.field]: error.message } : ({} as Record<string, string>), formError: error.field ? undefined : error.message, values, rows }, { status: error.status });
  }
}

const kindOptions = CHANGE_EVENT_KINDS.map((k) => ({ value: k, label: CHANGE_EVENT_LABELS[k] }));

export default function RecordReview() {
  const { service, agreedVersion, last, defaults } = useLoaderData<typeof loader>();
  const server = useActionData<typeof action>();
  const initial = ((server?.values as Record<string, string> | undefined) ?? defaults) as Record<string, string | undefined>;
  const [eventRows, setEventRows] = useState(server?.rows.events ?? BLANK_ROWS);
  const [actionRows, setActionRows] = useState(server?.rows.actions ?? BLANK_ROWS);
  const { onSubmit, register, choice, errorFor, restored } = useRemixForm(reviewFormSchema, { defaultValues: nestFields(initial as Record<string, string>), server, draftKey: `review-${service.id}` });
  const field = (name: string) => ({ error: errorFor(name), ...register(name) });
  return (
    <>
      <PageHeader
        title="Record a review"
        description={`Is ${service.name} still doing what the business needs of it? ${agreedVersion ? `Reviewing version ${agreedVersion}, as agreed.` : "No version is agreed yet."}${last ? ` The last review, on ${formatDay(last.on)}, found it ${EFFECTIVENESS_LABELS[last.effectiveness].toLowerCase()}.` : ""}`}
        breadcrumbs={[
          { to: "/services", label: "Services" },
          { to: `/services/${service.id}`, label: service.name },
        ]}
      />
      <Panel narrow>
        <RemixForm onSubmit={onSubmit} restored={restored} aria-label="Record a review">
          <FormError message={server?.formError} />
          <input type="hidden" name="eventRows" value={eventRows} />
          <input type="hidden" name="actionRows" value={actionRows} />
          <Field label="Reviewed on" type="date" max={today()} {...field("reviewedOn")} />
          <fieldset className="stack plain-fieldset">
            <legend className="field-label">How effective is the service?</legend>
            {EFFECTIVENESS.map((e) => (
              <label key={e} className="choice">
                <input type="radio" {...choice("effectiveness", e)} /> <strong>{EFFECTIVENESS_LABELS[e]}</strong>
                <span className="muted small"> · {EFFECTIVENESS_HELP[e]}</span>
              </label>
            ))}
            {errorFor("effectiveness") ? <p className="field-error">{errorFor("effectiveness")}</p> : null}
          </fieldset>
          <fieldset className="stack plain-fieldset">
            <legend className="field-label">What changed since the last review</legend>
            <p className="field-help">Reorganisations, new processes, supplier changes, regulation, technology: each with when it happened. Leave rows you do not need blank.</p>
            {Array.from({ length: eventRows }, (_, i) => (
              <div key={i} className="repeat-row">
                <SelectField label={`Change ${i + 1}: kind`} optional options={kindOptions} placeholder="—" {...field(`events.${i}.kind`)} />
                <Field label="When" optional type="date" max={today()} {...field(`events.${i}.occurredOn`)} />
                <TextareaField label="What changed" optional rows={2} {...field(`events.${i}.description`)} />
              </div>
            ))}
            {eventRows < MAX_CHANGE_EVENTS ? (
              <Button type="submit" name="intent" value="more-events" variant="ghost" size="sm" formNoValidate onClick={(e) => (e.preventDefault(), setEventRows((n) => Math.min(n + 1, MAX_CHANGE_EVENTS)))}>
                Another change
              </Button>
            ) : null}
          </fieldset>
          <TextareaField label="What the measures showed" optional rows={5} help="Started from the measures recorded since the last review; say what the numbers mean for the business." {...field("measuresSummary")} />
          <TextareaField label="Notes" optional rows={4} help="What the business said, what works around what." {...field("notes")} />
          <fieldset className="stack plain-fieldset">
            <legend className="field-label">Actions</legend>
            {Array.from({ length: actionRows }, (_, i) => (
              <div key={i} className="repeat-row">
                <TextareaField label={`Action ${i + 1}`} optional rows={2} {...field(`actions.${i}.text`)} />
                <Field label="Owner" optional {...field(`actions.${i}.owner`)} />
                <Field label="Due" optional type="date" {...field(`actions.${i}.dueOn`)} />
              </div>
            ))}
            {actionRows < MAX_ACTIONS ? (
              <Button type="submit" name="intent" value="more-actions" variant="ghost" size="sm" formNoValidate onClick={(e) => (e.preventDefault(), setActionRows((n) => Math.min(n + 1, MAX_ACTIONS)))}>
                Another action
              </Button>
            ) : null}
          </fieldset>
          <FormActions submit="Record the review" cancelTo={`/services/${service.id}`} />
        </RemixForm>
      </Panel>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
